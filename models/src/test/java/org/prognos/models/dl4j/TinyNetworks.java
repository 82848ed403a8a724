package org.prognos.models.dl4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.spec.EmitConfig;
import org.prognos.features.spec.FeatureGroup;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.TimeConfig;
import org.prognos.features.spec.WindowConfig;

/**
 * Small untrained DL4J networks (random weights, seeded) over a two-channel, five-position sequence spec: enough to
 * test saving, loading and encoding without training anything.
 */
final class TinyNetworks {
    static final int WINDOW = 5;
    static final List<String> CHANNELS = List.of("temp", "vib");

    private TinyNetworks() {
    }

    /** Channels temp and vib, their last 5 readings as {@code temp_seq_0 … vib_seq_4}. */
    static FeatureSpec spec() {
        Map<String, WindowConfig> windows = new LinkedHashMap<>();
        windows.put("n5", WindowConfig.ofSamples(WINDOW));
        return new FeatureSpec(null, "pump-seq", "test spec", TimeConfig.cycles(), CHANNELS, windows,
                EmitConfig.everySample(), false, null, null, List.of(new FeatureGroup.Sequence(CHANNELS, "n5")),
                null, null);
    }

    static List<String> columns() {
        return new FeatureExtractor(spec()).columns();
    }

    /** Reads only vib (the second channel), standardized around 3 ± 2. */
    static SequenceInput vibOnly() {
        return new SequenceInput(WINDOW, List.of("vib"), new double[] {3}, new double[] {2});
    }

    static SequenceInput both() {
        return new SequenceInput(WINDOW, CHANNELS, new double[] {60, 3}, new double[] {10, 2});
    }

    static MultiLayerNetwork cnn(int channels, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).list()
                .layer(new Convolution1DLayer.Builder().kernelSize(3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).rnnDataFormat(RNNFormat.NCW).build())
                .layer(new Convolution1DLayer.Builder().kernelSize(WINDOW).nOut(3)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.TANH)
                        .rnnDataFormat(RNNFormat.NCW).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.SIGMOID)
                        .build())
                .setInputType(InputType.recurrent(channels, WINDOW, RNNFormat.NCW))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static MultiLayerNetwork lstm(int channels, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).list()
                .layer(new LastTimeStep(new LSTM.Builder().nOut(4).activation(Activation.TANH)
                        .dataFormat(RNNFormat.NCW).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.SIGMOID)
                        .build())
                .setInputType(InputType.recurrent(channels, WINDOW, RNNFormat.NCW))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Random rows of {@link #columns()} width: temp around 60, vib around 3, a few NaN. */
    static double[][] rows(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> cols = columns();
        double[][] out = new double[n][cols.size()];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < cols.size(); c++) {
                boolean temp = cols.get(c).startsWith("temp");
                out[r][c] = rng.nextInt(25) == 0 ? Double.NaN
                        : temp ? 60 + 10 * rng.nextGaussian() : 3 + 2 * rng.nextGaussian();
            }
        }
        return out;
    }

    static List<double[][]> batches(double[][] rows, int size) {
        List<double[][]> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i += size) {
            out.add(java.util.Arrays.copyOfRange(rows, i, Math.min(rows.length, i + size)));
        }
        return out;
    }
}
