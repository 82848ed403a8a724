package org.prognos.features.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.spec.FeatureGroup;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.WindowConfig;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.features.window.Stat;

/**
 * Compiles one {@link FeatureGroup} of a spec into its {@link GroupPlan}: resolves windows, channels,
 * statistics, event kinds and units against the spec and its time axis, and reports a bad one at the
 * group's place in the spec ({@code features[i]}). Each kind of group is handed to its own method by
 * {@link FeatureGroup#compile}.
 */
final class GroupCompiler implements FeatureGroup.Compiler<GroupPlan> {
    private final FeatureSpec spec;
    private final TimeAxis axis;
    private final String where;

    private GroupCompiler(FeatureSpec spec, TimeAxis axis, String where) {
        this.spec = spec;
        this.axis = axis;
        this.where = where;
    }

    /** Every group of {@code spec}, compiled in spec order. */
    static List<GroupPlan> compileAll(FeatureSpec spec, TimeAxis axis) {
        List<FeatureGroup> groups = spec.features();
        List<GroupPlan> plans = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            plans.add(groups.get(g).compile(new GroupCompiler(spec, axis, "features[" + g + "]")));
        }
        return plans;
    }

    @Override
    public GroupPlan windowStats(FeatureGroup.WindowStats w) {
        window(spec, w.window(), where + ".window");
        List<Stat> stats = w.stats().stream().map(Stat::parse).toList();
        return new GroupPlan.WindowStats(w.window(), inputs(w.channels(), where), stats);
    }

    @Override
    public GroupPlan diff(FeatureGroup.Diff d) {
        Stat st = Stat.parse(d.stat());
        window(spec, d.shortWindow(), where + ".shortWindow");
        window(spec, d.longWindow(), where + ".longWindow");
        return new GroupPlan.Diff(st, d.shortWindow(), d.longWindow(), inputs(d.channels(), where));
    }

    @Override
    public GroupPlan spectral(FeatureGroup.Spectral s) {
        window(spec, s.window(), where + ".window");
        return new GroupPlan.Spectral(s, input(s.channel(), where + ".channel"));
    }

    @Override
    public GroupPlan sequence(FeatureGroup.Sequence sq) {
        WindowConfig wc = window(spec, sq.window(), where + ".window");
        if (wc.samples() == null) {
            throw new InvalidSpecException("at '" + where + ".window': a sequence needs a count window ({\"samples\": n}), '"
                    + sq.window() + "' is a span");
        }
        return new GroupPlan.Sequence(sq.window(), wc.samples(), inputs(sq.channels(), where));
    }

    @Override
    public GroupPlan ewma(FeatureGroup.Ewma e) {
        return new GroupPlan.Ewma(inputs(e.channels(), where), e.alphas());
    }

    @Override
    public GroupPlan eventCount(FeatureGroup.EventCount ec) {
        EventKind kind = kind(ec.kind(), where + ".kind");
        WindowConfig wc = window(spec, ec.window(), where + ".window");
        if (wc.span() == null) {
            throw new InvalidSpecException("at '" + where + ".window': event counts need a span window (e.g. 24h), '"
                    + ec.window() + "' counts samples");
        }
        long span = parseSpan(axis, wc.span(), "windows." + ec.window() + ".span");
        return new GroupPlan.EventCount(kind, ec.codes(), ec.window(), span);
    }

    @Override
    public GroupPlan timeSince(FeatureGroup.TimeSince ts) {
        EventKind kind = kind(ts.kind(), where + ".kind");
        return new GroupPlan.TimeSince(kind, ts.codes(), positiveUnit(ts.unit()), Labels.unit(ts.unit()));
    }

    @Override
    public GroupPlan attribute(FeatureGroup.Attribute a) {
        return new GroupPlan.Attribute(a.name(), a.levels());
    }

    @Override
    public GroupPlan elapsed(FeatureGroup.Elapsed el) {
        return new GroupPlan.Elapsed(positiveUnit(el.unit()), Labels.unit(el.unit()));
    }

    @Override
    public GroupPlan calendar(FeatureGroup.Calendar c) {
        if (!(axis instanceof TimeAxis.Timestamps ts)) {
            throw new InvalidSpecException("at '" + where + "': a calendar group needs the timestamps axis, this spec counts cycles");
        }
        return new GroupPlan.Calendar(c.cycles(), ts.zone());
    }

    private double positiveUnit(String unit) {
        double ticks = parseSpan(axis, unit, where + ".unit");
        if (ticks <= 0) {
            throw new InvalidSpecException("at '" + where + ".unit': must be positive");
        }
        return ticks;
    }

    /** The declared channels, or every spec channel when none are declared. */
    private List<InputChannel> inputs(List<String> declared, String at) {
        List<String> names = declared.isEmpty() ? spec.channels() : declared;
        List<InputChannel> inputs = new ArrayList<>(names.size());
        for (String name : names) {
            inputs.add(input(name, at));
        }
        return inputs;
    }

    private InputChannel input(String name, String at) {
        int i = spec.channels().indexOf(name);
        if (i < 0) {
            throw new InvalidSpecException("at '" + at + "': channel '" + name + "' is not among the spec's channels " + spec.channels());
        }
        return new InputChannel(name, i);
    }

    private static EventKind kind(String k, String at) {
        try {
            return EventKind.valueOf(k.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("at '" + at + "': unknown event kind '" + k + "'; expected failure, maintenance or alarm");
        }
    }

    /** The declared window {@code name}. */
    static WindowConfig window(FeatureSpec spec, String name, String at) {
        WindowConfig wc = spec.windows().get(name);
        if (wc == null) {
            throw new InvalidSpecException("at '" + at + "': unknown window '" + name + "'; declared windows: " + spec.windows().keySet());
        }
        return wc;
    }

    /** A span in ticks of {@code axis}; a bad one is reported at {@code at}. */
    static long parseSpan(TimeAxis axis, String text, String at) {
        try {
            return axis.parseSpan(text);
        } catch (InvalidSpecException e) {
            throw new InvalidSpecException("at '" + at + "': " + e.getMessage());
        }
    }
}
