package org.prognos.models.anomaly;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The running count, mean and sum of squared deviations (Welford's update) of each feature column, {@code NaN}s left
 * out: the accumulator {@link ColumnScaling#fit} and {@link ColumnScaling#fitOwn} fit with, and the one an
 * {@link AdaptiveScorer} fills from an asset's warm-up rows when its settings learn the asset's scaling
 * ({@link AdaptiveScoring#withLearnedScaling}). One accumulator and one rule for both, so a scaling learned live is the
 * one training would fit on the same rows, bit for bit. Mutable, and lives only while fitting (or warming up).
 *
 * <p>Welford's update rather than sums of squares: a column of large values with a small spread (a temperature near
 * 300 K) loses its spread to cancellation in Σx² − n·mean².
 */
final class ColumnMoments {
    /** Spread below this share of a column's level is rounding noise of the mean: the column is constant. */
    private static final double NO_SPREAD = 1e-12;
    private final long[] n;
    private final double[] mean;
    private final double[] m2;

    ColumnMoments(int width) {
        this.n = new long[width];
        this.mean = new double[width];
        this.m2 = new double[width];
    }

    /** Adds one row (its first {@code width} values; {@code NaN} for missing). */
    void add(double[] row) {
        for (int c = 0; c < n.length; c++) {
            double v = row[c];
            if (Double.isNaN(v)) {
                continue;
            }
            n[c]++;
            double d = v - mean[c];
            mean[c] += d / n[c];
            m2[c] += d * (v - mean[c]);
        }
    }

    /**
     * The rows' scaling: each column's mean and sample standard deviation (N − 1); 0, a column left out, where it has
     * no spread (fewer than 2 values, or a spread within rounding noise of its mean).
     */
    ColumnScaling scaling() {
        double[] sd = new double[n.length];
        for (int c = 0; c < n.length; c++) {
            double s = n[c] > 1 ? Math.sqrt(m2[c] / (n[c] - 1)) : 0;
            sd[c] = s > NO_SPREAD * Math.max(1, Math.abs(mean[c])) ? s : 0;
        }
        return new ColumnScaling(mean, sd);
    }

    /**
     * An asset's own scaling from these, its rows: {@link #scaling()}, with {@code fleet}'s scale where the asset shows
     * no spread and {@code fleet}'s centre where it never shows the column (the rule {@link ColumnScaling#fitOwn}
     * documents).
     */
    ColumnScaling ownScaling(ColumnScaling fleet) {
        ColumnScaling own = scaling();
        double[] center = own.center();
        double[] scale = own.scale();
        double[] fleetCenter = fleet.center();
        double[] fleetScale = fleet.scale();
        for (int c = 0; c < center.length; c++) {
            if (n[c] == 0) {
                center[c] = fleetCenter[c];
            }
            if (scale[c] == 0) {
                scale[c] = fleetScale[c];
            }
        }
        return new ColumnScaling(center, scale);
    }

    /** Writes the counts, means and sums exactly (a scorer's snapshot). */
    void write(DataOutputStream out) throws IOException {
        for (int c = 0; c < n.length; c++) {
            out.writeLong(n[c]);
            out.writeLong(Double.doubleToRawLongBits(mean[c]));
            out.writeLong(Double.doubleToRawLongBits(m2[c]));
        }
    }

    /** Reads what {@link #write} wrote, for as many columns. */
    void read(DataInputStream in) throws IOException {
        for (int c = 0; c < n.length; c++) {
            n[c] = in.readLong();
            mean[c] = Double.longBitsToDouble(in.readLong());
            m2[c] = Double.longBitsToDouble(in.readLong());
        }
    }

    /** The bytes these hold. */
    long estimatedBytes() {
        return 24L * n.length;
    }
}
