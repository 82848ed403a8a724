package org.prognos.features.window;

import java.util.Arrays;
import java.util.Locale;
import org.prognos.features.InvalidSpecException;

/**
 * The time-domain statistics of one channel over one window. Each is computed from the aggregates a
 * {@link WindowBlock} keeps incrementally, so evaluating one at an emitted row costs O(1).
 *
 * <p>Numeric conventions (the edge cases, written down): missing samples ({@code NaN}) are skipped, so
 * {@code n} below is the number of finite samples in the window; with {@code n = 0} every statistic is
 * {@code NaN} except {@link #COUNT}. {@link #STD} is the sample standard deviation (N−1), {@code NaN} for
 * one sample, 0 for a constant signal. {@link #SKEWNESS} and {@link #KURTOSIS} are the bias-corrected
 * sample estimators of Commons Math ({@code Skewness}, excess {@code Kurtosis}), {@code NaN} below 3 and 4
 * samples, and 0 for a constant signal, as Commons Math's incremental {@code getResult} returns. They are the
 * two statistics that are not incremental: one-pass power sums lose too much precision in the third and
 * fourth central moments, so each row runs an exact two-pass over the window (O(window)). {@link #SLOPE} is the least-squares slope
 * of value against time in units of the spec's {@code slopePer}, {@code NaN} below 2 samples.
 * {@link #CREST} is max|x| / RMS, {@code NaN} when RMS is 0.
 */
public enum Stat {
    /** The newest finite value in the window. */
    LAST(0),
    MEAN(WindowBlock.MOMENT1),
    STD(WindowBlock.MOMENT2),
    MIN(WindowBlock.MIN),
    MAX(WindowBlock.MAX),
    /** max − min. */
    RANGE(WindowBlock.MIN | WindowBlock.MAX),
    SLOPE(WindowBlock.MOMENT1 | WindowBlock.TIME),
    RMS(WindowBlock.MOMENT2),
    /** Not incremental: an exact two-pass over the window at each row (precision; see WindowBlock). */
    SKEWNESS(0),
    /** Not incremental: an exact two-pass over the window at each row (precision; see WindowBlock). */
    KURTOSIS(0),
    CREST(WindowBlock.MOMENT2 | WindowBlock.MIN | WindowBlock.MAX),
    /** Number of finite samples in the window. */
    COUNT(0);

    private final int needs;

    Stat(int needs) {
        this.needs = needs;
    }

    /** The aggregates ({@link WindowBlock} flags) this statistic reads. */
    public int needs() {
        return needs;
    }

    /** The statistic of channel {@code c} over the block's current window. */
    public final double apply(WindowBlock w, int c) {
        return switch (this) {
            case LAST -> w.last(c);
            case MEAN -> w.mean(c);
            case STD -> w.std(c);
            case MIN -> w.min(c);
            case MAX -> w.max(c);
            case RANGE -> w.max(c) - w.min(c);
            case SLOPE -> w.slope(c);
            case RMS -> w.rms(c);
            case SKEWNESS -> w.skewness(c);
            case KURTOSIS -> w.kurtosis(c);
            case CREST -> {
                double rms = w.rms(c);
                double peak = Math.max(Math.abs(w.max(c)), Math.abs(w.min(c)));
                yield rms > 0 ? peak / rms : Double.NaN;
            }
            case COUNT -> w.count(c);
        };
    }

    /** Lower-case name used in specs and column names. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a spec name such as {@code mean} or {@code std}. */
    public static Stat parse(String name) {
        for (Stat s : values()) {
            if (s.label().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new InvalidSpecException("unknown statistic '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Stat::label).toList());
    }
}
