package org.prognos.training.sequence;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.nd4j.linalg.activations.Activation;
import org.prognos.features.InvalidSpecException;

/**
 * A stacked LSTM over the window: {@code layers} LSTM layers of {@code units} (tanh), the last one's final time step
 * into a dense ReLU layer of {@code denseUnits}, then the linear output.
 *
 * @param layers     LSTM layers, at least 1
 * @param units      units per LSTM layer
 * @param denseUnits units of the dense layer
 * @param dropout    probability of dropping each input of the dense layer, in [0, 1)
 */
public record LstmArchitecture(int layers, int units, int denseUnits, double dropout) implements SequenceArchitecture {
    public LstmArchitecture {
        if (layers < 1 || units < 1 || denseUnits < 1) {
            throw new InvalidSpecException("an LSTM needs at least one layer, unit and dense unit, found layers " + layers
                    + ", units " + units + ", denseUnits " + denseUnits);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new InvalidSpecException("dropout must be in [0, 1), found " + dropout);
        }
    }

    /** The shape of the documented C-MAPSS LSTM figures. */
    public static LstmArchitecture defaults() {
        return new LstmArchitecture(1, 32, 32, 0.2);
    }

    /** A small network for CI-sized runs. */
    public static LstmArchitecture small() {
        return new LstmArchitecture(1, 16, 16, 0.1);
    }

    @Override
    public String type() {
        return "lstm";
    }

    @Override
    public MultiLayerConfiguration configuration(int channels, int window, TrainingSettings training, long seed) {
        NeuralNetConfiguration.ListBuilder b = Layers.start(training, seed);
        for (int l = 0; l < layers - 1; l++) {
            b.layer(lstm());
        }
        DenseLayer.Builder dense = new DenseLayer.Builder().nOut(denseUnits).activation(Activation.RELU);
        if (dropout > 0) {
            dense.dropOut(Layers.retain(dropout));
        }
        return b.layer(new LastTimeStep(lstm()))
                .layer(dense.build())
                .layer(Layers.regressionOutput())
                .setInputType(InputType.recurrent(channels, window, RNNFormat.NCW))
                .build();
    }

    private LSTM lstm() {
        return new LSTM.Builder().nOut(units).activation(Activation.TANH).dataFormat(RNNFormat.NCW).build();
    }
}
