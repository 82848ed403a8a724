package org.prognos.training.interval;

import org.prognos.models.interval.RulInterval;

/**
 * How an interval did on held-out rows: the share of truths inside it (empirical coverage) and its mean width.
 *
 * @param nominal   the interval's nominal coverage
 * @param coverage  the share of rows whose truth lies in [low, high] (or at or above low, when the band is open above)
 * @param literal   the share of rows whose truth lies in [low, high] literally
 * @param meanWidth the mean of high − low
 * @param covered   rows covered
 * @param count     rows
 */
public record IntervalCoverage(double nominal, double coverage, double literal, double meanWidth, int covered, int count) {

    /** {@code interval} applied to each estimate and checked against its truth. */
    public static IntervalCoverage of(RulInterval interval, double[] estimates, double[] truths) {
        int covered = 0;
        int literal = 0;
        double width = 0;
        for (int i = 0; i < estimates.length; i++) {
            RulInterval.Band b = interval.apply(estimates[i]);
            covered += b.covers(truths[i]) ? 1 : 0;
            literal += b.coversLiterally(truths[i]) ? 1 : 0;
            width += b.width();
        }
        int n = estimates.length;
        return new IntervalCoverage(interval.coverage(), n == 0 ? Double.NaN : covered / (double) n,
                n == 0 ? Double.NaN : literal / (double) n,
                n == 0 ? Double.NaN : width / n, covered, n);
    }
}
