package org.prognos.models.dl4j;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.prognos.models.BundleFormatException;

/**
 * How a feature row becomes the input of a sequence network: which channels, over how many positions, and how each
 * channel is standardized. The feature spec's {@code sequence} group emits, per channel, the columns
 * {@code <channel>_seq_0 … <channel>_seq_<W-1>} (0 = oldest); this picks the selected channels' columns and lays them
 * out channel-major as one {@code [channels, window]} block per row, the NCW layout DL4J's recurrent and 1-D
 * convolution layers take. Training encodes its rows with the same method the predictor uses, so both sides agree.
 *
 * <p>Standardization: {@code (x − mean[c]) / std[c]}, with statistics fitted on training rows only. A {@code NaN}
 * value (the spec emits one only when the channel had no finite reading in the whole window) becomes 0, the training
 * mean, so a missing channel pulls the prediction towards the typical case instead of failing the row.
 *
 * @param window   W, the number of positions per channel
 * @param channels the channels fed to the network, in its channel order
 * @param mean     per channel, the training mean of the values the spec emits
 * @param std      per channel, the training standard deviation (positive)
 */
public record SequenceInput(int window, List<String> channels, double[] mean, double[] std) {
    @JsonCreator
    public SequenceInput(@JsonProperty("window") int window, @JsonProperty("channels") List<String> channels,
                         @JsonProperty("mean") double[] mean, @JsonProperty("std") double[] std) {
        if (window < 1) {
            throw new BundleFormatException("a sequence input needs a window of at least 1 position, found " + window);
        }
        if (channels == null || channels.isEmpty()) {
            throw new BundleFormatException("a sequence input needs at least one channel");
        }
        channels = List.copyOf(channels);
        if (new HashSet<>(channels).size() != channels.size()) {
            throw new BundleFormatException("a sequence input lists a channel twice: " + channels);
        }
        if (mean == null || std == null || mean.length != channels.size() || std.length != channels.size()) {
            throw new BundleFormatException("a sequence input needs one mean and one standard deviation per channel ("
                    + channels.size() + "), found " + (mean == null ? 0 : mean.length) + " and "
                    + (std == null ? 0 : std.length));
        }
        for (int c = 0; c < channels.size(); c++) {
            if (!Double.isFinite(mean[c]) || !(std[c] > 0) || !Double.isFinite(std[c])) {
                throw new BundleFormatException("channel '" + channels.get(c) + "': mean must be finite and standard"
                        + " deviation positive and finite, found " + mean[c] + " and " + std[c]);
            }
        }
        this.window = window;
        this.channels = channels;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** The feature column holding position {@code position} (0 = oldest) of {@code channel}'s sequence. */
    public static String column(String channel, int position) {
        return channel + "_seq_" + position;
    }

    /** The feature columns read, channel-major: every position of the first channel, then of the next. */
    public List<String> columns() {
        List<String> out = new ArrayList<>(channels.size() * window);
        for (String ch : channels) {
            for (int t = 0; t < window; t++) {
                out.add(column(ch, t));
            }
        }
        return out;
    }

    /**
     * Where each column of {@link #columns()} sits in a feature row of {@code featureColumns}.
     *
     * @throws BundleFormatException naming the missing columns when the rows do not carry this input
     */
    public int[] indicesIn(List<String> featureColumns) {
        List<String> wanted = columns();
        int[] out = new int[wanted.size()];
        List<String> missing = new ArrayList<>();
        java.util.Map<String, Integer> at = new java.util.HashMap<>();
        for (int i = 0; i < featureColumns.size(); i++) {
            at.putIfAbsent(featureColumns.get(i), i);
        }
        for (int i = 0; i < out.length; i++) {
            Integer c = at.get(wanted.get(i));
            if (c == null) {
                missing.add(wanted.get(i));
            } else {
                out[i] = c;
            }
        }
        if (!missing.isEmpty()) {
            throw new BundleFormatException("the sequence input reads columns the feature rows do not have: "
                    + (missing.size() <= 5 ? missing : missing.subList(0, 5) + " and " + (missing.size() - 5) + " more")
                    + "; the spec needs a 'sequence' group over a " + window + "-sample window for channels " + channels);
        }
        return out;
    }

    /**
     * Encodes rows as one NCW block: {@code out[(r × channels + c) × window + t]} is position t of channel c of row r,
     * standardized; {@code NaN} becomes 0.
     *
     * @param rows    feature rows
     * @param indices from {@link #indicesIn} for the rows' columns
     */
    public float[] encode(double[][] rows, int[] indices) {
        float[] out = new float[rows.length * indices.length];
        for (int r = 0; r < rows.length; r++) {
            encodeRow(rows[r], indices, out, r * indices.length);
        }
        return out;
    }

    /** Encodes one row into {@code out} from {@code offset} (see {@link #encode}). */
    public void encodeRow(double[] row, int[] indices, float[] out, int offset) {
        int i = 0;
        for (int c = 0; c < channels.size(); c++) {
            double m = mean[c];
            double s = std[c];
            for (int t = 0; t < window; t++, i++) {
                double z = (row[indices[i]] - m) / s;
                out[offset + i] = z == z ? (float) z : 0f;
            }
        }
    }

    /** The means (a copy). */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** The standard deviations (a copy). */
    @Override
    public double[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceInput s && window == s.window && channels.equals(s.channels)
                && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return Objects.hash(window, channels, Arrays.hashCode(mean), Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return "SequenceInput[window=" + window + ", channels=" + channels + "]";
    }
}
