package org.prognos.features.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.normalize.FittedNormalizer;
import org.prognos.features.spec.EmitConfig;
import org.prognos.features.spec.FeatureGroup;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.WindowConfig;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.features.window.Stat;
import org.prognos.features.window.WindowBlock;

/**
 * A fitted {@link FeatureSpec} compiled for execution: the column list, the window blocks each asset needs,
 * and the rules of emission. It is immutable and shared; per-asset state lives in {@link AssetState}s it
 * creates. Batch extraction ({@link BatchExtractor}) and streaming (the scoring service) both drive the same
 * asset states, which is why their vectors agree.
 */
public final class FeatureExtractor {
    private final FeatureSpec spec;
    private final TimeAxis axis;
    private final List<String> channels;
    private final List<String> columns;
    private final Column[] compiled;
    private final List<BlockDef> blocks;
    private final List<double[]> ewmaDefs;          // {channel, alpha}
    private final List<EventKey> counters;
    private final long[] counterSpans;
    private final List<EventKey> timeSince;
    private final List<StaticDef> statics;
    private final List<SpectralGroup> spectral;
    private final int everySamples;                 // > 0 for sample emission
    private final long stride;                      // > 0 for grid emission
    private final long gridAnchor;
    private final boolean requireFull;
    private final FittedNormalizer normalizer;
    private final int[] normalizedIndex;            // spec channel index of each normalized channel
    private final int[] regimeIndex;                // spec channel index of each regime channel

    /** A window and the spec channels that use it. */
    record BlockDef(String window, int samples, long span, int[] channels, int flags) {
    }

    /** An event kind and code; code {@code *} matches any. */
    record EventKey(EventKind kind, String code) {
        boolean matches(EventKind k, String c) {
            return kind == k && (code.equals("*") || code.equals(c));
        }
    }

    /** A static column: attribute name and the level it indicates ({@code null} for numeric). */
    record StaticDef(String attribute, String level) {
    }

    public FeatureExtractor(FeatureSpec spec) {
        if (spec.needsFitting()) {
            throw new InvalidSpecException("spec '" + spec.name() + "' declares a normalization that has not been fitted;"
                    + " fit it on training data first (FeatureSpec.fit)");
        }
        this.spec = spec;
        this.axis = spec.time().toAxis();
        this.channels = spec.channels();
        this.requireFull = spec.requireFullWindows();
        EmitConfig emit = spec.emit();
        if (emit.everySamples() != null) {
            everySamples = emit.everySamples();
            stride = 0;
        } else {
            everySamples = 0;
            stride = parseSpan(emit.every(), "emit.every");
            if (stride <= 0) {
                throw new InvalidSpecException("'emit.every' must be positive, found '" + emit.every() + "'");
            }
        }
        gridAnchor = axis instanceof TimeAxis.Timestamps ts
                ? -ts.zone().getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds() * TimeAxis.Timestamps.MICROS_PER_SECOND
                : 0;
        double slopeUnit = spec.slopePer() == null ? axis.naturalUnit() : parseSpan(spec.slopePer(), "slopePer");
        int maxSamples = spec.maxWindowSamples() == null ? FeatureSpec.DEFAULT_MAX_WINDOW_SAMPLES : spec.maxWindowSamples();

        // Blocks: one per window used by a channel statistic; channels and aggregate flags accumulated.
        Map<String, List<Integer>> blockChannels = new LinkedHashMap<>();
        Map<String, Integer> blockFlags = new LinkedHashMap<>();
        List<FeatureGroup> groups = spec.features();
        for (int g = 0; g < groups.size(); g++) {
            String where = "features[" + g + "]";
            FeatureGroup fg = groups.get(g);
            if (fg instanceof FeatureGroup.WindowStats w) {
                window(w.window(), where + ".window");
                int flags = 0;
                for (String s : w.stats()) {
                    flags |= Stat.parse(s).needs();
                }
                for (String ch : channelsOf(w.channels(), where)) {
                    use(blockChannels, blockFlags, w.window(), channelIndex(ch, where), flags);
                }
            } else if (fg instanceof FeatureGroup.Diff d) {
                Stat st = Stat.parse(d.stat());
                window(d.shortWindow(), where + ".shortWindow");
                window(d.longWindow(), where + ".longWindow");
                for (String ch : channelsOf(d.channels(), where)) {
                    use(blockChannels, blockFlags, d.shortWindow(), channelIndex(ch, where), st.needs());
                    use(blockChannels, blockFlags, d.longWindow(), channelIndex(ch, where), st.needs());
                }
            } else if (fg instanceof FeatureGroup.Spectral s) {
                window(s.window(), where + ".window");
                use(blockChannels, blockFlags, s.window(), channelIndex(s.channel(), where + ".channel"), 0);
            } else if (fg instanceof FeatureGroup.Sequence sq) {
                WindowConfig wc = window(sq.window(), where + ".window");
                if (wc.samples() == null) {
                    throw new InvalidSpecException("at '" + where + ".window': a sequence needs a count window ({\"samples\": n}), '"
                            + sq.window() + "' is a span");
                }
                for (String ch : channelsOf(sq.channels(), where)) {
                    use(blockChannels, blockFlags, sq.window(), channelIndex(ch, where), 0);
                }
            }
        }
        List<BlockDef> bl = new ArrayList<>();
        for (var e : blockChannels.entrySet()) {
            WindowConfig wc = window(e.getKey(), "windows");
            long span = wc.span() == null ? 0 : parseSpan(wc.span(), "windows." + e.getKey() + ".span");
            bl.add(new BlockDef(e.getKey(), wc.samples() == null ? 0 : wc.samples(), span,
                    e.getValue().stream().mapToInt(Integer::intValue).toArray(), blockFlags.get(e.getKey())));
        }
        this.blocks = List.copyOf(bl);

        List<String> cols = new ArrayList<>();
        List<Column> comp = new ArrayList<>();
        List<double[]> ewmas = new ArrayList<>();
        List<EventKey> ctrs = new ArrayList<>();
        List<Long> ctrSpans = new ArrayList<>();
        List<EventKey> since = new ArrayList<>();
        List<StaticDef> stat = new ArrayList<>();
        List<SpectralGroup> spec_ = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            String where = "features[" + g + "]";
            FeatureGroup fg = groups.get(g);
            if (fg instanceof FeatureGroup.WindowStats w) {
                int b = blockIndex(w.window());
                for (String ch : channelsOf(w.channels(), where)) {
                    for (String s : w.stats()) {
                        Stat st = Stat.parse(s);
                        cols.add(ch + "_" + st.label() + "_" + w.window());
                        comp.add(new Columns.OfStat(b, positionIn(b, channelIndex(ch, where)), st));
                    }
                }
            } else if (fg instanceof FeatureGroup.Diff d) {
                Stat st = Stat.parse(d.stat());
                int bs = blockIndex(d.shortWindow());
                int bg = blockIndex(d.longWindow());
                for (String ch : channelsOf(d.channels(), where)) {
                    int ci = channelIndex(ch, where);
                    cols.add(ch + "_" + st.label() + "_" + d.shortWindow() + "_minus_" + d.longWindow());
                    comp.add(new Columns.OfDiff(st, bs, positionIn(bs, ci), bg, positionIn(bg, ci)));
                }
            } else if (fg instanceof FeatureGroup.Ewma e) {
                for (String ch : channelsOf(e.channels(), where)) {
                    for (double a : e.alphas()) {
                        cols.add(ch + "_ewma_" + trim(a));
                        comp.add(new Columns.OfEwma(ewmas.size()));
                        ewmas.add(new double[] {channelIndex(ch, where), a});
                    }
                }
            } else if (fg instanceof FeatureGroup.EventCount ec) {
                EventKind kind = kind(ec.kind(), where + ".kind");
                WindowConfig wc = window(ec.window(), where + ".window");
                if (wc.span() == null) {
                    throw new InvalidSpecException("at '" + where + ".window': event counts need a span window (e.g. 24h), '"
                            + ec.window() + "' counts samples");
                }
                long span = parseSpan(wc.span(), "windows." + ec.window() + ".span");
                for (String code : ec.codes()) {
                    cols.add(code + "_count_" + ec.window());
                    comp.add(new Columns.OfEventCount(ctrs.size()));
                    ctrs.add(new EventKey(kind, code));
                    ctrSpans.add(span);
                }
            } else if (fg instanceof FeatureGroup.TimeSince ts) {
                EventKind kind = kind(ts.kind(), where + ".kind");
                double unit = parseSpan(ts.unit(), where + ".unit");
                if (unit <= 0) {
                    throw new InvalidSpecException("at '" + where + ".unit': must be positive");
                }
                String prefix = switch (kind) {
                    case MAINTENANCE -> "since_maint_";
                    case FAILURE -> "since_failure_";
                    case ALARM -> "since_alarm_";
                };
                for (String code : ts.codes()) {
                    cols.add(prefix + (code.equals("*") ? "any" : code));
                    comp.add(new Columns.OfTimeSince(since.size(), unit));
                    since.add(new EventKey(kind, code));
                }
            } else if (fg instanceof FeatureGroup.Attribute a) {
                if (a.levels().isEmpty()) {
                    cols.add(a.name());
                    comp.add(new Columns.OfStatic(stat.size()));
                    stat.add(new StaticDef(a.name(), null));
                } else {
                    for (String level : a.levels()) {
                        cols.add(a.name() + "_" + level);
                        comp.add(new Columns.OfStatic(stat.size()));
                        stat.add(new StaticDef(a.name(), level));
                    }
                }
            } else if (fg instanceof FeatureGroup.Elapsed el) {
                double unit = parseSpan(el.unit(), where + ".unit");
                if (unit <= 0) {
                    throw new InvalidSpecException("at '" + where + ".unit': must be positive");
                }
                cols.add("elapsed");
                comp.add(new Columns.OfElapsed(unit));
            } else if (fg instanceof FeatureGroup.Sequence sq) {
                int b = blockIndex(sq.window());
                int len = spec.windows().get(sq.window()).samples();
                for (String ch : channelsOf(sq.channels(), where)) {
                    int pos = positionIn(b, channelIndex(ch, where));
                    for (int i = 0; i < len; i++) {
                        cols.add(ch + "_seq_" + i);
                        comp.add(new Columns.OfSequence(b, pos, i, len));
                    }
                }
            } else if (fg instanceof FeatureGroup.Spectral s) {
                int b = blockIndex(s.window());
                SpectralGroup sg = SpectralGroup.compile(s, b, positionIn(b, channelIndex(s.channel(), where + ".channel")), where);
                for (int f = 0; f < sg.size(); f++) {
                    cols.add(s.channel() + "_" + sg.name(f) + "_" + s.window());
                    comp.add(new Columns.OfSpectral(spec_.size(), f));
                }
                spec_.add(sg);
            }
        }
        if (new java.util.HashSet<>(cols).size() != cols.size()) {
            throw new InvalidSpecException("spec '" + spec.name() + "' defines a feature column twice; columns: " + cols);
        }
        this.columns = List.copyOf(cols);
        this.compiled = comp.toArray(Column[]::new);
        this.ewmaDefs = List.copyOf(ewmas);
        this.counters = List.copyOf(ctrs);
        this.counterSpans = ctrSpans.stream().mapToLong(Long::longValue).toArray();
        this.timeSince = List.copyOf(since);
        this.statics = List.copyOf(stat);
        this.spectral = List.copyOf(spec_);
        this.blockWindows = blocks.stream().map(bd -> bd.samples() > 0
                ? WindowBlock.bySamples(bd.samples(), bd.channels().length, bd.flags(), slopeUnit)
                : WindowBlock.bySpan(bd.span(), maxSamples, bd.channels().length, bd.flags(), slopeUnit)).toList();
        List<Integer> statCols = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < compiled.length; i++) {
            (compiled[i] instanceof Columns.OfStat ? statCols : others).add(i);
        }
        this.statColumn = statCols.stream().mapToInt(Integer::intValue).toArray();
        this.statBlock = statCols.stream().mapToInt(i -> ((Columns.OfStat) compiled[i]).block()).toArray();
        this.statChannel = statCols.stream().mapToInt(i -> ((Columns.OfStat) compiled[i]).channel()).toArray();
        this.statKind = statCols.stream().map(i -> ((Columns.OfStat) compiled[i]).stat()).toArray(Stat[]::new);
        this.otherColumns = others.stream().mapToInt(Integer::intValue).toArray();
        this.normalizer = spec.normalizer().orElse(null);
        if (normalizer != null) {
            normalizedIndex = normalizer.channels().stream().mapToInt(c -> channelIndex(c, "normalization.channels")).toArray();
            regimeIndex = normalizer.regimeChannels().stream().mapToInt(c -> channelIndex(c, "normalization.regimeChannels")).toArray();
        } else {
            normalizedIndex = new int[0];
            regimeIndex = new int[0];
        }
    }

    /** Prototype blocks: asset states copy their configuration (never their contents). */
    private final List<WindowBlock> blockWindows;
    private final int[] statBlock;
    private final int[] statChannel;
    private final Stat[] statKind;
    private final int[] statColumn;
    private final int[] otherColumns;

    private static String trim(double a) {
        String s = Double.toString(a);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static EventKind kind(String k, String where) {
        try {
            return EventKind.valueOf(k.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("at '" + where + "': unknown event kind '" + k + "'; expected failure, maintenance or alarm");
        }
    }

    private long parseSpan(String text, String where) {
        try {
            return axis.parseSpan(text);
        } catch (InvalidSpecException e) {
            throw new InvalidSpecException("at '" + where + "': " + e.getMessage());
        }
    }

    private WindowConfig window(String name, String where) {
        WindowConfig wc = spec.windows().get(name);
        if (wc == null) {
            throw new InvalidSpecException("at '" + where + "': unknown window '" + name + "'; declared windows: " + spec.windows().keySet());
        }
        return wc;
    }

    private List<String> channelsOf(List<String> declared, String where) {
        return declared.isEmpty() ? channels : declared;
    }

    private int channelIndex(String ch, String where) {
        int i = channels.indexOf(ch);
        if (i < 0) {
            throw new InvalidSpecException("at '" + where + "': channel '" + ch + "' is not among the spec's channels " + channels);
        }
        return i;
    }

    private static void use(Map<String, List<Integer>> blockChannels, Map<String, Integer> flags, String window, int channel, int f) {
        List<Integer> l = blockChannels.computeIfAbsent(window, k -> new ArrayList<>());
        if (!l.contains(channel)) {
            l.add(channel);
        }
        flags.merge(window, f, (a, b) -> a | b);
    }

    private int blockIndex(String window) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).window().equals(window)) {
                return i;
            }
        }
        throw new IllegalStateException("no block for window " + window);
    }

    private int positionIn(int block, int channel) {
        int[] ch = blocks.get(block).channels();
        for (int i = 0; i < ch.length; i++) {
            if (ch[i] == channel) {
                return i;
            }
        }
        throw new IllegalStateException("channel " + channel + " not in block " + block);
    }

    /** A new, empty state for one asset with its static attributes. */
    public AssetState newState(String asset, Map<String, String> attributes) {
        return new AssetState(this, asset, staticValues(attributes));
    }

    private double[] staticValues(Map<String, String> attributes) {
        double[] v = new double[statics.size()];
        for (int i = 0; i < v.length; i++) {
            StaticDef d = statics.get(i);
            String raw = attributes.get(d.attribute());
            if (d.level() != null) {
                v[i] = raw != null && raw.trim().equals(d.level()) ? 1 : 0;
            } else {
                try {
                    v[i] = raw == null || raw.isBlank() ? Double.NaN : Double.parseDouble(raw.trim());
                } catch (NumberFormatException e) {
                    v[i] = Double.NaN;
                }
            }
        }
        return v;
    }

    /** The spec this extractor runs. */
    public FeatureSpec spec() {
        return spec;
    }

    public TimeAxis axis() {
        return axis;
    }

    /** Input channels, in the order {@link AssetState#reading} expects values. */
    public List<String> channels() {
        return channels;
    }

    /** Output column names, in row order. */
    public List<String> columns() {
        return columns;
    }

    /** Whether rows are emitted on a time grid (data strictly before each row) rather than after readings. */
    public boolean gridEmission() {
        return stride > 0;
    }

    // ---- package-private accessors for AssetState

    Column[] compiled() {
        return compiled;
    }

    List<BlockDef> blocks() {
        return blocks;
    }

    WindowBlock newBlock(int i) {
        BlockDef d = blocks.get(i);
        WindowBlock proto = blockWindows.get(i);
        return d.samples() > 0 ? WindowBlock.bySamples(d.samples(), d.channels().length, d.flags(), proto.slopeUnit())
                : WindowBlock.bySpan(d.span(), proto.maxSamples(), d.channels().length, d.flags(), proto.slopeUnit());
    }

    int[] statBlock() {
        return statBlock;
    }

    int[] statChannel() {
        return statChannel;
    }

    Stat[] statKind() {
        return statKind;
    }

    int[] statColumn() {
        return statColumn;
    }

    int[] otherColumns() {
        return otherColumns;
    }

    List<double[]> ewmaDefs() {
        return ewmaDefs;
    }

    List<EventKey> counters() {
        return counters;
    }

    long counterSpan(int i) {
        return counterSpans[i];
    }

    List<EventKey> timeSince() {
        return timeSince;
    }

    List<SpectralGroup> spectralGroups() {
        return spectral;
    }

    int everySamples() {
        return everySamples;
    }

    long stride() {
        return stride;
    }

    boolean requireFull() {
        return requireFull;
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

    /** The first grid point strictly after {@code t}. */
    long gridAfter(long t) {
        return gridAnchor + (Math.floorDiv(t - gridAnchor, stride) + 1) * stride;
    }
}
