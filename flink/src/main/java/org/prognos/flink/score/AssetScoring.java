package org.prognos.flink.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.prognos.features.extract.AssetState;
import org.prognos.features.extract.EventCursor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.RowSink;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.live.alert.AlertRule;
import org.prognos.live.alert.AlertTracker;
import org.prognos.live.alert.DataTime;
import org.prognos.live.alert.Observations;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.Scorer;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * One asset's streaming features, scores and alerts, keyed by asset. Its feature state is the feature library's
 * {@link AssetState}, kept in Flink keyed state as the bytes {@link AssetState#snapshot()} writes (the same bytes the
 * service journals), and its alert tracker as the bytes {@link AlertTracker.State#encode()} writes: a checkpoint holds
 * both, so a restore goes on exactly where the checkpoint was, every reading applied once.
 *
 * <p>Each window's readings and events are applied in extraction's order (events up to a reading's time before it);
 * every row they emit is scored by the model runtime, explained when at or past the threshold, and observed by the
 * service's alert rule. Scores go to the main output, alert changes to {@link #ALERTS}, and a window whose first
 * reading is not after the asset's last one (the service rejects it too) to {@link #REJECTED}.
 *
 * <p>The model is loaded once per task, in {@link #open}, from the registry directory {@link ModelSource} names. A
 * job restored from a savepoint under another model starts over where it must, as the service does: an asset's
 * feature state when the model's feature spec differs from the one the state was built under, its alert tracker when
 * the model's name differs (an alert belongs to an asset and a model, across the model's versions).
 */
public final class AssetScoring extends KeyedProcessFunction<String, AssetWindow, ScoreRow> {
    /** Alerts opened and closed. */
    public static final OutputTag<AlertEvent> ALERTS = new OutputTag<>("alerts") { };
    /** Windows not applied: a reading not after the asset's last one. */
    public static final OutputTag<AssetWindow> REJECTED = new OutputTag<>("rejected") { };

    private final ScoringConfig config;
    private transient LoadedModel model;
    private transient AlertRule rule;
    private transient ValueState<byte[]> features;
    private transient ValueState<String> spec;
    private transient ValueState<byte[]> alerts;

    public AssetScoring(ScoringConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext context) {
        model = config.model().load();
        if (!(model.extractor().axis() instanceof TimeAxis.Timestamps)) {
            model.close();
            throw new IllegalArgumentException("model '" + model.name() + "' reads times on a cycle axis; device"
                    + " messages are timestamped");
        }
        rule = config.rule();
        features = getRuntimeContext().getState(
                new ValueStateDescriptor<>("features", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        spec = getRuntimeContext().getState(new ValueStateDescriptor<>("spec", Types.STRING));
        alerts = getRuntimeContext().getState(
                new ValueStateDescriptor<>("alerts", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
        }
    }

    @Override
    public void processElement(AssetWindow window, Context ctx, Collector<ScoreRow> out) throws Exception {
        AssetState state = restoreFeatures(window.asset());
        if (!afterLast(state, window)) {
            ctx.output(REJECTED, window);
            return;
        }
        List<FeatureVector> rows = apply(state, window);
        features.update(state.snapshot());
        spec.update(model.specHash());
        if (rows.isEmpty()) {
            return;
        }
        AlertTracker tracker = restoreTracker(window.asset());
        TimeAxis axis = model.extractor().axis();
        for (FeatureVector row : rows) {
            ScoreResponse answer = score(row);
            double risk = answer.risk().score();
            out.collect(new ScoreRow(window.asset(), model.name(), model.version(), row.time(), axis.format(row.time()),
                    risk, model.policy().band(risk).label(), model.policy().threshold(), row.readings()));
            DataTime time = new DataTime(row.time(), axis.format(row.time()));
            tracker.observe(Observations.of(window.asset(), time, answer, model.extractor()::label))
                    .ifPresent(t -> ctx.output(ALERTS, AlertEvent.of(t)));
        }
        alerts.update(tracker.state().encode());
    }

    private AssetState restoreFeatures(String asset) throws Exception {
        FeatureExtractor ex = model.extractor();
        byte[] saved = features.value();
        boolean sameSpec = model.specHash().equals(spec.value());
        return saved == null || !sameSpec ? ex.newState(asset, config.attributesOf(asset)) : ex.restoreState(asset, saved);
    }

    private AlertTracker restoreTracker(String asset) throws Exception {
        byte[] saved = alerts.value();
        AlertTracker.State state = saved == null ? null : AlertTracker.State.decode(saved);
        return state == null || !state.model().equals(model.name()) ? new AlertTracker(rule, asset, model.name())
                : AlertTracker.restore(rule, state);
    }

    private static boolean afterLast(AssetState state, AssetWindow window) {
        long[] millis = window.sampleMillis();
        if (millis.length == 0 || state.lastReadingTime().isEmpty()) {
            return true;
        }
        long last = state.lastReadingTime().getAsLong();
        for (int i = 0; i < millis.length; i++) {
            if (AssetWindow.ticks(millis[i]) <= (i == 0 ? last : AssetWindow.ticks(millis[i - 1]))) {
                return false;
            }
        }
        return true;
    }

    /** Applies the window's events and readings in extraction's order; the rows they emitted, with their readings. */
    private List<FeatureVector> apply(AssetState state, AssetWindow window) {
        List<FeatureVector> rows = new ArrayList<>();
        RowSink sink = (asset, time, values) -> rows.add(new FeatureVector(Optional.of(asset), time, values.clone(),
                state.readings(), List.of()));
        double[] sample = new double[model.channels().size()];
        EventCursor cursor = new EventCursor(window.events());
        long[] millis = window.sampleMillis();
        for (int i = 0; i < millis.length; i++) {
            long t = AssetWindow.ticks(millis[i]);
            cursor.applyThrough(state, t, sink);
            state.reading(t, window.sample(i, model.channelIndex(), sample), sink);
        }
        cursor.applyRemaining(state, sink);
        return rows;
    }

    /** The answer to one row, explained when at or past the threshold (as the service explains what alerts see). */
    private ScoreResponse score(FeatureVector row) {
        ScoreResponse plain = Scorer.score(model, List.of(row), 0).get(0);
        if (config.topFeatures() > 0 && plain.risk().score() >= plain.risk().threshold()) {
            return Scorer.score(model, List.of(row), config.topFeatures()).get(0);
        }
        return plain;
    }
}
