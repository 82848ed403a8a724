package org.prognos.features.extract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.features.window.Stat;

/**
 * What a spec's feature groups compile to, and all an {@link AssetState} reads to run them: the window
 * blocks, the columns in row order, and the EWMAs, event counters, last-event clocks, static attributes
 * and spectral groups the columns read. Immutable and shared by every asset state of an extractor; the
 * arrays it hands out are read, never written.
 *
 * <p>Window statistics (most columns of most specs) are also laid out as parallel arrays, so a row
 * computes them in one tight loop with no interface call per value; the other columns go through
 * {@link Column}.
 */
final class ExtractionPlan {
    private final List<BlockPlan> blocks;
    private final List<String> names;
    private final List<String> labels;
    private final Set<String> assetColumns;
    private final Column[] columns;
    private final int[] statColumn;
    private final int[] statBlock;
    private final int[] statChannel;
    private final Stat[] statKind;
    private final int[] otherColumns;
    private final int[] ewmaChannel;
    private final double[] ewmaAlpha;
    private final EventKey[] counters;
    private final long[] counterSpans;
    private final EventKey[] timeSince;
    private final AttributeValue[] attributes;
    private final SpectralGroup[] spectral;

    private ExtractionPlan(Builder b) {
        this.blocks = b.layout.blocks();
        this.names = List.copyOf(b.names);
        this.labels = List.copyOf(b.labels);
        this.assetColumns = Set.copyOf(b.assetColumns);
        this.columns = b.columns.toArray(Column[]::new);
        List<Integer> stats = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            (columns[i] instanceof Columns.OfStat ? stats : others).add(i);
        }
        this.statColumn = stats.stream().mapToInt(Integer::intValue).toArray();
        this.statBlock = stats.stream().mapToInt(i -> ((Columns.OfStat) columns[i]).block()).toArray();
        this.statChannel = stats.stream().mapToInt(i -> ((Columns.OfStat) columns[i]).channel()).toArray();
        this.statKind = stats.stream().map(i -> ((Columns.OfStat) columns[i]).stat()).toArray(Stat[]::new);
        this.otherColumns = others.stream().mapToInt(Integer::intValue).toArray();
        this.ewmaChannel = b.ewmaChannels.stream().mapToInt(Integer::intValue).toArray();
        this.ewmaAlpha = b.ewmaAlphas.stream().mapToDouble(Double::doubleValue).toArray();
        this.counters = b.counters.toArray(EventKey[]::new);
        this.counterSpans = b.counterSpans.stream().mapToLong(Long::longValue).toArray();
        this.timeSince = b.timeSince.toArray(EventKey[]::new);
        this.attributes = b.attributes.toArray(AttributeValue[]::new);
        this.spectral = b.spectral.toArray(SpectralGroup[]::new);
    }

    /**
     * Compiles {@code spec}'s feature groups: each group compiles itself ({@link GroupCompiler}), the groups
     * lay out the window blocks they read, then append their columns in spec order.
     */
    static ExtractionPlan compile(FeatureSpec spec, TimeAxis axis) {
        double slopeUnit = spec.slopePer() == null ? axis.naturalUnit() : GroupCompiler.parseSpan(axis, spec.slopePer(), "slopePer");
        int maxSamples = spec.maxWindowSamples() == null ? FeatureSpec.DEFAULT_MAX_WINDOW_SAMPLES : spec.maxWindowSamples();
        List<GroupPlan> groups = GroupCompiler.compileAll(spec, axis);
        BlockLayout.Builder uses = new BlockLayout.Builder();
        for (GroupPlan g : groups) {
            g.useBlocks(uses);
        }
        Builder out = new Builder(uses.build(spec, axis, maxSamples, slopeUnit));
        for (GroupPlan g : groups) {
            int before = out.names.size();
            g.addColumns(out.layout, out);
            if (g.describesAsset()) {
                out.assetColumns.addAll(out.names.subList(before, out.names.size()));
            }
        }
        return out.build(spec.name());
    }

    /** Column names, in row order. */
    List<String> names() {
        return names;
    }

    /** Column labels for people, in row order (see {@link Labels}). */
    List<String> labels() {
        return labels;
    }

    /** The columns that describe the asset rather than its readings ({@link GroupPlan#describesAsset}). */
    Set<String> assetColumns() {
        return assetColumns;
    }

    List<BlockPlan> blocks() {
        return blocks;
    }

    Column[] columns() {
        return columns;
    }

    /** Row index of each window-statistic column. */
    int[] statColumn() {
        return statColumn;
    }

    /** Block of each window-statistic column. */
    int[] statBlock() {
        return statBlock;
    }

    /** Position in its block of each window-statistic column's channel. */
    int[] statChannel() {
        return statChannel;
    }

    Stat[] statKind() {
        return statKind;
    }

    /** Row index of every column that is not a window statistic. */
    int[] otherColumns() {
        return otherColumns;
    }

    /** Spec channel index of each EWMA. */
    int[] ewmaChannel() {
        return ewmaChannel;
    }

    double[] ewmaAlpha() {
        return ewmaAlpha;
    }

    /** The events each counter counts. */
    EventKey[] counters() {
        return counters;
    }

    /** Each counter's window in ticks. */
    long[] counterSpans() {
        return counterSpans;
    }

    /** The events each last-event clock follows. */
    EventKey[] timeSince() {
        return timeSince;
    }

    SpectralGroup[] spectral() {
        return spectral;
    }

    /** How many static values an asset has. */
    int attributeCount() {
        return attributes.length;
    }

    /** The static column values of an asset with these attributes. */
    double[] staticValues(Map<String, String> attrs) {
        double[] v = new double[attributes.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = attributes[i].read(attrs);
        }
        return v;
    }

    /** Collects the columns and the state they read, group by group ({@link GroupPlan#addColumns}). */
    static final class Builder {
        private final BlockLayout layout;
        private final List<String> names = new ArrayList<>();
        private final List<String> labels = new ArrayList<>();
        private final List<String> assetColumns = new ArrayList<>();
        private final List<Column> columns = new ArrayList<>();
        private final List<Integer> ewmaChannels = new ArrayList<>();
        private final List<Double> ewmaAlphas = new ArrayList<>();
        private final List<EventKey> counters = new ArrayList<>();
        private final List<Long> counterSpans = new ArrayList<>();
        private final List<EventKey> timeSince = new ArrayList<>();
        private final List<AttributeValue> attributes = new ArrayList<>();
        private final List<SpectralGroup> spectral = new ArrayList<>();

        private Builder(BlockLayout layout) {
            this.layout = layout;
        }

        /** Appends a column, with its name and its label for people. */
        void column(String name, String label, Column column) {
            names.add(name);
            labels.add(label);
            columns.add(column);
        }

        /** A new EWMA of a spec channel; returns its index. */
        int ewma(int channel, double alpha) {
            ewmaChannels.add(channel);
            ewmaAlphas.add(alpha);
            return ewmaChannels.size() - 1;
        }

        /** A new counter of events in a window of {@code span} ticks; returns its index. */
        int counter(EventKey key, long span) {
            counters.add(key);
            counterSpans.add(span);
            return counters.size() - 1;
        }

        /** A new last-event clock; returns its index. */
        int timeSince(EventKey key) {
            timeSince.add(key);
            return timeSince.size() - 1;
        }

        /** A new static value; returns its index. */
        int attribute(AttributeValue value) {
            attributes.add(value);
            return attributes.size() - 1;
        }

        /** A new spectral group; returns its index. */
        int spectral(SpectralGroup group) {
            spectral.add(group);
            return spectral.size() - 1;
        }

        private ExtractionPlan build(String specName) {
            if (new HashSet<>(names).size() != names.size()) {
                throw new InvalidSpecException("spec '" + specName + "' defines a feature column twice; columns: " + names);
            }
            return new ExtractionPlan(this);
        }
    }
}
