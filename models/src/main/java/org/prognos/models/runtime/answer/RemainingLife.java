package org.prognos.models.runtime.answer;

import java.util.Objects;
import java.util.Optional;

/**
 * Predicted remaining useful life.
 *
 * @param value         the prediction (the point estimate), in {@code unit}s
 * @param unit          the unit, e.g. {@code cycle}
 * @param referenceLife the life that counts as fully healthy (the training cap, when there was one)
 * @param interval      the conformal interval around the estimate, when the bundle carries a fitted one
 */
public record RemainingLife(double value, String unit, double referenceLife, Optional<Interval> interval) {
    public RemainingLife {
        Objects.requireNonNull(interval, "interval");
    }

    /** An estimate without an interval (a bundle written before intervals existed). */
    public RemainingLife(double value, String unit, double referenceLife) {
        this(value, unit, referenceLife, Optional.empty());
    }

    /**
     * An interval that holds the true remaining life with probability {@code coverage} (marginally, over assets like
     * those the model was calibrated on).
     *
     * @param low      the low end, at least 0
     * @param high     the high end
     * @param coverage  the nominal coverage, e.g. 0.9
     * @param method    how it was calibrated ({@code binned}, {@code scaled}, {@code absolute})
     * @param openAbove whether high reaches the training cap: the model cannot tell lives beyond the cap apart, so
     *                  the interval reads "at least {@code low}"
     */
    public record Interval(double low, double high, double coverage, String method, boolean openAbove) {
        public Interval {
            Objects.requireNonNull(method, "method");
        }
    }
}
