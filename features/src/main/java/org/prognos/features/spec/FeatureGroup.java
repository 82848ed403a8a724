package org.prognos.features.spec;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.spectral.SpectralFeature;
import org.prognos.features.spectral.SpectrumSettings;

/**
 * One entry of a spec's {@code features} list; it expands into one or more feature columns. The JSON
 * {@code "type"} picks the kind:
 * <ul>
 *   <li>{@code window}: time-domain statistics of channels over a window;</li>
 *   <li>{@code ewma}: exponentially weighted moving average of channels over all history;</li>
 *   <li>{@code diff}: a statistic over a short window minus the same over a long window;</li>
 *   <li>{@code spectral}: frequency-domain features of a waveform channel, one FFT per window;</li>
 *   <li>{@code eventCount}: how many events of each code fell in a window;</li>
 *   <li>{@code timeSince}: time since the last event of each code (maintenance per component, failure);</li>
 *   <li>{@code attribute}: a static asset attribute, one-hot when categorical;</li>
 *   <li>{@code sequence}: the raw (normalized) values of a count window, oldest first — the input of
 *       sequence models (LSTM, 1-D CNN), computed by the same state in batch and streaming.</li>
 *   <li>{@code elapsed}: time since the asset's first reading;</li>
 *   <li>{@code calendar}: where the row's time falls in the day and the week, as points on a circle.</li>
 * </ul>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FeatureGroup.WindowStats.class, name = "window"),
    @JsonSubTypes.Type(value = FeatureGroup.Ewma.class, name = "ewma"),
    @JsonSubTypes.Type(value = FeatureGroup.Diff.class, name = "diff"),
    @JsonSubTypes.Type(value = FeatureGroup.Spectral.class, name = "spectral"),
    @JsonSubTypes.Type(value = FeatureGroup.EventCount.class, name = "eventCount"),
    @JsonSubTypes.Type(value = FeatureGroup.TimeSince.class, name = "timeSince"),
    @JsonSubTypes.Type(value = FeatureGroup.Attribute.class, name = "attribute"),
    @JsonSubTypes.Type(value = FeatureGroup.Sequence.class, name = "sequence"),
    @JsonSubTypes.Type(value = FeatureGroup.Elapsed.class, name = "elapsed"),
    @JsonSubTypes.Type(value = FeatureGroup.Calendar.class, name = "calendar"),
})
public sealed interface FeatureGroup {

    /**
     * Hands this group to the method of {@code compiler} for its kind. Every kind has its own method, so a
     * new kind does not compile until every compiler handles it (Java 17 has no exhaustive type switch).
     */
    <P> P compile(Compiler<P> compiler);

    /**
     * Turns each kind of group into a {@code P}: one method per kind. The extraction plan
     * ({@code org.prognos.features.extract}) implements it; this package never sees what it builds.
     */
    interface Compiler<P> {
        P windowStats(WindowStats group);

        P ewma(Ewma group);

        P diff(Diff group);

        P spectral(Spectral group);

        P eventCount(EventCount group);

        P timeSince(TimeSince group);

        P sequence(Sequence group);

        P elapsed(Elapsed group);

        P attribute(Attribute group);

        P calendar(Calendar group);
    }

    /** Statistics ({@code last, mean, std, min, max, range, slope, rms, skewness, kurtosis, crest, count}) of channels over a window. */
    record WindowStats(List<String> stats, List<String> channels, String window) implements FeatureGroup {
        public WindowStats {
            stats = SpecLists.nonEmpty("stats", stats);
            channels = channels == null ? List.of() : List.copyOf(channels);
            SpecLists.required("window", window);
        }

        @Override
        public <P> P compile(Compiler<P> compiler) {
            return compiler.windowStats(this);
        }
    }

    /** EWMA with each smoothing factor {@code alpha} in (0, 1]: e ← α·x + (1 − α)·e, started at the first value. */
    record Ewma(List<Double> alphas, List<String> channels) implements FeatureGroup {
        public Ewma {
            alphas = SpecLists.nonEmpty("alphas", alphas);
            for (double a : alphas) {
                if (!(a > 0 && a <= 1)) {
                    throw new InvalidSpecException("ewma 'alphas' must lie in (0, 1], found " + a);
                }
            }
            channels = channels == null ? List.of() : List.copyOf(channels);
        }

        @Override
        public <P> P compile(Compiler<P> compiler) {
            return compiler.ewma(this);
        }
    }

    /** {@code stat(short window) − stat(long window)} per channel: a level shift detector. */
    record Diff(String stat, String shortWindow, String longWindow, List<String> channels) implements FeatureGroup {
        public Diff {
            SpecLists.required("stat", stat);
            SpecLists.required("shortWindow", shortWindow);
            SpecLists.required("longWindow", longWindow);
            channels = channels == null ? List.of() : List.copyOf(channels);
        }

        @Override
        public <P> P compile(Compiler<P> compiler) {
            return compiler.diff(this);
        }
    }

    /**
     * Frequency-domain features of one waveform channel over a window: one FFT (settings {@code fft}: a
     * power-of-two size and a taper; the window's last {@code fftSize} samples, zero-padded when fewer) per
     * emitted row, shared by every feature in {@code features}.
     */
    record Spectral(String channel, String window, double sampleRateHz,
                    SpectrumSettings fft,
                    List<SpectralFeature> features) implements FeatureGroup {
        public Spectral {
            SpecLists.required("channel", channel);
            SpecLists.required("window", window);
            if (!(sampleRateHz > 0)) {
                throw new InvalidSpecException("spectral 'sampleRateHz' must be positive, found " + sampleRateHz);
            }
            if (fft == null) {
                throw new InvalidSpecException("spectral 'fft' is required, e.g. {\"fftSize\": 2048, \"taper\": \"hann\"}");
            }
            features = SpecLists.nonEmpty("features", features);
            for (SpectralFeature f : features) {
                f.validateFor(sampleRateHz);
            }
        }

        @Override
        public <P> P compile(Compiler<P> compiler) {
            return compiler.spectral(this);
        }
    }

    /** Count of events of {@code kind} with each code in {@code codes} inside a span window. */
    record EventCount(String kind, List<String> codes, String window) implements FeatureGroup {
        public EventCount {
            SpecLists.required("kind", kind);
            codes = SpecLists.nonEmpty("codes", codes);
            SpecLists.required("window", window);
        }

        @Override
        public <P> P compile(Compiler<P> compiler) {
            return compiler.eventCount(this);
        }
    }

    /**
     * Time since the last event of {@code kind} with each code, in {@code unit} (a span such as {@code 1d},
     * or {@code 1} cycle); {@code NaN} when there was none. A code {@code *} means any code.
     */
    record TimeSince(String kind, List<String> codes, String unit) implements FeatureGroup {
        public TimeSince {
            SpecLists.required("kind", kind);
            codes = SpecLists.nonEmpty("codes", codes);
            SpecLists.required("unit", unit);
        }

        @Override
        public <P> P compile(Compiler<P> compiler) {
            return compiler.timeSince(this);
        }
    }

    /**
     * The last n values (n = the count window's size) of each channel, oldest first, as columns
     * {@code <channel>_seq_<i>} with i = 0 the oldest. When the history is shorter than the window the
     * missing leading positions repeat the oldest finite value (so a model sees a flat start, not a jump
     * from zero), and a missing value repeats the previous finite one; {@code NaN} only when the channel
     * has no finite value in the window.
     */
    record Sequence(List<String> channels, String window) implements FeatureGroup {
        public Sequence {
            channels = channels == null ? List.of() : List.copyOf(channels);
            SpecLists.required("window", window);
        }

        @Override
        public <P> P compile(Compiler<P> compiler) {
            return compiler.sequence(this);
        }
    }

    /**
     * Time since the asset's first reading, in {@code unit} (e.g. {@code 1} cycle or {@code 1d}): the
     * operating age seen in the data, which a linear-degradation RUL baseline regresses on. Column
     * {@code elapsed}.
     */
    record Elapsed(String unit) implements FeatureGroup {
        public Elapsed {
            SpecLists.required("unit", unit);
        }

        @Override
        public <P> P compile(Compiler<P> compiler) {
            return compiler.elapsed(this);
        }
    }

    /**
     * A static attribute. With {@code levels} it is categorical and becomes one 0/1 column per level (an
     * unseen level sets none); without, it is numeric ({@code NaN} when absent or not a number).
     */
    record Attribute(String name, List<String> levels) implements FeatureGroup {
        public Attribute {
            SpecLists.required("name", name);
            levels = levels == null ? List.of() : List.copyOf(levels);
        }

        @Override
        public <P> P compile(Compiler<P> compiler) {
            return compiler.attribute(this);
        }
    }

    /**
     * Where the row's time falls in each of {@code cycles} ({@code day}: the time of day, {@code week}: the time
     * of week from Monday 00:00), in the spec's time zone, as a point on the unit circle: columns
     * {@code calendar_<cycle>_sin} and {@code calendar_<cycle>_cos}, so that 23:59 lies next to 00:00. Context for a
     * model whose normal depends on the hour (a server's load, a city's traffic): the same value can be normal at
     * noon and an anomaly at 3 a.m. Timestamps axis only.
     */
    record Calendar(List<String> cycles) implements FeatureGroup {
        /** The cycles a calendar group knows. */
        public static final List<String> CYCLES = List.of("day", "week");

        public Calendar {
            cycles = SpecLists.nonEmpty("cycles", cycles);
            for (String c : cycles) {
                if (!CYCLES.contains(c)) {
                    throw new org.prognos.features.InvalidSpecException(
                            "'cycles' entries must be one of " + CYCLES + ", found '" + c + "'");
                }
            }
        }

        @Override
        public <P> P compile(Compiler<P> compiler) {
            return compiler.calendar(this);
        }
    }
}
