package org.prognos.training.evaluation;

import java.util.Arrays;

/**
 * A summary of a sample of values (lead times, errors): count, extremes, quantiles and mean. Quantiles interpolate
 * linearly between order statistics (Hyndman–Fan type 7, the default of NumPy and R), so they match
 * {@code numpy.quantile}. An empty sample has count 0 and {@code NaN} everywhere else.
 *
 * @param count  the number of values
 * @param min    the smallest value
 * @param p10    the 10 % quantile
 * @param p25    the 25 % quantile
 * @param median the 50 % quantile
 * @param p75    the 75 % quantile
 * @param p90    the 90 % quantile
 * @param max    the largest value
 * @param mean   the arithmetic mean
 */
public record Distribution(long count, double min, double p10, double p25, double median, double p75, double p90,
                           double max, double mean) {
    public Distribution {
        if (count < 0) {
            throw new EvaluationException("a distribution's count cannot be negative, found " + count);
        }
    }

    /** The summary of {@code values} (finite numbers; the array is not modified). */
    public static Distribution of(double[] values) {
        if (values.length == 0) {
            double nan = Double.NaN;
            return new Distribution(0, nan, nan, nan, nan, nan, nan, nan, nan);
        }
        double[] s = values.clone();
        Arrays.sort(s);
        double sum = 0;
        for (double v : s) {
            if (!Double.isFinite(v)) {
                throw new EvaluationException("a distribution needs finite values, found " + v);
            }
            sum += v;
        }
        return new Distribution(s.length, s[0], quantile(s, 0.10), quantile(s, 0.25), quantile(s, 0.5),
                quantile(s, 0.75), quantile(s, 0.90), s[s.length - 1], sum / s.length);
    }

    /** The type-7 quantile {@code q} of sorted values. */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
