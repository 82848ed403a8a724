package org.prognos.features.extract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.normalize.FittedNormalizer;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.TimeAxis;

/**
 * A fitted {@link FeatureSpec} compiled for execution: the column list, the window blocks each asset needs,
 * and the rules of emission. It is immutable and shared; per-asset state lives in {@link AssetState}s it
 * creates. Batch extraction ({@link BatchExtractor}) and streaming (the scoring service) both drive the same
 * asset states, which is why their vectors agree.
 *
 * <p>Each feature group of the spec compiles itself into a {@link GroupPlan}; together they make the
 * {@link ExtractionPlan} the asset states run.
 */
public final class FeatureExtractor {
    private static final int[] NONE = new int[0];

    private final FeatureSpec spec;
    private final TimeAxis axis;
    private final List<String> channels;
    private final Emission emission;
    private final ExtractionPlan plan;
    private final FittedNormalizer normalizer;
    private final int[] normalizedIndex;            // spec channel index of each normalized channel
    private final int[] regimeIndex;                // spec channel index of each regime channel
    private final SnapshotFormat snapshots;
    /** Each column's label by its name: alerts and reports ask for a few labels per answer, by name. */
    private final Map<String, String> labelByColumn;

    public FeatureExtractor(FeatureSpec spec) {
        this.spec = requireFitted(spec);
        this.axis = spec.time().toAxis();
        this.channels = spec.channels();
        this.emission = Emission.of(spec.emit(), axis);
        this.plan = ExtractionPlan.compile(spec, axis);
        this.normalizer = spec.normalizer().orElse(null);
        this.normalizedIndex = normalizer == null ? NONE : indexes(normalizer.channels(), "normalization.channels");
        this.regimeIndex = normalizer == null ? NONE : indexes(normalizer.regimeChannels(), "normalization.regimeChannels");
        this.snapshots = SnapshotFormat.of(spec, plan);
        this.labelByColumn = labelsByName(plan);
    }

    /** The plan's labels by column name (the plan refuses a name twice, so each name has one). */
    private static Map<String, String> labelsByName(ExtractionPlan plan) {
        Map<String, String> byName = new HashMap<>();
        for (int i = 0; i < plan.names().size(); i++) {
            byName.put(plan.names().get(i), plan.labels().get(i));
        }
        return Map.copyOf(byName);
    }

    private static FeatureSpec requireFitted(FeatureSpec spec) {
        if (spec.needsFitting()) {
            throw new InvalidSpecException("spec '" + spec.name() + "' declares a normalization that has not been fitted;"
                    + " fit it on training data first (FeatureSpec.fit)");
        }
        return spec;
    }

    /** The spec channel index of each of {@code names}. */
    private int[] indexes(List<String> names, String where) {
        int[] idx = new int[names.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = channels.indexOf(names.get(i));
            if (idx[i] < 0) {
                throw new InvalidSpecException("at '" + where + "': channel '" + names.get(i) + "' is not among the spec's channels " + channels);
            }
        }
        return idx;
    }

    /** A new, empty state for one asset with its static attributes. */
    public AssetState newState(String asset, Map<String, String> attributes) {
        return new AssetState(this, asset, plan.staticValues(attributes));
    }

    /**
     * The state of {@code asset} as {@link AssetState#snapshot()} saved it, under this same spec: fed the same
     * readings and events from here on, it emits exactly the rows (bit for bit) that the saved state would have.
     * Static values come from the snapshot, not from the asset's current attributes.
     *
     * @throws InvalidTelemetryException naming the asset and what did not match, when the snapshot is empty,
     *         truncated or corrupt, of another format version, or taken under another spec
     */
    public AssetState restoreState(String asset, byte[] snapshot) {
        return AssetState.restore(this, asset, snapshot);
    }

    /** The spec this extractor runs. */
    public FeatureSpec spec() {
        return spec;
    }

    /** The spec's time axis: how reading times are written, parsed and spanned. */
    public TimeAxis axis() {
        return axis;
    }

    /** Input channels, in the order {@link AssetState#reading} expects values. */
    public List<String> channels() {
        return channels;
    }

    /**
     * The column of {@code data}'s telemetry that holds each channel this spec reads, in {@link #channels()} order.
     *
     * @throws InvalidSpecException when the data lacks a channel, or is on another kind of time axis
     */
    public int[] channelMap(Dataset data) {
        List<String> have = data.telemetry().channels();
        int[] map = new int[channels.size()];
        for (int c = 0; c < map.length; c++) {
            map[c] = have.indexOf(channels.get(c));
            if (map[c] < 0) {
                throw new InvalidSpecException("the spec reads channel '" + channels.get(c) + "' but "
                        + data.telemetry().name() + " has only " + have);
            }
        }
        if (!data.axis().getClass().equals(axis.getClass())) {
            throw new InvalidSpecException("the spec's time axis is " + axis + " but " + data.telemetry().name()
                    + " is on " + data.axis());
        }
        return map;
    }

    /** Output column names, in row order. */
    public List<String> columns() {
        return plan.names();
    }

    /**
     * Each column's label for people, in row order: "vibration, 24 h mean", "days since comp3 replaced",
     * "model model3". Written where the column's name is made, from the same spec group, so the two cannot disagree;
     * reports show these, and keep the names as keys.
     */
    public List<String> labels() {
        return plan.labels();
    }

    /** The label of the column named {@code column}, or the name itself when there is no such column. */
    public String label(String column) {
        return labelByColumn.getOrDefault(column, column);
    }

    /**
     * The columns that describe the asset rather than what its sensors read: attributes, the elapsed age and the time
     * since an event. A live fleet may differ from the training fleet in these without a sensor having drifted.
     */
    public Set<String> assetColumns() {
        return plan.assetColumns();
    }

    /** Whether rows are emitted on a time grid (data strictly before each row) rather than after readings. */
    public boolean gridEmission() {
        return emission.grid();
    }

    // ---- package-private accessors for AssetState

    ExtractionPlan plan() {
        return plan;
    }

    SnapshotFormat snapshots() {
        return snapshots;
    }

    Emission emission() {
        return emission;
    }

    boolean requireFull() {
        return spec.requireFullWindows();
    }

    FittedNormalizer normalizer() {
        return normalizer;
    }

    int[] normalizedIndex() {
        return normalizedIndex;
    }

    int[] regimeIndex() {
        return regimeIndex;
    }
}
