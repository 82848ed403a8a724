package org.prognos.features.window;

import java.util.Arrays;

/**
 * The running sums of one {@link WindowBlock}, per channel: the count of finite values, the power sums
 * Σd, Σd², Σd³, Σd⁴ of {@code d = x − K} with a shift {@code K} per channel, and the time sums Σt, Σt²,
 * Σt·d of the least-squares slope, each kept only when the block's flags ask for it. The block owns the
 * ring and decides when to start a channel afresh or recompute (see its class comment); this class holds
 * the arithmetic and the statistics read from it.
 */
final class ShiftedSums {
    /** Relative size under which a central second moment is taken to be rounding noise of a constant signal. */
    private static final double CONSTANT_TOLERANCE = 1e-13;

    private final int flags;
    private final int[] n;
    private final double[] k;
    private final double[] s1;
    private final double[] s2;
    private final double[] s3;
    private final double[] s4;
    private final double[] sx;
    private final double[] sxx;
    private final double[] sxy;

    ShiftedSums(int channels, int flags) {
        this.flags = flags;
        this.n = new int[channels];
        this.k = new double[channels];
        this.s1 = new double[channels];
        this.s2 = new double[channels];
        this.s3 = new double[channels];
        this.s4 = new double[channels];
        this.sx = new double[channels];
        this.sxx = new double[channels];
        this.sxy = new double[channels];
    }

    /** Starts channel {@code c} afresh: no values, exact zero sums and shift {@code shift}. */
    void restart(int c, double shift) {
        k[c] = shift;
        n[c] = 0;
        s1[c] = s2[c] = s3[c] = s4[c] = 0;
        sx[c] = sxx[c] = sxy[c] = 0;
    }

    /** Empties every channel (the shifts are kept; the next value restarts its channel). */
    void clear() {
        Arrays.fill(n, 0);
        Arrays.fill(s1, 0);
        Arrays.fill(s2, 0);
        Arrays.fill(s3, 0);
        Arrays.fill(s4, 0);
        Arrays.fill(sx, 0);
        Arrays.fill(sxx, 0);
        Arrays.fill(sxy, 0);
    }

    /** Adds finite value {@code v} of channel {@code c} at slope time {@code x}. */
    void add(int c, double v, double x) {
        n[c]++;
        if ((flags & WindowBlock.MOMENT1) == 0) {
            return;
        }
        double d = v - k[c];
        s1[c] += d;
        if ((flags & (WindowBlock.MOMENT2 & ~WindowBlock.MOMENT1)) != 0) {
            double d2 = d * d;
            s2[c] += d2;
            if ((flags & (WindowBlock.MOMENT3 & ~WindowBlock.MOMENT2)) != 0) {
                s3[c] += d2 * d;
                if ((flags & (WindowBlock.MOMENT4 & ~WindowBlock.MOMENT3)) != 0) {
                    s4[c] += d2 * d2;
                }
            }
        }
        if ((flags & WindowBlock.TIME) != 0) {
            sx[c] += x;
            sxx[c] += x * x;
            sxy[c] += x * d;
        }
    }

    /** Removes finite value {@code v} of channel {@code c} at slope time {@code x}, added before. */
    void remove(int c, double v, double x) {
        n[c]--;
        if ((flags & WindowBlock.MOMENT1) == 0) {
            return;
        }
        double d = v - k[c];
        s1[c] -= d;
        if ((flags & (WindowBlock.MOMENT2 & ~WindowBlock.MOMENT1)) != 0) {
            double d2 = d * d;
            s2[c] -= d2;
            if ((flags & (WindowBlock.MOMENT3 & ~WindowBlock.MOMENT2)) != 0) {
                s3[c] -= d2 * d;
                if ((flags & (WindowBlock.MOMENT4 & ~WindowBlock.MOMENT3)) != 0) {
                    s4[c] -= d2 * d2;
                }
            }
        }
        if ((flags & WindowBlock.TIME) != 0) {
            sx[c] -= x;
            sxx[c] -= x * x;
            sxy[c] -= x * d;
        }
    }

    /**
     * Whether a just-removed value {@code v} lay so far outside channel {@code c}'s remaining values (its
     * squared deviation over {@code ratio} times their mean square) that it left rounding residue in the sums.
     */
    boolean outlier(int c, double v, double ratio) {
        if ((flags & WindowBlock.MOMENT2) != WindowBlock.MOMENT2 || n[c] <= 0) {
            return false;
        }
        double d = v - k[c];
        return d * d > ratio * Math.abs(s2[c]) / n[c];
    }

    /** Whether some channel's shift lies more than {@code maxDrift} standard deviations from its values' mean. */
    boolean drifted(double maxDrift) {
        for (int c = 0; c < n.length; c++) {
            int cnt = n[c];
            if (cnt > 1) {
                double m = s1[c] / cnt;
                double c2 = s2[c] - m * s1[c];
                if (m * m * cnt > maxDrift * maxDrift * Math.max(c2, 0)) {
                    return m != 0;
                }
            }
        }
        return false;
    }

    int count(int c) {
        return n[c];
    }

    double mean(int c) {
        return n[c] == 0 ? Double.NaN : k[c] + s1[c] / n[c];
    }

    /** Σ(x − mean)², 0 when it is rounding noise of a constant signal. */
    private double centralSum2(int c) {
        double m = s1[c] / n[c];
        double c2 = s2[c] - m * s1[c];
        return c2 <= CONSTANT_TOLERANCE * s2[c] ? 0 : c2;
    }

    double std(int c) {
        int cnt = n[c];
        return cnt < 2 ? Double.NaN : Math.sqrt(centralSum2(c) / (cnt - 1));
    }

    double rms(int c) {
        int cnt = n[c];
        if (cnt == 0) {
            return Double.NaN;
        }
        double mean = mean(c);
        return Math.sqrt(mean * mean + centralSum2(c) / cnt);
    }

    double slope(int c) {
        int cnt = n[c];
        if (cnt < 2) {
            return Double.NaN;
        }
        double den = cnt * sxx[c] - sx[c] * sx[c];
        return den <= 0 ? Double.NaN : (cnt * sxy[c] - sx[c] * s1[c]) / den;
    }
}
