package org.prognos.training.sequence;

import org.prognos.features.InvalidSpecException;

/**
 * The linear-degradation baseline in age: {@code RUL = max(0, cap − slope × cycle)}, the remaining life of an asset
 * that wears at the same pace as the training fleet's average, knowing nothing but its age. The slope minimizes the
 * squared error against the capped training labels (a one-dimensional search: the clipping makes it non-linear).
 *
 * @param cap   the label cap, the prediction at age 0
 * @param slope cycles of remaining life lost per cycle of age, {@code >= 0}
 */
public record LinearCycleBaseline(double cap, double slope) {
    public LinearCycleBaseline {
        if (!(cap > 0) || !(slope >= 0) || !Double.isFinite(cap) || !Double.isFinite(slope)) {
            throw new InvalidSpecException("a linear baseline needs a positive cap and a finite slope >= 0, found "
                    + cap + ", " + slope);
        }
    }

    /** Fits the slope on rows of age {@code cycles} and capped labels {@code rul} ({@code NaN} labels skipped). */
    public static LinearCycleBaseline fit(long[] cycles, double[] rul, double cap) {
        double lo = 0;
        double hi = 0;
        for (int i = 0; i < cycles.length; i++) {
            if (!Double.isNaN(rul[i]) && cycles[i] > 0) {
                hi = Math.max(hi, cap / cycles[i]);
            }
        }
        if (hi == 0) {
            throw new InvalidSpecException("cannot fit a linear baseline without labelled rows of positive age");
        }
        // coarse log-spaced scan over plausible slopes, then golden-section refinement around the best
        double best = hi;
        double bestLoss = Double.POSITIVE_INFINITY;
        double minSlope = hi * 1e-4;
        int steps = 400;
        for (int s = 0; s <= steps; s++) {
            double k = minSlope * Math.pow(hi / minSlope, s / (double) steps);
            double loss = loss(k, cycles, rul, cap);
            if (loss < bestLoss) {
                bestLoss = loss;
                best = k;
            }
        }
        double ratio = Math.pow(hi / minSlope, 1.0 / steps);
        lo = best / ratio;
        hi = Math.min(hi, best * ratio);
        double g = (Math.sqrt(5) - 1) / 2;
        double a = hi - g * (hi - lo);
        double b = lo + g * (hi - lo);
        double fa = loss(a, cycles, rul, cap);
        double fb = loss(b, cycles, rul, cap);
        for (int it = 0; it < 60; it++) {
            if (fa < fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - g * (hi - lo);
                fa = loss(a, cycles, rul, cap);
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + g * (hi - lo);
                fb = loss(b, cycles, rul, cap);
            }
        }
        double k = (lo + hi) / 2;
        return new LinearCycleBaseline(cap, loss(k, cycles, rul, cap) <= bestLoss ? k : best);
    }

    /** The prediction at age {@code cycle}. */
    public double predict(long cycle) {
        return Math.max(0, cap - slope * cycle);
    }

    private static double loss(double k, long[] cycles, double[] rul, double cap) {
        double sum = 0;
        for (int i = 0; i < cycles.length; i++) {
            if (!Double.isNaN(rul[i])) {
                double e = Math.max(0, cap - k * cycles[i]) - rul[i];
                sum += e * e;
            }
        }
        return sum;
    }
}
