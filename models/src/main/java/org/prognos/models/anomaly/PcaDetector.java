package org.prognos.models.anomaly;

import java.util.Arrays;
import java.util.OptionalDouble;
import org.prognos.models.BundleFormatException;

/**
 * Principal component analysis of the normal rows, scored with Hotelling's T² (distance inside the retained
 * subspace, in units of each component's variance) and Q, the squared prediction error (distance off the
 * subspace). The classic multivariate statistical process monitoring pair: T² flags unusual combinations of the
 * usual variation, Q flags variation the normal rows never showed (a broken correlation between sensors).
 *
 * <p><b>Raw score</b> = T² / t2Scale + Q / qScale, where the scales are the 99th percentiles of T² and Q on the
 * normal training rows: each statistic in units of its own normal extreme, summed so that both count and the
 * per-column contributions add up. <b>Contributions</b>: the Q part of column c is e_c² / qScale with e the
 * residual off the subspace (its share of Q); the T² part is z_c · Σ_j p_jc t_j / λ_j / t2Scale (the usual T²
 * contribution, which can be negative for a column that pulls the row back toward normal).
 *
 * @param loadings    {@code [k][d]}: the k retained components, unit vectors over the d scaled columns
 * @param eigenvalues the variance along each retained component, positive
 * @param t2Scale     the 99th percentile of T² on the normal training rows
 * @param qScale      the 99th percentile of Q on the normal training rows (floored: with every direction
 *                    retained Q is 0 on all rows)
 */
public record PcaDetector(double[][] loadings, double[] eigenvalues, double t2Scale, double qScale) implements Detector {
    public PcaDetector {
        if (loadings == null || eigenvalues == null || loadings.length != eigenvalues.length || loadings.length == 0) {
            throw new BundleFormatException("a PCA detector needs at least one component and one eigenvalue per component");
        }
        int d = loadings[0].length;
        double[][] copy = new double[loadings.length][];
        for (int j = 0; j < loadings.length; j++) {
            if (loadings[j].length != d) {
                throw new BundleFormatException("PCA component " + j + " has " + loadings[j].length + " loadings, not " + d);
            }
            if (!(eigenvalues[j] > 0) || !Double.isFinite(eigenvalues[j])) {
                throw new BundleFormatException("PCA eigenvalue " + j + " must be positive and finite, found " + eigenvalues[j]);
            }
            copy[j] = loadings[j].clone();
        }
        loadings = copy;
        eigenvalues = eigenvalues.clone();
        if (!(t2Scale > 0) || !(qScale > 0) || !Double.isFinite(t2Scale) || !Double.isFinite(qScale)) {
            throw new BundleFormatException("PCA t2Scale and qScale must be positive and finite, found " + t2Scale + ", " + qScale);
        }
    }

    @Override
    public String family() {
        return "pca";
    }

    @Override
    public int width() {
        return loadings[0].length;
    }

    /** The number of retained components. */
    public int components() {
        return eigenvalues.length;
    }

    /** Hotelling's T² of {@code z}, unscaled. */
    public double t2(double[] z) {
        double t2 = 0;
        for (int j = 0; j < loadings.length; j++) {
            double t = dot(loadings[j], z);
            t2 += t * t / eigenvalues[j];
        }
        return t2;
    }

    /** Q (squared prediction error) of {@code z}, unscaled. */
    public double q(double[] z) {
        double[] e = residual(z, new double[loadings.length]);
        double q = 0;
        for (double v : e) {
            q += v * v;
        }
        return q;
    }

    @Override
    public double score(double[] z, double[] contributions) {
        double[] t = new double[loadings.length];
        double[] e = residual(z, t);
        double t2 = 0;
        double q = 0;
        for (int j = 0; j < t.length; j++) {
            t2 += t[j] * t[j] / eigenvalues[j];
        }
        for (int c = 0; c < z.length; c++) {
            double back = 0;                        // Σ_j p_jc t_j / λ_j
            for (int j = 0; j < t.length; j++) {
                back += loadings[j][c] * t[j] / eigenvalues[j];
            }
            contributions[c] = z[c] * back / t2Scale + e[c] * e[c] / qScale;
            q += e[c] * e[c];
        }
        return t2 / t2Scale + q / qScale;
    }

    /** Unbounded: T² and Q grow with the square of a row's distance from the normal centre. */
    @Override
    public OptionalDouble ceiling() {
        return OptionalDouble.empty();
    }

    /** The residual of {@code z} off the subspace; writes its scores (projections) into {@code t}. */
    private double[] residual(double[] z, double[] t) {
        double[] e = z.clone();
        for (int j = 0; j < loadings.length; j++) {
            double[] p = loadings[j];
            t[j] = dot(p, z);
            for (int c = 0; c < e.length; c++) {
                e[c] -= t[j] * p[c];
            }
        }
        return e;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Override
    public double[][] loadings() {
        double[][] copy = new double[loadings.length][];
        for (int j = 0; j < copy.length; j++) {
            copy[j] = loadings[j].clone();
        }
        return copy;
    }

    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PcaDetector p && Arrays.deepEquals(loadings, p.loadings) && Arrays.equals(eigenvalues, p.eigenvalues)
                && Double.compare(t2Scale, p.t2Scale) == 0 && Double.compare(qScale, p.qScale) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(loadings) * 31 + Arrays.hashCode(eigenvalues);
    }

    @Override
    public String toString() {
        return "PcaDetector[" + eigenvalues.length + " of " + width() + " components]";
    }
}
