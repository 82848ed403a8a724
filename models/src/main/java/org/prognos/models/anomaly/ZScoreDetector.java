package org.prognos.models.anomaly;

import java.util.OptionalDouble;

/**
 * The baseline to beat: the largest absolute z-score of any column, i.e. "how many normal standard deviations is
 * the most extreme feature away from its normal mean". It sees each column alone, so it misses a broken
 * correlation that keeps every column within its usual range; a multivariate family that cannot beat it does not
 * work.
 *
 * <p><b>Raw score</b> = max_c |z_c|. <b>Contributions</b>: the raw score split in proportion to each column's |z_c|.
 *
 * @param columns the number of scaled columns
 */
public record ZScoreDetector(int columns) implements Detector {
    public ZScoreDetector {
        if (columns < 1) {
            throw new org.prognos.models.BundleFormatException("a z-score detector needs at least one column, found " + columns);
        }
    }

    @Override
    public String family() {
        return "zscore";
    }

    @Override
    public int width() {
        return columns;
    }

    @Override
    public double score(double[] z, double[] contributions) {
        double max = 0;
        double sum = 0;
        for (double v : z) {
            max = Math.max(max, Math.abs(v));
            sum += Math.abs(v);
        }
        for (int c = 0; c < z.length; c++) {
            contributions[c] = sum > 0 ? max * Math.abs(z[c]) / sum : 0;
        }
        return max;
    }

    /** Unbounded: the largest |z| grows with the row. */
    @Override
    public OptionalDouble ceiling() {
        return OptionalDouble.empty();
    }
}
