package org.prognos.training.sequence;

import org.prognos.features.InvalidSpecException;
import org.prognos.training.evaluation.RegressionMetrics;

/**
 * Errors of remaining-life predictions against the truth, as the C-MAPSS literature reports them.
 *
 * <p>{@code d = predicted − actual}. RMSE against the true remaining life, and against the truth capped at the
 * label cap (the figure the papers quote, since a piecewise-linear target cannot tell 150 from 125). The PHM08
 * score sums {@code exp(−d/13) − 1} for early predictions ({@code d < 0}) and {@code exp(d/10) − 1} for late ones,
 * punishing late predictions harder; lower is better, it is a sum (it grows with the number of units).
 *
 * @param n           the number of predictions
 * @param rmse        RMSE against the true remaining life
 * @param rmseCapped  RMSE against the truth capped at {@code cap}
 * @param mae         mean absolute error against the capped truth
 * @param phm08       PHM08 score against the true remaining life
 * @param phm08Capped PHM08 score against the capped truth
 */
public record RulScores(int n, double rmse, double rmseCapped, double mae, double phm08, double phm08Capped) {

    /**
     * Scores {@code predicted} against {@code actual}.
     *
     * @param cap the label cap
     */
    public static RulScores of(double[] predicted, double[] actual, double cap) {
        if (predicted.length != actual.length || predicted.length == 0) {
            throw new InvalidSpecException("need as many predictions as true values, and at least one; found "
                    + predicted.length + " and " + actual.length);
        }
        double se = 0;
        double seCapped = 0;
        double ae = 0;
        double s = 0;
        double sCapped = 0;
        for (int i = 0; i < predicted.length; i++) {
            double d = predicted[i] - actual[i];
            double dc = predicted[i] - Math.min(cap, actual[i]);
            se += d * d;
            seCapped += dc * dc;
            ae += Math.abs(dc);
            s += phm08(d);
            sCapped += phm08(dc);
        }
        int n = predicted.length;
        return new RulScores(n, Math.sqrt(se / n), Math.sqrt(seCapped / n), ae / n, s, sCapped);
    }

    /** The PHM08 penalty of one error {@code d = predicted − actual} (the evaluation library's definition). */
    public static double phm08(double d) {
        return RegressionMetrics.phm08(d);
    }
}
