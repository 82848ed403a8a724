package org.prognos.training.data;

import org.prognos.features.InvalidSpecException;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.features.labels.Labeler;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.training.config.SplitConfig;

/**
 * A split by time with purge gaps: training rows before {@code validationStart − gap}, validation rows in
 * [{@code validationStart}, {@code cutoff − gap}), test rows from {@code cutoff}. A row's label looks up to a
 * horizon ahead, so a gap of at least the horizon keeps every training label inside the training period
 * (no test-period failure leaks into a training label). The normalizer is fitted on the training period only.
 *
 * @param cutoff          first test time
 * @param gap             purge gap (ticks), at least the horizon for failure-within-horizon tasks
 * @param validationStart first validation time
 */
public record TimeSplit(long cutoff, long gap, long validationStart) {
    /** End (exclusive) of the rows that train. */
    public long trainEnd() {
        return cutoff - gap;
    }

    /** The split a config describes; {@code dataStart} is the earliest reading (the validation share is of [start, cut − gap)). */
    public static TimeSplit of(SplitConfig.ByTime c, TimeAxis axis, Labeler labeler, long dataStart) {
        long cutoff;
        try {
            cutoff = axis.parse(c.cutoff());
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("at 'split.cutoff': " + e.getMessage());
        }
        long horizon = labeler instanceof FailureWithinHorizon f ? f.horizon() : 0;
        long gap = c.gap().isEmpty() ? horizon : axis.parseSpan(c.gap().get());
        if (gap < horizon) {
            throw new InvalidSpecException("at 'split.gap': the purge gap (" + c.gap().get() + ") must be at least the horizon, or "
                    + "training labels would see failures from the test period");
        }
        if (cutoff - gap <= dataStart) {
            throw new InvalidSpecException("at 'split.cutoff': " + c.cutoff() + " minus the gap leaves no training period"
                    + " (the data starts at " + axis.format(dataStart) + ")");
        }
        // validation: the last share of the training period, itself behind a gap
        long validationSpan = (long) (c.validationFraction() * (cutoff - gap - dataStart));
        return new TimeSplit(cutoff, gap, cutoff - gap - validationSpan);
    }

    public String describe(TimeAxis axis) {
        return "by time: train before " + axis.format(validationStart - gap) + ", validation " + axis.format(validationStart)
                + " to " + axis.format(cutoff - gap) + ", test from " + axis.format(cutoff) + " (purge gap " + axis.formatSpan(gap) + ")";
    }
}
