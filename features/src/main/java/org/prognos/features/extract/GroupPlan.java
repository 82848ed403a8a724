package org.prognos.features.extract;

import java.util.List;
import org.prognos.features.spec.FeatureGroup;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.window.Stat;

/**
 * One {@link FeatureGroup} compiled for execution by {@link GroupCompiler}: names, windows, channels and
 * units resolved and validated, one record per kind of group. A plan knows which window blocks it reads
 * ({@link #useBlocks}) and, once the blocks are laid out, appends its columns and the per-asset state they
 * read to the {@link ExtractionPlan} ({@link #addColumns}); {@link AssetState} runs the result.
 */
sealed interface GroupPlan {

    /** Registers the window blocks, channels and aggregates this group's columns read (none by default). */
    default void useBlocks(BlockLayout.Builder blocks) {
    }

    /** Appends this group's columns, in row order. */
    void addColumns(BlockLayout blocks, ExtractionPlan.Builder out);

    /**
     * Whether this group's columns describe the asset rather than what its sensors read: its attributes, its age,
     * the time since its last event. Such columns follow the fleet's make-up and calendar, not its condition, so
     * a live fleet may differ from the training fleet in them without anything being wrong (drift monitoring
     * shows them but does not count them).
     */
    default boolean describesAsset() {
        return false;
    }

    /** Statistics of channels over one window: columns {@code <channel>_<stat>_<window>}, channel-major. */
    record WindowStats(String window, List<InputChannel> channels, List<Stat> stats) implements GroupPlan {
        public WindowStats {
            channels = List.copyOf(channels);
            stats = List.copyOf(stats);
        }

        @Override
        public void useBlocks(BlockLayout.Builder blocks) {
            int flags = 0;
            for (Stat s : stats) {
                flags |= s.needs();
            }
            for (InputChannel ch : channels) {
                blocks.use(window, ch.index(), flags);
            }
        }

        @Override
        public void addColumns(BlockLayout blocks, ExtractionPlan.Builder out) {
            int b = blocks.index(window);
            for (InputChannel ch : channels) {
                int position = blocks.position(b, ch.index());
                for (Stat st : stats) {
                    out.column(ch.name() + "_" + st.label() + "_" + window,
                            ch.name() + ", " + Labels.window(window) + " " + Labels.stat(st), new Columns.OfStat(b, position, st));
                }
            }
        }
    }

    /** stat(short window) − stat(long window) per channel: columns {@code <channel>_<stat>_<short>_minus_<long>}. */
    record Diff(Stat stat, String shortWindow, String longWindow, List<InputChannel> channels) implements GroupPlan {
        public Diff {
            channels = List.copyOf(channels);
        }

        @Override
        public void useBlocks(BlockLayout.Builder blocks) {
            for (InputChannel ch : channels) {
                blocks.use(shortWindow, ch.index(), stat.needs());
                blocks.use(longWindow, ch.index(), stat.needs());
            }
        }

        @Override
        public void addColumns(BlockLayout blocks, ExtractionPlan.Builder out) {
            int bs = blocks.index(shortWindow);
            int bl = blocks.index(longWindow);
            for (InputChannel ch : channels) {
                out.column(ch.name() + "_" + stat.label() + "_" + shortWindow + "_minus_" + longWindow,
                        ch.name() + ", " + Labels.window(shortWindow) + " " + Labels.stat(stat) + " minus "
                                + Labels.window(longWindow) + " " + Labels.stat(stat),
                        new Columns.OfDiff(stat, bs, blocks.position(bs, ch.index()), bl, blocks.position(bl, ch.index())));
            }
        }
    }

    /** EWMAs of channels, one per smoothing factor: columns {@code <channel>_ewma_<alpha>}. */
    record Ewma(List<InputChannel> channels, List<Double> alphas) implements GroupPlan {
        public Ewma {
            channels = List.copyOf(channels);
            alphas = List.copyOf(alphas);
        }

        @Override
        public void addColumns(BlockLayout blocks, ExtractionPlan.Builder out) {
            for (InputChannel ch : channels) {
                for (double a : alphas) {
                    out.column(ch.name() + "_ewma_" + trim(a), ch.name() + ", moving average (EWMA, alpha " + trim(a) + ")", new Columns.OfEwma(out.ewma(ch.index(), a)));
                }
            }
        }

        private static String trim(double a) {
            String s = Double.toString(a);
            return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        }
    }

    /** Spectral features of one channel over one window: columns {@code <channel>_<feature>_<window>}. */
    record Spectral(FeatureGroup.Spectral def, InputChannel channel) implements GroupPlan {
        @Override
        public void useBlocks(BlockLayout.Builder blocks) {
            blocks.use(def.window(), channel.index(), 0);
        }

        @Override
        public void addColumns(BlockLayout blocks, ExtractionPlan.Builder out) {
            int b = blocks.index(def.window());
            SpectralGroup sg = SpectralGroup.compile(def, b, blocks.position(b, channel.index()));
            int g = out.spectral(sg);
            for (int f = 0; f < sg.size(); f++) {
                out.column(channel.name() + "_" + sg.name(f) + "_" + def.window(),
                        channel.name() + ", " + sg.name(f).replace('_', ' ') + " over " + Labels.window(def.window()), new Columns.OfSpectral(g, f));
            }
        }
    }

    /** Events of one kind per code in a span window of {@code span} ticks: columns {@code <code>_count_<window>}. */
    record EventCount(EventKind kind, List<String> codes, String window, long span) implements GroupPlan {
        public EventCount {
            codes = List.copyOf(codes);
        }

        @Override
        public void addColumns(BlockLayout blocks, ExtractionPlan.Builder out) {
            for (String code : codes) {
                out.column(code + "_count_" + window, Labels.count(kind, code, window), new Columns.OfEventCount(out.counter(new EventKey(kind, code), span)));
            }
        }
    }

    /** Time since the last event of one kind per code, in units of {@code unit} ticks: columns {@code since_<kind>_<code>}, {@code unitName} the unit in words ("days"). */
    record TimeSince(EventKind kind, List<String> codes, double unit, String unitName) implements GroupPlan {
        @Override
        public boolean describesAsset() {
            return true;
        }

        public TimeSince {
            codes = List.copyOf(codes);
        }

        @Override
        public void addColumns(BlockLayout blocks, ExtractionPlan.Builder out) {
            String prefix = switch (kind) {
                case MAINTENANCE -> "since_maint_";
                case FAILURE -> "since_failure_";
                case ALARM -> "since_alarm_";
            };
            for (String code : codes) {
                out.column(prefix + (code.equals("*") ? "any" : code), Labels.since(kind, code, unitName),
                        new Columns.OfTimeSince(out.timeSince(new EventKey(kind, code)), unit));
            }
        }
    }

    /** The last {@code length} values of channels: columns {@code <channel>_seq_<i>}, i = 0 the oldest. */
    record Sequence(String window, int length, List<InputChannel> channels) implements GroupPlan {
        public Sequence {
            channels = List.copyOf(channels);
        }

        @Override
        public void useBlocks(BlockLayout.Builder blocks) {
            for (InputChannel ch : channels) {
                blocks.use(window, ch.index(), 0);
            }
        }

        @Override
        public void addColumns(BlockLayout blocks, ExtractionPlan.Builder out) {
            int b = blocks.index(window);
            for (InputChannel ch : channels) {
                int position = blocks.position(b, ch.index());
                for (int i = 0; i < length; i++) {
                    out.column(ch.name() + "_seq_" + i, ch.name() + ", reading " + (i + 1) + " of the last " + length, new Columns.OfSequence(b, position, i, length));
                }
            }
        }
    }

    /** Time since the asset's first reading in units of {@code unit} ticks: column {@code elapsed}. */
    record Elapsed(double unit, String unitName) implements GroupPlan {
        @Override
        public boolean describesAsset() {
            return true;
        }

        @Override
        public void addColumns(BlockLayout blocks, ExtractionPlan.Builder out) {
            out.column("elapsed", unitName + " since the first reading", new Columns.OfElapsed(unit));
        }
    }

    /** Where the row's time falls in each cycle: columns {@code calendar_<cycle>_sin}, {@code calendar_<cycle>_cos}. */
    record Calendar(List<String> cycles, java.time.ZoneId zone) implements GroupPlan {
        public Calendar {
            cycles = List.copyOf(cycles);
        }

        @Override
        public boolean describesAsset() {
            return true;
        }

        @Override
        public void addColumns(BlockLayout blocks, ExtractionPlan.Builder out) {
            for (String cycle : cycles) {
                Columns.OfCalendar.Cycle c = Columns.OfCalendar.Cycle.valueOf(cycle.toUpperCase(java.util.Locale.ROOT));
                out.column("calendar_" + cycle + "_sin", "time of " + cycle + " (" + zone + "), sine", new Columns.OfCalendar(c, zone, true));
                out.column("calendar_" + cycle + "_cos", "time of " + cycle + " (" + zone + "), cosine", new Columns.OfCalendar(c, zone, false));
            }
        }
    }

    /** A static attribute: column {@code <name>}, or one 0/1 column {@code <name>_<level>} per level. */
    record Attribute(String name, List<String> levels) implements GroupPlan {
        @Override
        public boolean describesAsset() {
            return true;
        }

        public Attribute {
            levels = List.copyOf(levels);
        }

        @Override
        public void addColumns(BlockLayout blocks, ExtractionPlan.Builder out) {
            if (levels.isEmpty()) {
                out.column(name, name, new Columns.OfStatic(out.attribute(new AttributeValue(name, null))));
            }
            for (String level : levels) {
                out.column(name + "_" + level, name + " = " + level, new Columns.OfStatic(out.attribute(new AttributeValue(name, level))));
            }
        }
    }
}
