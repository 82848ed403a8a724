package org.prognos.training.sequence;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** The parts every sequence architecture shares: the global settings and the regression output. */
final class Layers {
    private Layers() {
    }

    /**
     * Float32, Adam with the learning rate decaying per epoch (the trainer advances DL4J's epoch counter), optional
     * L2, Xavier weights, seeded.
     */
    static NeuralNetConfiguration.ListBuilder start(TrainingSettings training, long seed) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(new ExponentialSchedule(ScheduleType.EPOCH, training.learningRate(),
                        training.learningRateDecay())))
                .weightInit(WeightInit.XAVIER)
                .activation(Activation.RELU);
        if (training.l2() > 0) {
            b.l2(training.l2());
        }
        return b.list();
    }

    /** One linear output trained on mean squared error. */
    static OutputLayer regressionOutput() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build();
    }

    /** DL4J's dropout takes the probability of keeping an input; ours is the probability of dropping it. */
    static double retain(double dropout) {
        return 1 - dropout;
    }
}
