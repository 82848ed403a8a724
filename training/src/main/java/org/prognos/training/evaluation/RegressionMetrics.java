package org.prognos.training.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Quality of a remaining-useful-life regressor. With d = predicted − true for each row:
 * <ul>
 *   <li>RMSE = √(mean d²), MAE = mean |d|, bias = mean d (positive: the model is late, it overestimates life);</li>
 *   <li>the PHM08 challenge score s = Σ (e<sup>−d/13</sup> − 1 if d &lt; 0, else e<sup>d/10</sup> − 1): a sum, not
 *       a mean, that punishes late predictions (d &gt; 0) harder than early ones; lower is better;</li>
 *   <li>the same errors by bucket of the <em>true</em> RUL (default edges 25, 50, 75, 100, 125: buckets [0, 25) …
 *       [100, 125) and ≥ 125; the first bucket also holds any negative truth), because an error of 20 cycles
 *       matters near the end of life and hardly at all at 120 cycles; an empty bucket has {@code NaN}s.</li>
 * </ul>
 * A sample of at most {@value #MAX_SCATTER_POINTS} (true, predicted) pairs, evenly spaced by row, is kept for the
 * predicted-versus-true plot.
 *
 * @param rows    the number of rows
 * @param rmse    root mean squared error
 * @param mae     mean absolute error
 * @param bias    mean signed error (predicted − true)
 * @param phm08   the PHM08 score
 * @param buckets the errors by true-RUL bucket, in ascending order
 * @param scatter the plotted sample: x = true, y = predicted
 */
public record RegressionMetrics(long rows, double rmse, double mae, double bias, double phm08, List<Bucket> buckets,
                                Curve scatter) {
    /** The default upper edges of the true-RUL buckets. */
    public static final double[] DEFAULT_BUCKET_EDGES = {25, 50, 75, 100, 125};
    /** Most points kept for the scatter plot. */
    public static final int MAX_SCATTER_POINTS = 500;

    /**
     * Errors of the rows whose true RUL lies in [lower, upper).
     *
     * @param lower     inclusive lower edge ({@code -Infinity} for the first bucket)
     * @param upper     exclusive upper edge ({@code +Infinity} for the last)
     * @param rows      rows in the bucket
     * @param rmse      root mean squared error, {@code NaN} when empty
     * @param mae       mean absolute error, {@code NaN} when empty
     * @param meanError mean predicted − true, {@code NaN} when empty
     */
    public record Bucket(double lower, double upper, long rows, double rmse, double mae, double meanError) {
        /** A label such as {@code 25–50}, {@code < 25} or {@code ≥ 125}. */
        public String label() {
            if (lower == Double.NEGATIVE_INFINITY) {
                return "< " + number(upper);
            }
            if (upper == Double.POSITIVE_INFINITY) {
                return "≥ " + number(lower);
            }
            return number(lower) + "–" + number(upper);
        }

        private static String number(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    public RegressionMetrics {
        buckets = List.copyOf(buckets);
        Objects.requireNonNull(scatter, "scatter");
    }

    /** Metrics with the default true-RUL buckets. */
    public static RegressionMetrics of(double[] truth, double[] predicted) {
        return of(truth, predicted, DEFAULT_BUCKET_EDGES);
    }

    /**
     * Metrics with the given bucket edges.
     *
     * @param truth       the true RUL of each row
     * @param predicted   the predicted RUL of each row
     * @param bucketEdges strictly increasing upper edges; k edges make k + 1 buckets
     * @throws EvaluationException when the arrays differ in length, are empty, hold a non-finite value, or the edges
     *                             do not increase
     */
    public static RegressionMetrics of(double[] truth, double[] predicted, double[] bucketEdges) {
        int n = truth.length;
        if (predicted.length != n) {
            throw new EvaluationException("regression needs one prediction per truth: " + n + " truths, "
                    + predicted.length + " predictions");
        }
        if (n == 0) {
            throw new EvaluationException("regression needs at least one row");
        }
        for (int i = 0; i < bucketEdges.length; i++) {
            if (!Double.isFinite(bucketEdges[i]) || (i > 0 && !(bucketEdges[i] > bucketEdges[i - 1]))) {
                throw new EvaluationException("bucket edges must be finite and strictly increasing, found "
                        + Arrays.toString(bucketEdges));
            }
        }
        int nb = bucketEdges.length + 1;
        long[] count = new long[nb];
        double[] sq = new double[nb];
        double[] abs = new double[nb];
        double[] sum = new double[nb];
        double sqAll = 0;
        double absAll = 0;
        double sumAll = 0;
        double score = 0;
        for (int r = 0; r < n; r++) {
            if (!Double.isFinite(truth[r]) || !Double.isFinite(predicted[r])) {
                throw new EvaluationException("row " + r + ": truth " + truth[r] + " and prediction " + predicted[r]
                        + " must be finite");
            }
            double d = predicted[r] - truth[r];
            score += phm08(d);
            sqAll += d * d;
            absAll += Math.abs(d);
            sumAll += d;
            int b = bucket(truth[r], bucketEdges);
            count[b]++;
            sq[b] += d * d;
            abs[b] += Math.abs(d);
            sum[b] += d;
        }
        List<Bucket> buckets = new ArrayList<>();
        for (int b = 0; b < nb; b++) {
            double lower = b == 0 ? Double.NEGATIVE_INFINITY : bucketEdges[b - 1];
            double upper = b == nb - 1 ? Double.POSITIVE_INFINITY : bucketEdges[b];
            buckets.add(count[b] == 0 ? new Bucket(lower, upper, 0, Double.NaN, Double.NaN, Double.NaN)
                    : new Bucket(lower, upper, count[b], Math.sqrt(sq[b] / count[b]), abs[b] / count[b],
                            sum[b] / count[b]));
        }
        double[] noThreshold = new double[n];
        Arrays.fill(noThreshold, Double.NaN);
        Curve scatter = new Curve(truth, predicted, noThreshold).downsample(MAX_SCATTER_POINTS);
        return new RegressionMetrics(n, Math.sqrt(sqAll / n), absAll / n, sumAll / n, score, buckets, scatter);
    }

    /** The PHM08 penalty of one error d = predicted − true. */
    public static double phm08(double d) {
        return d < 0 ? Math.exp(-d / 13) - 1 : Math.exp(d / 10) - 1;
    }

    private static int bucket(double truth, double[] edges) {
        int b = 0;
        while (b < edges.length && truth >= edges[b]) {
            b++;
        }
        return b;
    }
}
