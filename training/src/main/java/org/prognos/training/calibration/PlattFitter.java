package org.prognos.training.calibration;

import org.prognos.models.calibration.ProbabilityCalibration;

/**
 * Platt scaling (Platt 1999): p' = σ(a · logit(p) + b), a and b by maximum likelihood (Newton's method, at most
 * {@value #ITERATIONS} steps), with Platt's smoothed targets (N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2) so that separable data
 * still gives finite numbers. A fitted negative slope (scores ranked the wrong way) is set to 0: the map then says the
 * base rate for every row rather than reversing the model's ranking.
 */
public final class PlattFitter {
    /** Most Newton steps. */
    public static final int ITERATIONS = 100;

    private PlattFitter() {
    }

    /**
     * @param scores   raw P(any failure) per row, in [0, 1]
     * @param outcomes 1 for a row with a failure within the horizon, else 0
     */
    public static ProbabilityCalibration fit(double[] scores, double[] outcomes, int assets, String how) {
        int n = scores.length;
        double pos = 0;
        for (double o : outcomes) {
            pos += o;
        }
        double hi = (pos + 1) / (pos + 2);
        double lo = 1 / (n - pos + 2);
        double[] z = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            double q = Math.min(1 - ProbabilityCalibration.EPSILON, Math.max(ProbabilityCalibration.EPSILON, scores[i]));
            z[i] = Math.log(q / (1 - q));
            t[i] = outcomes[i] > 0 ? hi : lo;
        }
        double a = 1;
        double b = 0;
        for (int it = 0; it < ITERATIONS; it++) {
            double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
            for (int i = 0; i < n; i++) {
                double p = 1 / (1 + Math.exp(-(a * z[i] + b)));
                double d = p - t[i];
                double w = p * (1 - p);
                ga += d * z[i];
                gb += d;
                haa += w * z[i] * z[i];
                hab += w * z[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (!(Math.abs(det) > 0)) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) {
                break;
            }
        }
        if (a < 0) {
            a = 0;
            b = Math.log(hi * pos + lo * (n - pos)) - Math.log(n - hi * pos - lo * (n - pos));
        }
        return ProbabilityCalibration.platt(a, b, n, assets, how);
    }
}
