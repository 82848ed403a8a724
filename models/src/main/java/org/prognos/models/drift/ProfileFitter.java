package org.prognos.models.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.prognos.models.BundleFormatException;

/**
 * Fits a {@link ReferenceProfile} from training rows. Runs once, in the training job, over the rows the model is
 * trained on; serving never fits. Quantiles are linear interpolations between order statistics (the "type 7" of
 * Hyndman and Fan, R's default): the q-quantile of n sorted values is {@code v[h] + (h − ⌊h⌋)(v[⌊h⌋+1] − v[⌊h⌋])}
 * with {@code h = q (n − 1)}.
 *
 * <p>Numeric edges: a feature with no value in any training row gets no edges and no percentiles (its drift can only
 * show as a change in the share missing); a constant one gets one edge and one inner bin holding every training value;
 * a discrete one gets fewer bins than asked, because equal quantiles merge.
 */
public final class ProfileFitter {
    /** Deciles: 10 bins between the training minimum and maximum. */
    public static final int DEFAULT_BINS = 10;

    private ProfileFitter() {
    }

    /** As {@link #fit(List, double[][], int, String)} with {@value #DEFAULT_BINS} bins. */
    public static ReferenceProfile fit(List<String> columns, double[][] rows, String source) {
        return fit(columns, rows, DEFAULT_BINS, source);
    }

    /**
     * Profiles every column of {@code rows} ({@code rows[i][c]} is column c of row i; NaN is missing).
     *
     * @throws BundleFormatException when there are no rows or a row's width differs from the columns'
     */
    public static ReferenceProfile fit(List<String> columns, double[][] rows, int bins, String source) {
        if (rows.length == 0) {
            throw new BundleFormatException("cannot fit a drift profile without training rows");
        }
        if (bins < 2) {
            throw new BundleFormatException("a drift profile needs at least 2 bins, found " + bins);
        }
        int width = columns.size();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new BundleFormatException("cannot fit a drift profile: row " + i + " has " + rows[i].length
                        + " values for " + width + " columns");
            }
        }
        List<FeatureProfile> features = new ArrayList<>(width);
        double[] column = new double[rows.length];
        for (int c = 0; c < width; c++) {
            int n = 0;
            for (double[] row : rows) {
                if (!Double.isNaN(row[c])) {
                    column[n++] = row[c];
                }
            }
            features.add(feature(columns.get(c), Arrays.copyOf(column, n), rows.length, bins));
        }
        return new ReferenceProfile(bins, rows.length, source, features);
    }

    /** One feature's profile from its {@code values} (no NaN) out of {@code rows} rows. */
    static FeatureProfile feature(String name, double[] values, long rows, int bins) {
        double missing = (rows - values.length) / (double) rows;
        if (values.length == 0) {
            return new FeatureProfile(name, new double[0], new double[0], missing, new double[0], Double.NaN, Double.NaN, rows);
        }
        for (double v : values) {
            if (Double.isInfinite(v)) {
                throw new BundleFormatException("cannot fit a drift profile of '" + name + "': it holds an infinite value");
            }
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] edges = new double[bins + 1];
        int e = 0;
        for (int k = 0; k <= bins; k++) {
            double q = quantile(sorted, k / (double) bins);
            if (e == 0 || q > edges[e - 1]) {
                edges[e++] = q;
            }
        }
        edges = Arrays.copyOf(edges, e);
        double[] percentiles = new double[FeatureProfile.PERCENTILES];
        for (int k = 0; k < percentiles.length; k++) {
            percentiles[k] = quantile(sorted, k / 100.0);
        }
        for (int k = 1; k < percentiles.length; k++) {     // rounding must not make them descend
            percentiles[k] = Math.max(percentiles[k], percentiles[k - 1]);
        }
        // counts by the same binOf serving uses, so the training shares are exactly the live ones' counterparts
        FeatureProfile shape = new FeatureProfile(name, edges, uniform(FeatureProfile.binCount(e)), missing, percentiles, 0, 0, rows);
        double[] counts = new double[shape.bins()];
        for (double v : sorted) {
            counts[shape.binOf(v)]++;
        }
        for (int b = 0; b < counts.length; b++) {
            counts[b] /= sorted.length;
        }
        double mean = 0;
        for (double v : sorted) {
            mean += v;
        }
        mean /= sorted.length;
        double ss = 0;
        for (double v : sorted) {
            ss += (v - mean) * (v - mean);
        }
        double std = sorted.length > 1 ? Math.sqrt(ss / (sorted.length - 1)) : 0;
        return new FeatureProfile(name, edges, counts, missing, percentiles, mean, std, rows);
    }

    /** The q-quantile of ascending {@code sorted} (not empty), linear between order statistics. */
    static double quantile(double[] sorted, double q) {
        double h = q * (sorted.length - 1);
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[] uniform(int n) {
        double[] u = new double[n];
        Arrays.fill(u, 1.0 / n);
        return u;
    }
}
