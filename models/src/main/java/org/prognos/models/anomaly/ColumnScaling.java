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
        return momentsOf(rows, width).scaling();
    }

    /**
     * One asset's own scaling ({@code task.scaling: asset}), from its own normal rows: each column's mean and sample
     * standard deviation there, ignoring {@code NaN}s. Where the asset gives no spread (a column constant, or seen
     * fewer than twice, in its normal rows) the column keeps {@code fleet}'s scale around the asset's own level, so a
     * later departure from that level is still measured (in the fleet's units) rather than left out; where the asset
     * never shows the column, {@code fleet}'s centre too. An adaptive scorer that learns an asset's scaling in its
     * warm-up ({@link AdaptiveScoring#withLearnedScaling}) applies this rule to the warm-up rows.
     */
    public static ColumnScaling fitOwn(double[][] assetRows, ColumnScaling fleet) {
        return momentsOf(assetRows, fleet.width()).ownScaling(fleet);
    }

    private static ColumnMoments momentsOf(double[][] rows, int width) {
        ColumnMoments moments = new ColumnMoments(width);
        for (double[] row : rows) {
            moments.add(row);
        }
        return moments;
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
