package org.prognos.models.dl4j;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.prognos.models.BundleFormatException;

/**
 * How a feature row becomes the input of a sequence network: which channels, over how many positions, and how each
 * channel is standardized. The feature spec's {@code sequence} group emits, per channel, the columns
 * {@code <channel>_seq_0 … <channel>_seq_<W-1>} (0 = oldest); this picks the selected channels' columns and lays them
 * out channel-major as one {@code [channels, window]} block per row, the NCW layout DL4J's recurrent and 1-D
 * convolution layers take. Training encodes its rows with the same method the predictor uses, so both sides agree.
 *
 * <p>Scalars: other feature columns of the row (e.g. the cycles elapsed, or a slow moving average that remembers more
 * than the window) can be fed as extra channels after the sequences, each holding its one value at every position:
 * the network then sees the whole row's information in one NCW block, and serving reads them from the same feature
 * vector. Bundles written before scalars existed have none.
 *
 * <p>Standardization: {@code (x − mean[c]) / std[c]}, with statistics fitted on training rows only. A {@code NaN}
 * value (the spec emits one only when the channel had no finite reading in the whole window) becomes 0, the training
 * mean, so a missing channel pulls the prediction towards the typical case instead of failing the row.
 *
 * @param window   W, the number of positions per channel
 * @param channels the channels whose sequences are fed to the network, in its channel order
 * @param scalars  feature columns fed after them as constant channels (may be empty)
 * @param mean     per channel, then per scalar, the training mean of the values the spec emits
 * @param std      per channel, then per scalar, the training standard deviation (positive)
 */
public record SequenceInput(int window, List<String> channels, List<String> scalars, double[] mean, double[] std) {
    /** An input of sequences only. */
    public SequenceInput(int window, List<String> channels, double[] mean, double[] std) {
        this(window, channels, List.of(), mean, std);
    }

    @JsonCreator
    public SequenceInput(@JsonProperty("window") int window, @JsonProperty("channels") List<String> channels,
                         @JsonProperty("scalars") List<String> scalars,
                         @JsonProperty("mean") double[] mean, @JsonProperty("std") double[] std) {
        if (window < 1) {
            throw new BundleFormatException("a sequence input needs a window of at least 1 position, found " + window);
        }
        if (channels == null || channels.isEmpty()) {
            throw new BundleFormatException("a sequence input needs at least one channel");
        }
        channels = List.copyOf(channels);
        scalars = scalars == null ? List.of() : List.copyOf(scalars);
        List<String> all = new ArrayList<>(channels);
        all.addAll(scalars);
        if (new HashSet<>(all).size() != all.size()) {
            throw new BundleFormatException("a sequence input lists a channel or scalar twice: " + all);
        }
        if (mean == null || std == null || mean.length != all.size() || std.length != all.size()) {
            throw new BundleFormatException("a sequence input needs one mean and one standard deviation per channel"
                    + " and scalar (" + all.size() + "), found " + (mean == null ? 0 : mean.length) + " and "
                    + (std == null ? 0 : std.length));
        }
        for (int c = 0; c < all.size(); c++) {
            if (!Double.isFinite(mean[c]) || !(std[c] > 0) || !Double.isFinite(std[c])) {
                throw new BundleFormatException("channel '" + all.get(c) + "': mean must be finite and standard"
                        + " deviation positive and finite, found " + mean[c] + " and " + std[c]);
            }
        }
        this.window = window;
        this.channels = channels;
        this.scalars = scalars;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** The feature column holding position {@code position} (0 = oldest) of {@code channel}'s sequence. */
    public static String column(String channel, int position) {
        return channel + "_seq_" + position;
    }

    /** The network's input channels: the sequences' channels, then the scalars. */
    public int depth() {
        return channels.size() + scalars.size();
    }

    /**
     * The feature columns read, channel-major: every position of the first channel, then of the next; then each
     * scalar's column once.
     */
    public List<String> columns() {
        List<String> out = new ArrayList<>(channels.size() * window + scalars.size());
        for (String ch : channels) {
            for (int t = 0; t < window; t++) {
                out.add(column(ch, t));
            }
        }
        out.addAll(scalars);
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
        Map<String, Integer> at = new HashMap<>();
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

    /** Values per encoded row: {@code depth() × window}. */
    public int width() {
        return depth() * window;
    }

    /**
     * Encodes rows as one NCW block: {@code out[(r × depth + c) × window + t]} is position t of channel c of row r
     * (a scalar repeats its value at every position), standardized; {@code NaN} becomes 0.
     *
     * @param rows    feature rows
     * @param indices from {@link #indicesIn} for the rows' columns
     */
    public float[] encode(double[][] rows, int[] indices) {
        float[] out = new float[rows.length * width()];
        for (int r = 0; r < rows.length; r++) {
            encodeRow(rows[r], indices, out, r * width());
        }
        return out;
    }

    /** Encodes one row into {@code out} from {@code offset}, {@link #width()} values (see {@link #encode}). */
    public void encodeRow(double[] row, int[] indices, float[] out, int offset) {
        int i = 0;
        int o = offset;
        for (int c = 0; c < channels.size(); c++) {
            double m = mean[c];
            double s = std[c];
            for (int t = 0; t < window; t++, i++, o++) {
                double z = (row[indices[i]] - m) / s;
                out[o] = z == z ? (float) z : 0f;
            }
        }
        for (int k = 0; k < scalars.size(); k++, i++) {
            int c = channels.size() + k;
            double z = (row[indices[i]] - mean[c]) / std[c];
            float v = z == z ? (float) z : 0f;
            Arrays.fill(out, o, o + window, v);
            o += window;
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
                && scalars.equals(s.scalars) && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return Objects.hash(window, channels, scalars, Arrays.hashCode(mean), Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return "SequenceInput[window=" + window + ", channels=" + channels + ", scalars=" + scalars + "]";
    }
}
