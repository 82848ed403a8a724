package org.prognos.features.normalize;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.prognos.features.InvalidSpecException;

/**
 * A fitted normalization: immutable, serialized inside the spec, applied identically in training and
 * serving. A reading is assigned to the regime whose centroid is nearest in the standardized regime-setting
 * space, and each normalized channel becomes {@code (x − mean[regime]) / std[regime]}.
 *
 * <p>A channel whose training standard deviation in a regime is below {@link #MIN_STD} carries no
 * information there; it is divided by 1 instead (so it stays finite), and is listed by
 * {@link #constantChannels()} so a trainer can drop it.
 *
 * @param channels        normalized channels, by name
 * @param regimeChannels  operating-setting channels, by name (empty: one regime)
 * @param regimeCenter    per regime channel, the training mean used to standardize settings before clustering
 * @param regimeScale     per regime channel, the training standard deviation used likewise
 * @param centroids       [regime][regime channel] centroids in the standardized space
 * @param mean            [regime][channel] training means
 * @param std             [regime][channel] training standard deviations
 * @param counts          training readings per regime
 */
public record FittedNormalizer(List<String> channels, List<String> regimeChannels, double[] regimeCenter,
                               double[] regimeScale, double[][] centroids, double[][] mean, double[][] std,
                               long[] counts) {
    /** Standard deviations below this are treated as a constant channel. */
    public static final double MIN_STD = 1e-12;

    @JsonCreator
    public FittedNormalizer(@JsonProperty("channels") List<String> channels,
                            @JsonProperty("regimeChannels") List<String> regimeChannels,
                            @JsonProperty("regimeCenter") double[] regimeCenter,
                            @JsonProperty("regimeScale") double[] regimeScale,
                            @JsonProperty("centroids") double[][] centroids,
                            @JsonProperty("mean") double[][] mean,
                            @JsonProperty("std") double[][] std,
                            @JsonProperty("counts") long[] counts) {
        this.channels = List.copyOf(channels);
        this.regimeChannels = List.copyOf(regimeChannels);
        this.regimeCenter = regimeCenter.clone();
        this.regimeScale = regimeScale.clone();
        this.centroids = deepCopy(centroids);
        this.mean = deepCopy(mean);
        this.std = deepCopy(std);
        this.counts = counts.clone();
        int r = this.mean.length;
        if (r < 1 || this.std.length != r || this.centroids.length != r || this.counts.length != r) {
            throw new InvalidSpecException("fitted normalizer: regime arrays disagree in length");
        }
        for (int i = 0; i < r; i++) {
            if (this.mean[i].length != this.channels.size() || this.std[i].length != this.channels.size()
                    || this.centroids[i].length != this.regimeChannels.size()) {
                throw new InvalidSpecException("fitted normalizer: regime " + i + " has the wrong number of channels");
            }
        }
        if (this.regimeCenter.length != this.regimeChannels.size() || this.regimeScale.length != this.regimeChannels.size()) {
            throw new InvalidSpecException("fitted normalizer: regime scaling has the wrong number of channels");
        }
    }

    private static double[][] deepCopy(double[][] a) {
        return Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
    }

    @Override
    public double[] regimeCenter() {
        return regimeCenter.clone();
    }

    @Override
    public double[] regimeScale() {
        return regimeScale.clone();
    }

    @Override
    public double[][] centroids() {
        return deepCopy(centroids);
    }

    @Override
    public double[][] mean() {
        return deepCopy(mean);
    }

    @Override
    public double[][] std() {
        return deepCopy(std);
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** Number of operating regimes. */
    @JsonIgnore
    public int regimeCount() {
        return mean.length;
    }

    /**
     * The regime of a reading. {@code settings[i]} is regime channel i's raw value; a reading with a missing
     * setting goes to regime 0 when there is one regime, else to the nearest centroid over the finite settings.
     */
    public int regimeOf(double[] settings) {
        if (mean.length == 1) {
            return 0;
        }
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int r = 0; r < centroids.length; r++) {
            double d = 0;
            for (int i = 0; i < settings.length; i++) {
                double z = (settings[i] - regimeCenter[i]) / regimeScale[i];
                if (z == z) {
                    double e = z - centroids[r][i];
                    d += e * e;
                }
            }
            if (d < bestD) {
                bestD = d;
                best = r;
            }
        }
        return best;
    }

    /** Normalizes {@code value} of normalized channel {@code c} in regime {@code r}. */
    public double apply(int r, int c, double value) {
        double s = std[r][c];
        return (value - mean[r][c]) / (s < MIN_STD ? 1.0 : s);
    }

    /** Channels whose training standard deviation is below {@link #MIN_STD} in every regime. */
    @JsonIgnore
    public List<String> constantChannels() {
        return IntStream.range(0, channels.size())
                .filter(c -> Arrays.stream(std).allMatch(s -> s[c] < MIN_STD))
                .mapToObj(channels::get).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FittedNormalizer f && channels.equals(f.channels) && regimeChannels.equals(f.regimeChannels)
                && Arrays.equals(regimeCenter, f.regimeCenter) && Arrays.equals(regimeScale, f.regimeScale)
                && Arrays.deepEquals(centroids, f.centroids) && Arrays.deepEquals(mean, f.mean)
                && Arrays.deepEquals(std, f.std) && Arrays.equals(counts, f.counts);
    }

    @Override
    public int hashCode() {
        return channels.hashCode() * 31 + Arrays.deepHashCode(mean);
    }

    @Override
    public String toString() {
        return "FittedNormalizer[" + channels.size() + " channels, " + regimeCount() + " regimes on " + regimeChannels + "]";
    }
}
