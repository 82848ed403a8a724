package org.prognos.models.anomaly;

import java.util.List;
import org.prognos.models.BundleFormatException;

/**
 * Centres and scales feature columns by their mean and standard deviation on normal rows, so that every detector
 * works in units of normal variation and no column dominates by its unit.
 *
 * <p>Edge cases: a missing value ({@code NaN}) becomes 0, the centre: "no evidence either way", so a row with a
 * missing sensor is judged on the others. A column whose standard deviation on normal rows is 0 (a constant
 * column, e.g. C-MAPSS sensor_1) has scale 0 and is left out (its scaled value is always 0): with no normal
 * spread there is no distance to put on a departure from it. The fitting job names such columns.
 *
 * @param center per column, the mean on normal rows
 * @param scale  per column, the standard deviation on normal rows (N − 1), 0 for a column left out
 */
public record ColumnScaling(double[] center, double[] scale) {
    public ColumnScaling {
        if (center == null || scale == null || center.length != scale.length) {
            throw new BundleFormatException("column scaling needs one centre and one scale per column");
        }
        center = center.clone();
        scale = scale.clone();
        for (int c = 0; c < center.length; c++) {
            if (!Double.isFinite(center[c]) || !(scale[c] >= 0 && Double.isFinite(scale[c]))) {
                throw new BundleFormatException("column " + c + ": centre " + center[c] + " and scale " + scale[c]
                        + " must be finite, the scale at least 0");
            }
        }
    }

    /** The scaling of {@code rows}: each column's mean and sample standard deviation, ignoring {@code NaN}s. */
    public static ColumnScaling fit(double[][] rows, int width) {
        double[] mean = new double[width];
        double[] m2 = new double[width];
        long[] n = new long[width];
        for (double[] row : rows) {
            for (int c = 0; c < width; c++) {
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
        double[] sd = new double[width];
        for (int c = 0; c < width; c++) {
            double s = n[c] > 1 ? Math.sqrt(m2[c] / (n[c] - 1)) : 0;
            // spread below rounding noise of the mean is no spread: the column is constant
            sd[c] = s > 1e-12 * Math.max(1, Math.abs(mean[c])) ? s : 0;
        }
        return new ColumnScaling(mean, sd);
    }

    /**
     * One asset's own scaling ({@code task.scaling: asset}), from its own normal rows: each column's mean and sample
     * standard deviation there, ignoring {@code NaN}s. Where the asset gives no spread (a column constant, or seen
     * fewer than twice, in its normal rows) the column keeps {@code fleet}'s scale around the asset's own level, so a
     * later departure from that level is still measured (in the fleet's units) rather than left out; where the asset
     * never shows the column, {@code fleet}'s centre too.
     */
    public static ColumnScaling fitOwn(double[][] assetRows, ColumnScaling fleet) {
        ColumnScaling own = fit(assetRows, fleet.width());
        double[] center = own.center.clone();
        double[] scale = own.scale.clone();
        for (int c = 0; c < center.length; c++) {
            boolean seen = false;
            for (double[] row : assetRows) {
                seen |= !Double.isNaN(row[c]);
            }
            if (!seen) {
                center[c] = fleet.center[c];
            }
            if (scale[c] == 0) {
                scale[c] = fleet.scale[c];
            }
        }
        return new ColumnScaling(center, scale);
    }

    /** The number of columns. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public int width() {
        return center.length;
    }

    /** The scaled row: {@code (x − centre) / scale}, 0 where missing or left out. */
    public double[] apply(double[] row) {
        double[] z = new double[center.length];
        for (int c = 0; c < z.length; c++) {
            double v = row[c];
            z[c] = Double.isNaN(v) || scale[c] == 0 ? 0 : (v - center[c]) / scale[c];
        }
        return z;
    }

    /** The names of the columns left out (constant on normal rows). */
    public List<String> leftOut(List<String> columns) {
        return java.util.stream.IntStream.range(0, scale.length).filter(c -> scale[c] == 0).mapToObj(columns::get).toList();
    }

    @Override
    public double[] center() {
        return center.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnScaling s && java.util.Arrays.equals(center, s.center) && java.util.Arrays.equals(scale, s.scale);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(center) * 31 + java.util.Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "ColumnScaling[" + center.length + " columns]";
    }
}
