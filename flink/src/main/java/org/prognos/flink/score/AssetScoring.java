package org.prognos.flink.score;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.prognos.features.extract.AssetState;
import org.prognos.live.alert.AlertTracker;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.runtime.FeatureVector;

/**
 * One asset's streaming features, scores and alerts, keyed by asset (the operator after {@code keyBy(asset)}). Its
 * feature state is the feature library's {@link AssetState}, kept in Flink keyed state as the bytes
 * {@link AssetState#snapshot()} writes (the same bytes the service journals), and its alert tracker as the bytes
 * {@link AlertTracker.State#encode()} writes: a checkpoint holds both, so a restore goes on exactly where the
 * checkpoint was, every reading applied once.
 *
 * <p>Each window's readings and events are applied in extraction's order (events up to a reading's time before it);
 * every row they emit is scored by the model runtime, explained when at or past the threshold, and observed by the
 * service's alert rule: the steps of {@link WindowScorer}. Scores go to the main output, alert changes to
 * {@link #ALERTS}, and a window whose first reading is not after the asset's last one (the service rejects it too) to
 * {@link #REJECTED}.
 *
 * <p><b>Adaptive scoring.</b> For a model scored adaptively ({@code task.scoring: adaptive}) each asset keeps an
 * {@link AdaptiveScorer} as well, in keyed state as the bytes {@link AdaptiveScorer#snapshot()} writes (the bytes the
 * service snapshots), decoded and cached with the rest, and beside them the {@link org.prognos.models.anomaly.AdaptiveBasis}
 * it was made under. Every row the feature state emits is scored, so the scorer sees the rows the batch path gives it,
 * in order. Its restart rules are the service's: a job restored under another version of the model restores the
 * bytes when that version means the same to them ({@link WindowScorer#whyRestart}, the rule of the service's reload
 * and restore) and the feature state goes on; otherwise the scorer starts afresh (warm-up included) and the task logs
 * why, once per reason.
 *
 * <p><b>Decoded state between messages.</b> Decoding an asset's state from its bytes and encoding it again took about
 * half of this operator's time when it was done at every message (a profile of the benchmark in
 * {@code docs/benchmarks.md}). So each task keeps the decoded states of up to {@link ScoringConfig#cachedAssets()}
 * assets and writes their bytes to keyed state, for every asset changed since, in {@link #snapshotState}, which runs
 * before the keyed state backend takes its snapshot (a checkpoint or savepoint therefore holds every reading applied
 * before its barrier, as before). When the cache is full, an asset not in it is decoded, applied and written back at
 * once, as without a cache, and the cached ones stay: a fleet reports in cycles (every asset once an interval), and
 * evicting the least recently used asset for each newcomer would, with even one asset more than the cache holds, miss
 * at every message. What is
 * only in the cache when a task fails is lost with the task, and the restore from the last checkpoint replays it, as
 * it replays everything after the checkpoint. The cache holds only keys of this task's key groups and starts empty
 * after every restore or rescale, so it never holds a state that keyed state does not own.
 *
 * <p>The model is loaded once per task, in {@link #open}, from the registry directory {@link ModelSource} names. A
 * job restored from a savepoint under another model starts over where it must, as the service does: an asset's
 * feature state when the model's feature spec differs from the one the state was built under, its alert tracker when
 * the model's name differs (an alert belongs to an asset and a model, across the model's versions). The state's
 * names and serializers are those of the earlier {@code KeyedProcessFunction} version (restoring one of its
 * savepoints has not been tried).
 */
public final class AssetScoring extends AbstractStreamOperator<ScoreRow> implements OneInputStreamOperator<AssetWindow, ScoreRow> {
    /** Alerts opened and closed. */
    public static final OutputTag<AlertEvent> ALERTS = new OutputTag<>("alerts") { };
    /** Windows not applied: a reading not after the asset's last one. */
    public static final OutputTag<AssetWindow> REJECTED = new OutputTag<>("rejected") { };

    private static final System.Logger RESTARTS = System.getLogger(AssetScoring.class.getName());

    private final ScoringConfig config;
    private transient WindowScorer scorer;
    private transient ValueState<byte[]> features;
    private transient ValueState<String> spec;
    private transient ValueState<byte[]> alerts;
    /** A model scored adaptively: the asset's {@link AdaptiveScorer#snapshot()} bytes, the service's bytes. */
    private transient ValueState<byte[]> adaptive;
    /** What the adaptive bytes mean ({@link WindowScorer#adaptiveBasis()}: the basis of the load they were taken under). */
    private transient ValueState<String> adaptiveModel;
    /** Why this task restarted assets' adaptive scorers, each logged once. */
    private transient Set<String> restartReasons;
    /** Decoded assets of this task. */
    private transient HashMap<String, Decoded> cache;

    /**
     * An asset's decoded state; {@code tracker} and {@code scorer} (a model scored adaptively) are read from keyed
     * state the first time a row needs them. {@code rebuilt}: the feature state started afresh, so does the scorer.
     */
    private static final class Decoded {
        final AssetState state;
        final boolean rebuilt;
        AlertTracker tracker;
        AdaptiveScorer scorer;
        boolean changed;

        Decoded(AssetState state, boolean rebuilt) {
            this.state = state;
            this.rebuilt = rebuilt;
        }
    }

    public AssetScoring(ScoringConfig config) {
        this.config = config;
    }

    @Override
    public void open() throws Exception {
        super.open();
        scorer = WindowScorer.open(config);
        features = getRuntimeContext().getState(
                new ValueStateDescriptor<>("features", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        spec = getRuntimeContext().getState(new ValueStateDescriptor<>("spec", Types.STRING));
        alerts = getRuntimeContext().getState(
                new ValueStateDescriptor<>("alerts", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        adaptive = getRuntimeContext().getState(
                new ValueStateDescriptor<>("adaptive", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        adaptiveModel = getRuntimeContext().getState(new ValueStateDescriptor<>("adaptiveModel", Types.STRING));
        cache = new HashMap<>();
        restartReasons = new HashSet<>();
    }

    @Override
    public void close() throws Exception {
        try {
            if (scorer != null) {
                scorer.close();
            }
        } finally {
            super.close();
        }
    }

    @Override
    public void processElement(StreamRecord<AssetWindow> element) throws Exception {
        AssetWindow window = element.getValue();
        String asset = (String) getCurrentKey();
        Decoded d = decoded(asset);
        if (!WindowScorer.accepts(d.state, window)) {
            output.collect(REJECTED, new StreamRecord<>(window, element.getTimestamp()));
        } else {
            List<FeatureVector> rows = scorer.apply(d.state, window);
            d.changed = true;
            if (!rows.isEmpty()) {
                if (d.tracker == null) {
                    d.tracker = restoreTracker(asset);
                }
                if (scorer.adaptive() && d.scorer == null) {
                    d.scorer = restoreAdaptive(asset, d);
                }
                WindowScorer.Scored scored = scorer.score(asset, rows, d.tracker, d.scorer);
                scored.rows().forEach(r -> output.collect(new StreamRecord<>(r, element.getTimestamp())));
                scored.alerts().forEach(a -> output.collect(ALERTS, new StreamRecord<>(a, element.getTimestamp())));
            }
        }
        if (cache.size() > config.cachedAssets()) {
            Decoded uncached = cache.remove(asset);
            if (uncached.changed) {
                write(uncached);
            }
        }
    }

    /** Writes every asset changed since it was last written, before the keyed state backend takes its snapshot. */
    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        for (Map.Entry<String, Decoded> e : cache.entrySet()) {
            if (e.getValue().changed) {
                setCurrentKey(e.getKey());
                write(e.getValue());
            }
        }
        super.snapshotState(context);
    }

    /** The asset's decoded state: the cached one, or read from keyed state (the current key) and cached for now. */
    private Decoded decoded(String asset) throws Exception {
        Decoded d = cache.get(asset);
        if (d == null) {
            byte[] saved = features.value();
            boolean sameSpec = scorer.specHash().equals(spec.value());
            boolean rebuilt = saved == null || !sameSpec;
            d = new Decoded(rebuilt ? scorer.newState(asset) : scorer.restoreState(asset, saved), rebuilt);
            cache.put(asset, d);
        }
        return d;
    }

    /** The current key's state into keyed state. */
    private void write(Decoded d) throws Exception {
        features.update(d.state.snapshot());
        spec.update(scorer.specHash());
        if (d.tracker != null) {
            alerts.update(d.tracker.state().encode());
        }
        if (d.scorer != null) {
            adaptive.update(d.scorer.snapshot());
            adaptiveModel.update(scorer.adaptiveBasis());
        }
        d.changed = false;
    }

    /**
     * The asset's adaptive scorer under the service's rules: the saved one when it was taken under a load of the model
     * that means the same ({@link WindowScorer#whyRestart}) and the feature state went on; a fresh one, warm-up
     * included, otherwise (logged once per reason).
     */
    private AdaptiveScorer restoreAdaptive(String asset, Decoded d) throws Exception {
        byte[] saved = adaptive.value();
        if (d.rebuilt || saved == null) {
            return scorer.newAdaptive(asset);
        }
        String basis = adaptiveModel.value();
        Optional<String> why = basis == null ? Optional.of("the scorer was kept without its basis")
                : scorer.whyRestart(basis);
        if (why.isPresent()) {
            if (restartReasons.add(why.get())) {
                RESTARTS.log(System.Logger.Level.INFO, "{0}: assets'' adaptive scorers restart (warming up): {1}",
                        scorer.modelName(), why.get());
            }
            return scorer.newAdaptive(asset);
        }
        return scorer.restoreAdaptive(asset, saved);
    }

    private AlertTracker restoreTracker(String asset) throws Exception {
        byte[] saved = alerts.value();
        return saved == null ? scorer.newTracker(asset) : scorer.restoreTracker(asset, AlertTracker.State.decode(saved));
    }
}
