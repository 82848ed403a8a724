package org.prognos.models.anomaly;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.prognos.models.BundleFormatException;

/**
 * A dense autoencoder over the scaled feature row: a network trained (with DL4J, in double precision, see
 * {@code org.prognos.training.anomaly.AutoencoderTrainer}) to reproduce normal rows through a narrow middle layer. A
 * row unlike the normal rows is reproduced badly. When the feature spec has a {@code sequence} group the row holds
 * the last W readings of each sensor, so the autoencoder reads windows.
 *
 * <p><b>Raw score</b> = Σ_c (z_c − ẑ_c)², the squared reconstruction error over the columns the network reads.
 * <b>Contributions</b>: each column's own squared error (z_c − ẑ_c)² (0 for a column it does not read), so they sum
 * to the raw score and name the sensors the network cannot explain.
 *
 * <p><b>Why the weights are JSON and the forward pass is here.</b> The network is small (a few thousand to a few
 * hundred thousand weights, at most {@value #MAX_WEIGHTS}), so its layers are stored as plain arrays inside the
 * {@code anomaly-json} payload and evaluated in double precision by {@link #score}, one row at a time: the payload
 * stays one checksummed JSON file with nothing to Java-deserialize, scoring needs no native memory or close, and a
 * batch gives the same bits as its rows one by one. A training test checks this forward pass against DL4J's own
 * output for the trained network.
 *
 * @param columns the number of scaled columns a row has
 * @param inputs  the columns the network reads, in order (the columns not constant on normal rows), at least 1
 * @param layers  the dense layers, the first taking {@code inputs.length} values, the last giving as many
 */
public record AutoencoderDetector(int columns, int[] inputs, List<Layer> layers) implements Detector {
    /** The most weights the layers may hold together. */
    public static final int MAX_WEIGHTS = 2_000_000;

    public AutoencoderDetector {
        if (columns < 1 || inputs == null || inputs.length == 0 || inputs.length > columns) {
            throw new BundleFormatException("an autoencoder reads 1 to " + columns + " of its columns, found "
                    + (inputs == null ? 0 : inputs.length));
        }
        inputs = inputs.clone();
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] < 0 || inputs[i] >= columns || (i > 0 && inputs[i] <= inputs[i - 1])) {
                throw new BundleFormatException("autoencoder inputs must be increasing columns below " + columns
                        + "; input " + i + " is " + inputs[i]);
            }
        }
        if (layers == null || layers.size() < 2) {
            throw new BundleFormatException("an autoencoder needs at least an encoding and a decoding layer");
        }
        layers = List.copyOf(layers);
        int width = inputs.length;
        long weights = 0;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            if (layer.in() != width) {
                throw new BundleFormatException("autoencoder layer " + l + " takes " + layer.in() + " values; the layer"
                        + " before gives " + width);
            }
            width = layer.out();
            weights += (long) layer.in() * layer.out();
        }
        if (width != inputs.length) {
            throw new BundleFormatException("the autoencoder's last layer gives " + width + " values for "
                    + inputs.length + " inputs");
        }
        if (weights > MAX_WEIGHTS) {
            throw new BundleFormatException("an autoencoder holds at most " + MAX_WEIGHTS + " weights, found " + weights);
        }
    }

    @Override
    public String family() {
        return "autoencoder";
    }

    @Override
    public int width() {
        return columns;
    }

    /** The network's reconstruction of the inputs it reads of scaled row {@code z}. */
    public double[] reconstruct(double[] z) {
        double[] a = new double[inputs.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = z[inputs[i]];
        }
        for (Layer layer : layers) {
            a = layer.apply(a);
        }
        return a;
    }

    @Override
    public double score(double[] z, double[] contributions) {
        Arrays.fill(contributions, 0);
        double[] r = reconstruct(z);
        double sum = 0;
        for (int i = 0; i < inputs.length; i++) {
            double e = z[inputs[i]] - r[i];
            contributions[inputs[i]] = e * e;
            sum += e * e;
        }
        return sum;
    }

    /**
     * Unbounded: the reconstruction passes through tanh layers, so it is bounded, while the row it is compared with is
     * not; the squared error grows with the row.
     */
    @Override
    public OptionalDouble ceiling() {
        return OptionalDouble.empty();
    }

    @Override
    public int[] inputs() {
        return inputs.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AutoencoderDetector a && columns == a.columns && Arrays.equals(inputs, a.inputs)
                && layers.equals(a.layers);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(inputs) * 31 + layers.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder shape = new StringBuilder().append(inputs.length);
        for (Layer l : layers) {
            shape.append('-').append(l.out());
        }
        return "AutoencoderDetector[" + shape + "]";
    }

    /** A layer's nonlinearity, applied to each unit. */
    public enum Activation {
        /** The unit's input as it is. */
        @JsonProperty("identity") IDENTITY,
        /** tanh. */
        @JsonProperty("tanh") TANH,
        /** max(0, x). */
        @JsonProperty("relu") RELU;

        double apply(double x) {
            return switch (this) {
                case IDENTITY -> x;
                case TANH -> Math.tanh(x);
                case RELU -> Math.max(0, x);
            };
        }
    }

    /**
     * One dense layer: out_j = activation(bias_j + Σ_i weights[j][i] · in_i).
     *
     * @param weights    {@code [out][in]}, finite
     * @param bias       one per output unit, finite
     * @param activation the nonlinearity
     */
    public record Layer(double[][] weights, double[] bias, Activation activation) {
        public Layer {
            if (weights == null || bias == null || activation == null || weights.length == 0 || weights.length != bias.length) {
                throw new BundleFormatException("an autoencoder layer needs a weight row and a bias per unit, and an activation");
            }
            int in = weights[0].length;
            double[][] copy = new double[weights.length][];
            for (int j = 0; j < weights.length; j++) {
                if (weights[j].length != in || in == 0) {
                    throw new BundleFormatException("autoencoder weight row " + j + " has " + weights[j].length
                            + " inputs, not " + in);
                }
                for (double w : weights[j]) {
                    if (!Double.isFinite(w)) {
                        throw new BundleFormatException("autoencoder weight row " + j + " holds " + w);
                    }
                }
                if (!Double.isFinite(bias[j])) {
                    throw new BundleFormatException("autoencoder bias " + j + " is " + bias[j]);
                }
                copy[j] = weights[j].clone();
            }
            weights = copy;
            bias = bias.clone();
        }

        /** The number of inputs. */
        public int in() {
            return weights[0].length;
        }

        /** The number of units. */
        public int out() {
            return weights.length;
        }

        /** The layer's output for input {@code x}. */
        public double[] apply(double[] x) {
            double[] y = new double[weights.length];
            for (int j = 0; j < y.length; j++) {
                double[] w = weights[j];
                double s = bias[j];
                for (int i = 0; i < x.length; i++) {
                    s += w[i] * x[i];
                }
                y[j] = activation.apply(s);
            }
            return y;
        }

        @Override
        public double[][] weights() {
            double[][] copy = new double[weights.length][];
            for (int j = 0; j < copy.length; j++) {
                copy[j] = weights[j].clone();
            }
            return copy;
        }

        @Override
        public double[] bias() {
            return bias.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Layer l && activation == l.activation && Arrays.deepEquals(weights, l.weights)
                    && Arrays.equals(bias, l.bias);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(weights) * 31 + Arrays.hashCode(bias);
        }

        @Override
        public String toString() {
            return "Layer[" + in() + " -> " + out() + ", " + activation + "]";
        }
    }
}
