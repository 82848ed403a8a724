package org.prognos.training.sequence;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.prognos.features.InvalidSpecException;

/**
 * A 1-D convolutional network over the window: {@code layers} convolutions along time ({@code filters} filters of
 * {@code kernel} positions, ReLU, same-length padding, mixing all channels), then a fully connected layer of
 * {@code denseUnits} over the whole flattened {@code filters × window} feature map, then the linear output.
 *
 * <p>DL4J's feed-forward layers after a 1-D convolution would treat every time step as a separate example, so the
 * flatten-and-dense stage is written as what it equals: a convolution whose kernel spans the whole window (valid
 * padding, one output position, {@code denseUnits} filters), whose single position a global pooling layer then
 * takes. Keeping the position of each feature in the window matters: global averaging of the maps does much worse
 * on C-MAPSS (validation RMSE above 20 cycles where this shape reaches about 15 with one network).
 *
 * @param layers     convolution layers before the dense stage, at least 1
 * @param filters    filters per convolution layer
 * @param kernel     kernel width in positions (cycles)
 * @param denseUnits units of the dense stage
 * @param dropout    probability of dropping each input of the dense stage, in [0, 1)
 */
public record CnnArchitecture(int layers, int filters, int kernel, int denseUnits, double dropout)
        implements SequenceArchitecture {
    public CnnArchitecture {
        if (layers < 1 || filters < 1 || kernel < 1 || denseUnits < 1) {
            throw new InvalidSpecException("a CNN needs at least one layer, filter, kernel position and dense unit, found"
                    + " layers " + layers + ", filters " + filters + ", kernel " + kernel + ", denseUnits " + denseUnits);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new InvalidSpecException("dropout must be in [0, 1), found " + dropout);
        }
    }

    /** The shape of the documented C-MAPSS figures. */
    public static CnnArchitecture defaults() {
        return new CnnArchitecture(2, 16, 9, 32, 0.5);
    }

    /** A small network for CI-sized runs. */
    public static CnnArchitecture small() {
        return new CnnArchitecture(1, 12, 5, 24, 0.3);
    }

    @Override
    public String type() {
        return "cnn";
    }

    @Override
    public MultiLayerConfiguration configuration(int channels, int window, TrainingSettings training, long seed) {
        NeuralNetConfiguration.ListBuilder b = Layers.start(training, seed);
        for (int l = 0; l < layers; l++) {
            b.layer(new Convolution1DLayer.Builder().kernelSize(kernel).nOut(filters)
                    .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU)
                    .rnnDataFormat(RNNFormat.NCW).build());
        }
        Convolution1DLayer.Builder dense = new Convolution1DLayer.Builder().kernelSize(window).nOut(denseUnits)
                .convolutionMode(ConvolutionMode.Truncate).activation(Activation.RELU).rnnDataFormat(RNNFormat.NCW);
        if (dropout > 0) {
            dense.dropOut(Layers.retain(dropout));
        }
        return b.layer(dense.build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(Layers.regressionOutput())
                .setInputType(InputType.recurrent(channels, window, RNNFormat.NCW))
                .build();
    }
}
