package org.prognos.features.window;

/**
 * Skewness and excess kurtosis of one channel's ring of values, by an exact two-pass over the window
 * (O(window) per row). One-pass power sums, which the other statistics use, are ill-conditioned for the
 * third and fourth central moments, whose terms can cancel by orders of magnitude. {@code NaN} values are
 * skipped; a constant window has skewness and kurtosis 0.
 */
final class ExactMoments {
    private ExactMoments() {
    }

    /** Bias-corrected sample skewness of the {@code size} values of ring {@code v} from slot {@code head}. */
    static double skewness(double[] v, int head, int size) {
        double[] m = centralMoments(v, head, size);
        int cnt = (int) m[0];
        if (cnt < 3) {
            return Double.NaN;
        }
        if (m[1] == 0) {
            return 0;
        }
        double var = m[1] / (cnt - 1);
        return cnt / ((cnt - 1.0) * (cnt - 2.0)) * m[2] / (var * Math.sqrt(var));
    }

    /** Bias-corrected sample excess kurtosis of the {@code size} values of ring {@code v} from slot {@code head}. */
    static double kurtosis(double[] v, int head, int size) {
        double[] m = centralMoments(v, head, size);
        int cnt = (int) m[0];
        if (cnt < 4) {
            return Double.NaN;
        }
        if (m[1] == 0) {
            return 0;
        }
        double var = m[1] / (cnt - 1);
        double nn = cnt;
        return nn * (nn + 1) / ((nn - 1) * (nn - 2) * (nn - 3)) * m[3] / (var * var)
                - 3 * (nn - 1) * (nn - 1) / ((nn - 2) * (nn - 3));
    }

    /** {n, Σ(x−mean)², Σ(x−mean)³, Σ(x−mean)⁴} over the finite values; Σ² is 0 for a constant window. */
    private static double[] centralMoments(double[] v, int head, int size) {
        double sum = 0;
        int cnt = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0, s = head; i < size; i++, s = s + 1 == v.length ? 0 : s + 1) {
            double x = v[s];
            if (x == x) {
                sum += x;
                cnt++;
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        if (cnt == 0 || lo == hi) {
            return new double[] {cnt, 0, 0, 0};
        }
        double mean = sum / cnt;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (int i = 0, s = head; i < size; i++, s = s + 1 == v.length ? 0 : s + 1) {
            double x = v[s];
            if (x == x) {
                double d = x - mean;
                double d2 = d * d;
                m2 += d2;
                m3 += d2 * d;
                m4 += d2 * d2;
            }
        }
        return new double[] {cnt, m2, m3, m4};
    }
}
