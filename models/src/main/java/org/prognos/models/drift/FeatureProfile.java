package org.prognos.models.drift;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;
import java.util.Objects;
import org.prognos.models.BundleFormatException;

/**
 * The training distribution of one input feature: immutable, fitted by {@link ProfileFitter}, read by
 * {@link DriftMeasure}.
 *
 * <p><b>Bins.</b> {@code edges} are the training minimum, the deciles (or whatever quantiles the fitter used) and the
 * maximum, with repeats dropped, so they are strictly ascending; a feature constant in training has one edge. They cut
 * the line into {@link #bins()} bins: "below" ({@code x < edges[0]}), the inner bins
 * {@code [edges[i], edges[i+1])} (the last one closed at the maximum; a single point when there is one edge) and
 * "above" ({@code x > edges[last]}). {@code fractions} holds the training share of each, in that order, over the rows
 * with a value; the two outer shares are 0 by construction and are there so live values outside the training range
 * have somewhere to go. Missing values ({@code NaN}) are counted apart in {@code missing}.
 *
 * <p><b>Percentiles.</b> {@code percentiles[k]} is the k-th percentile (k = 0…100, linear interpolation between order
 * statistics, so 0 is the minimum and 100 the maximum); {@link #cdf} and {@link #cdfBelow} read the reference
 * distribution function off them, exact at each percentile and linear between (so the KS distance is exact to about
 * 0.01). Repeated percentiles (a discrete feature) make the function jump there, as the true one does.
 *
 * @param name        the feature column
 * @param edges       strictly ascending bin edges, training min … max (empty only when no training row had a value)
 * @param fractions   training share of each bin: below, the inner bins, above ({@code edges.length + 1} entries, or
 *                    {@code edges.length + 2} with one edge; empty with no edge)
 * @param missing     share of training rows with no value
 * @param percentiles the 101 percentiles 0…100 (empty with no edge)
 * @param mean        training mean of the values
 * @param std         training standard deviation of the values (n − 1)
 * @param rows        training rows, missing ones included
 */
@JsonPropertyOrder({"name", "edges", "fractions", "missing", "percentiles", "mean", "std", "rows"})
public record FeatureProfile(String name, double[] edges, double[] fractions, double missing, double[] percentiles,
                             double mean, double std, long rows) {
    /** The number of percentiles kept: 0 to 100. */
    public static final int PERCENTILES = 101;
    private static final double SHARE_TOLERANCE = 1e-6;

    @JsonCreator
    public FeatureProfile(@JsonProperty("name") String name, @JsonProperty("edges") double[] edges,
                          @JsonProperty("fractions") double[] fractions, @JsonProperty("missing") double missing,
                          @JsonProperty("percentiles") double[] percentiles, @JsonProperty("mean") double mean,
                          @JsonProperty("std") double std, @JsonProperty("rows") long rows) {
        if (name == null || name.isBlank()) {
            throw new BundleFormatException("drift profile: a feature needs a 'name'");
        }
        if (edges == null || fractions == null || percentiles == null) {
            throw new BundleFormatException("drift profile of '" + name + "': 'edges', 'fractions' and 'percentiles' are required");
        }
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i]) || i > 0 && !(edges[i] > edges[i - 1])) {
                throw new BundleFormatException("drift profile of '" + name + "': 'edges' must be finite and strictly ascending");
            }
        }
        int bins = binCount(edges.length);
        if (fractions.length != bins) {
            throw new BundleFormatException("drift profile of '" + name + "': " + edges.length + " edges make " + bins
                    + " bins, found " + fractions.length + " fractions");
        }
        double sum = 0;
        for (double f : fractions) {
            if (!(f >= 0 && f <= 1)) {
                throw new BundleFormatException("drift profile of '" + name + "': fractions must be in [0, 1], found " + f);
            }
            sum += f;
        }
        if (bins > 0 && Math.abs(sum - 1) > SHARE_TOLERANCE) {
            throw new BundleFormatException("drift profile of '" + name + "': fractions must add up to 1, found " + sum);
        }
        if (percentiles.length != (edges.length == 0 ? 0 : PERCENTILES)) {
            throw new BundleFormatException("drift profile of '" + name + "': needs " + PERCENTILES + " percentiles, found "
                    + percentiles.length);
        }
        for (int i = 1; i < percentiles.length; i++) {
            if (!(percentiles[i] >= percentiles[i - 1])) {
                throw new BundleFormatException("drift profile of '" + name + "': percentiles must be ascending");
            }
        }
        if (!(missing >= 0 && missing <= 1) || rows < 1) {
            throw new BundleFormatException("drift profile of '" + name + "': needs 0 ≤ missing ≤ 1 and at least one row");
        }
        this.name = name;
        this.edges = edges.clone();
        this.fractions = fractions.clone();
        this.missing = missing;
        this.percentiles = percentiles.clone();
        this.mean = mean;
        this.std = std;
        this.rows = rows;
    }

    /** How many bins {@code edges} edges make: below, the inner ones (at least one), above; none without edges. */
    static int binCount(int edges) {
        return edges == 0 ? 0 : Math.max(1, edges - 1) + 2;
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public double[] fractions() {
        return fractions.clone();
    }

    @Override
    public double[] percentiles() {
        return percentiles.clone();
    }

    /** The number of bins, the two outer ones included (0 when training had no value). */
    public int bins() {
        return fractions.length;
    }

    /** The training share of bin {@code b}; no copy. */
    double fraction(int b) {
        return fractions[b];
    }

    /** The training minimum (NaN when no training row had a value). */
    public double min() {
        return edges.length == 0 ? Double.NaN : edges[0];
    }

    /** The training maximum (NaN when no training row had a value). */
    public double max() {
        return edges.length == 0 ? Double.NaN : edges[edges.length - 1];
    }

    /**
     * The bin of a value (not NaN): 0 below the minimum, {@code bins() - 1} above the maximum, else the inner bin
     * whose lower edge is the last at or below it. O(log edges), no allocation.
     */
    public int binOf(double x) {
        int last = edges.length - 1;
        if (x < edges[0]) {
            return 0;
        }
        if (x > edges[last]) {
            return bins() - 1;
        }
        int i = Arrays.binarySearch(edges, x);
        int lower = i >= 0 ? i : -i - 2;             // the last edge ≤ x
        return 1 + Math.min(lower, Math.max(0, last - 1));
    }

    /** The reference distribution function at x, right-continuous: the share of training values at or below x. */
    public double cdf(double x) {
        if (x < percentiles[0]) {
            return 0;
        }
        if (x >= percentiles[PERCENTILES - 1]) {
            return 1;
        }
        int i = Arrays.binarySearch(percentiles, x);
        int j;
        if (i >= 0) {
            j = i;
            while (j + 1 < PERCENTILES && percentiles[j + 1] == x) {
                j++;
            }
            return j / 100.0;
        }
        j = -i - 2;                                    // percentiles[j] < x < percentiles[j + 1]
        return (j + (x - percentiles[j]) / (percentiles[j + 1] - percentiles[j])) / 100.0;
    }

    /** The left limit of {@link #cdf} at x: the share of training values strictly below x. */
    public double cdfBelow(double x) {
        if (x <= percentiles[0]) {
            return 0;
        }
        if (x > percentiles[PERCENTILES - 1]) {
            return 1;
        }
        int i = Arrays.binarySearch(percentiles, x);
        if (i >= 0) {
            int j = i;
            while (j > 0 && percentiles[j - 1] == x) {
                j--;
            }
            return j / 100.0;
        }
        return cdf(x);                                 // continuous between percentiles
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureProfile p && name.equals(p.name) && Arrays.equals(edges, p.edges)
                && Arrays.equals(fractions, p.fractions) && missing == p.missing && Arrays.equals(percentiles, p.percentiles)
                && Double.compare(mean, p.mean) == 0 && Double.compare(std, p.std) == 0 && rows == p.rows;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(edges), Arrays.hashCode(fractions), rows);
    }

    @Override
    public String toString() {
        return "FeatureProfile[" + name + ", edges " + Arrays.toString(edges) + ", fractions " + Arrays.toString(fractions)
                + ", missing " + missing + "]";
    }
}
