package org.prognos.inference.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.prognos.features.extract.AssetState;
import org.prognos.features.extract.EventCursor;
import org.prognos.features.extract.RowSink;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.ConflictException;
import org.prognos.inference.InvalidRequestException;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.UnknownAssetException;
import org.prognos.inference.api.AtRiskResponse;
import org.prognos.inference.api.IngestResponse;
import org.prognos.models.runtime.answer.ModelRef;
import org.prognos.models.runtime.answer.ScoreResponse;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.catalog.ModelLease;
import org.prognos.inference.catalog.ServedModel;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.models.runtime.RiskBand;
import org.prognos.models.runtime.Scorer;
import org.prognos.inference.scoring.WindowSchema;
import org.prognos.models.PredictionException;

/**
 * Live scoring from streamed readings. Each asset keeps one bounded {@link AssetState} (the one batch extraction
 * runs), built with the spec of the model it follows; readings update it as they arrive, a score evaluates it
 * just after the asset's last reading, and the at-risk list ranks every tracked asset by its latest risk. Readings
 * arrive as typed windows ({@link ReadingWindow}, read against the model's {@link #schema}); it knows nothing of
 * HTTP or JSON.
 *
 * <p>Bounds: at most {@code state.maxAssets} assets (least recently used evicted), idle ones evicted after
 * {@code state.idleTimeoutSeconds}; each state's size is {@code AssetState.estimatedBytes()} plus
 * {@value AssetSlot#OVERHEAD_BYTES} bytes. If a reload changes the model's feature spec (another spec hash), an
 * asset's state is rebuilt empty on its next readings (its old windows were computed another way).
 */
public final class StreamingService {
    /** Asset ids: one safe token, as they appear in URLs and logs. */
    public static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    /** Largest {@code limit} of the at-risk list. */
    public static final int MAX_AT_RISK = 1000;

    private final ModelCatalog catalog;
    private final ServiceMetrics metrics;
    private final int topFeatures;
    private final AssetStore store;

    public StreamingService(ModelCatalog catalog, ServiceMetrics metrics, ServiceConfig config, LongSupplier nanoTime) {
        this.catalog = catalog;
        this.metrics = metrics;
        this.topFeatures = Math.max(1, config.explain().topFeatures());
        this.store = new AssetStore(config.state().maxAssets(), (long) (config.state().idleTimeoutSeconds() * 1e9),
                nanoTime, metrics);
        metrics.trackAssetStates(store::size, store::bytes);
    }

    /** Evicts idle assets (called periodically); returns how many. */
    public int sweep() {
        return store.sweep();
    }

    /** How many assets are tracked. */
    public int tracked() {
        return store.size();
    }

    /**
     * The model whose spec {@code asset}'s readings follow: {@code model} when given, else the only model served.
     *
     * @throws InvalidRequestException when the asset id is not allowed, or several models are served and none is named
     */
    public String modelFor(String asset, Optional<String> model) {
        requireAssetName(asset);
        return model.orElseGet(() -> catalog.only().orElseThrow(() -> new InvalidRequestException(
                "several models are served " + catalog.names() + ": name the one whose features this asset follows with"
                        + " ?model=NAME or the X-Prognos-Model header")));
    }

    /**
     * What readings for {@code model} are read against: the schema of its current version.
     *
     * @throws org.prognos.models.ModelNotFoundException when no model of that name is served
     */
    public WindowSchema schema(String model) {
        return WindowSchema.of(catalog.peek(model));
    }

    /**
     * Applies a window's readings and events to {@code asset}'s state, creating it (with the window's attributes)
     * when new.
     *
     * @param model the model whose spec the asset follows (see {@link #modelFor})
     */
    public IngestResponse ingest(String asset, String model, ReadingWindow window) {
        requireAssetName(asset);
        try (ModelLease lease = catalog.acquire(model)) {
            ServedModel m = lease.model();
            window.schema().requireMatch(m);
            TimeAxis axis = m.extractor().axis();
            AssetSlot slot = store.getOrCreate(asset);
            List<String> warnings = new ArrayList<>(window.warnings());
            synchronized (slot) {
                if (slot.model != null && !slot.model.equals(m.name())) {
                    throw new ConflictException("asset '" + asset + "' follows model '" + slot.model + "'; its readings cannot"
                            + " feed '" + m.name() + "' (send them with ?model=" + slot.model + ")");
                }
                if (slot.state == null || !slot.specHash.equals(m.specHash())) {
                    if (slot.state != null) {
                        warnings.add("the model's feature spec changed (reload to " + m + "): the asset's state was rebuilt"
                                + " from these readings");
                    }
                    slot.state = m.extractor().newState(asset, window.attributes());
                    slot.model = m.name();
                    slot.specHash = m.specHash();
                }
                AssetState state = slot.state;
                long[] times = window.times();
                if (times.length > 0 && state.lastReadingTime().isPresent() && times[0] <= state.lastReadingTime().getAsLong()) {
                    throw new InvalidRequestException("readings[0].time: " + axis.format(times[0]) + " is not after the asset's"
                            + " last reading " + axis.format(state.lastReadingTime().getAsLong()) + "; readings of one asset"
                            + " must arrive in increasing time");
                }
                List<Event> events = window.events();
                RowSink discard = RowSink.discard();
                int nc = m.channels().size();
                double[] row = new double[nc];
                double[] values = window.values();
                EventCursor cursor = new EventCursor(events);
                for (int i = 0; i < times.length; i++) {
                    cursor.applyThrough(state, times[i], discard);
                    System.arraycopy(values, i * nc, row, 0, nc);
                    state.reading(times[i], row, discard);
                }
                cursor.applyRemaining(state, discard);
                slot.version++;
                slot.bytes = state.estimatedBytes() + AssetSlot.OVERHEAD_BYTES;
                metrics.ingested(times.length);
                return new IngestResponse(asset, new ModelRef(m.name(), m.version()), times.length, events.size(),
                        state.readings(), state.lastReadingTime().isPresent() ? axis.format(state.lastReadingTime().getAsLong()) : "",
                        slot.bytes, warnings);
            }
        }
    }

    /** Scores {@code asset} just after its last reading, explained. */
    public ScoreResponse score(String asset) {
        requireAssetName(asset);
        AssetSlot slot = store.get(asset).orElseThrow(() -> unknown(asset));
        String model;
        synchronized (slot) {
            model = slot.model;
        }
        try (ModelLease lease = catalog.acquire(model)) {
            ServedModel m = lease.model();
            FeatureVector v;
            synchronized (slot) {
                v = vector(slot, m).orElseThrow(() -> new InvalidRequestException("asset '" + asset + "' has no readings yet;"
                        + " POST readings to /v1/assets/" + asset + "/readings first"));
            }
            ScoreResponse answer = Scorer.score(m.loaded(), List.of(v), topFeatures).get(0);
            metrics.scored(m.name(), answer.risk().band());
            return answer;
        }
    }

    /** The {@code limit} tracked assets of highest risk (optionally of one model), rescoring changed ones in batches. */
    public AtRiskResponse atRisk(int limit, Optional<String> model) {
        if (limit < 1 || limit > MAX_AT_RISK) {
            throw new InvalidRequestException("limit: must be between 1 and " + MAX_AT_RISK + ", found " + limit);
        }
        model.ifPresent(catalog::peek);
        List<AssetSlot> slots = store.snapshot();
        Map<String, List<AssetSlot>> stale = new LinkedHashMap<>();
        for (AssetSlot s : slots) {
            synchronized (s) {
                if (s.state != null && !s.scoreCurrent() && s.state.readings() > 0) {
                    stale.computeIfAbsent(s.model, k -> new ArrayList<>()).add(s);
                }
            }
        }
        stale.forEach(this::rescore);
        List<AtRiskResponse.AtRiskAsset> ranked = new ArrayList<>();
        for (AssetSlot s : slots) {
            synchronized (s) {
                if (s.scoredBy != null && (model.isEmpty() || model.get().equals(s.scoredBy.name()))) {
                    ranked.add(new AtRiskResponse.AtRiskAsset(s.asset, s.scoredBy, formatted(s), s.risk, s.band, s.health));
                }
            }
        }
        ranked.sort(Comparator.comparingDouble((AtRiskResponse.AtRiskAsset a) -> -a.risk()).thenComparing(AtRiskResponse.AtRiskAsset::asset));
        return new AtRiskResponse(ranked.subList(0, Math.min(limit, ranked.size())), slots.size());
    }

    private String formatted(AssetSlot s) {
        try {
            return catalog.peek(s.scoredBy.name()).extractor().axis().format(s.scoredAt);
        } catch (RuntimeException e) {
            return Long.toString(s.scoredAt);
        }
    }

    /** Rescores the stale slots of one model with one prediction call. */
    private void rescore(String model, List<AssetSlot> slots) {
        try (ModelLease lease = catalog.acquire(model)) {
            ServedModel m = lease.model();
            List<AssetSlot> used = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            List<Long> versions = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            for (AssetSlot s : slots) {
                synchronized (s) {
                    Optional<FeatureVector> v = vector(s, m);
                    if (v.isPresent()) {
                        used.add(s);
                        rows.add(v.get().values());
                        versions.add(s.version);
                        times.add(v.get().time());
                    }
                }
            }
            if (rows.isEmpty()) {
                return;
            }
            double[] risks;
            try {
                risks = Scorer.risks(m.loaded(), rows.toArray(double[][]::new));
            } catch (PredictionException e) {
                // one asset's vector the model cannot score (say, every feature missing) must not hide the others
                risks = new double[rows.size()];
                for (int i = 0; i < risks.length; i++) {
                    try {
                        risks[i] = Scorer.risks(m.loaded(), new double[][] {rows.get(i)})[0];
                    } catch (PredictionException one) {
                        risks[i] = Double.NaN;
                    }
                }
            }
            ModelRef ref = new ModelRef(m.name(), m.version());
            double threshold = m.policy().threshold();
            for (int i = 0; i < used.size(); i++) {
                AssetSlot s = used.get(i);
                synchronized (s) {
                    if (s.version == versions.get(i) && !Double.isNaN(risks[i])) {
                        RiskBand band = RiskBand.of(risks[i], threshold);
                        s.scoredVersion = s.version;
                        s.scoredBy = ref;
                        s.scoredAt = times.get(i);
                        s.risk = risks[i];
                        s.band = band.label();
                        s.health = 100 * (1 - risks[i]);
                    }
                }
            }
        }
    }

    /** The slot's vector just after its last reading; empty when it has none or follows another spec. Hold the slot's lock. */
    private static Optional<FeatureVector> vector(AssetSlot slot, ServedModel m) {
        AssetState state = slot.state;
        if (state == null || state.readings() == 0) {
            return Optional.empty();
        }
        if (!m.specHash().equals(slot.specHash)) {
            throw new ConflictException("asset '" + slot.asset + "' was fed with the spec of an earlier version of '" + m.name()
                    + "', and " + m + " computes other features; send its readings again to rebuild its state");
        }
        long t = state.nowTime();
        double[] out = new double[m.extractor().columns().size()];
        state.vectorAt(t, out, RowSink.discard());
        List<String> warnings = state.covered(t) ? List.of()
                : List.of("the asset's history does not cover every feature window yet; features over partial windows may"
                + " differ from the ones the model was trained on");
        return Optional.of(new FeatureVector(Optional.of(slot.asset), t, out, state.readings(), warnings));
    }

    private static UnknownAssetException unknown(String asset) {
        return new UnknownAssetException("no streaming state for asset '" + asset + "' (never fed, or evicted); POST its"
                + " readings to /v1/assets/" + asset + "/readings first");
    }

    static void requireAssetName(String asset) {
        if (asset == null || !ASSET_NAME.matcher(asset).matches()) {
            throw new InvalidRequestException("asset id " + (asset == null ? "(none)" : "'" + abbreviate(asset) + "'")
                    + " is not allowed: use 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
    }

    private static String abbreviate(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return t.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
