package org.prognos.training.sequence;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * The shape of a sequence network for remaining useful life: it reads an NCW block {@code [rows, channels, window]}
 * and returns one value per row (the scaled remaining life). A closed set: an LSTM ({@link LstmArchitecture}) or a
 * 1-D CNN ({@link CnnArchitecture}); each builds its own DL4J configuration.
 */
public sealed interface SequenceArchitecture permits LstmArchitecture, CnnArchitecture {

    /** The architecture's name in provenance and reports: {@code lstm} or {@code cnn}. */
    @JsonProperty("type")
    String type();

    /**
     * The DL4J configuration: float32, Adam, Xavier initialization, mean squared error on one linear output.
     *
     * @param channels the input channels
     * @param window   the positions per channel
     * @param training learning rate and L2 penalty
     * @param seed     the weight initialization seed (DL4J also reseeds the calling thread's ND4J generator with it
     *                 when the network is initialized, which drives dropout)
     */
    MultiLayerConfiguration configuration(int channels, int window, TrainingSettings training, long seed);
}
