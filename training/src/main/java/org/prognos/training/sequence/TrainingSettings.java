package org.prognos.training.sequence;

import org.prognos.features.InvalidSpecException;

/**
 * How a sequence network is trained: Adam with a fixed learning rate and L2 weight penalty, minibatches drawn in a
 * seeded shuffled order, early stopping on a validation set of whole assets, and an ensemble of networks averaged.
 *
 * @param learningRate       Adam's learning rate in the first epoch
 * @param learningRateDecay  factor applied to the learning rate after every epoch, in (0, 1] (1 = constant)
 * @param l2                 L2 penalty on weights (0 for none)
 * @param batchSize          examples per minibatch
 * @param maxEpochs          most passes over the training examples per network
 * @param patience           stop after this many epochs without a better validation loss; the best epoch's weights
 *                           are kept
 * @param validationFraction share of the training assets held out (whole assets, never single rows) for early
 *                           stopping, in (0, 0.5]
 * @param members            networks trained with seeds {@code seed}, {@code seed + 1}, … and averaged
 * @param seed               seeds the asset split, weight initialization, dropout and minibatch order
 */
public record TrainingSettings(double learningRate, double learningRateDecay, double l2, int batchSize, int maxEpochs, int patience,
                               double validationFraction, int members, long seed) {
    public TrainingSettings {
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new InvalidSpecException("learningRate must be in (0, 1), found " + learningRate);
        }
        if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw new InvalidSpecException("learningRateDecay must be in (0, 1], found " + learningRateDecay);
        }
        if (!(l2 >= 0 && l2 < 1)) {
            throw new InvalidSpecException("l2 must be in [0, 1), found " + l2);
        }
        if (batchSize < 1 || maxEpochs < 1 || patience < 1 || members < 1) {
            throw new InvalidSpecException("batchSize, maxEpochs, patience and members must be at least 1, found "
                    + batchSize + ", " + maxEpochs + ", " + patience + ", " + members);
        }
        if (!(validationFraction > 0 && validationFraction <= 0.5)) {
            throw new InvalidSpecException("validationFraction must be in (0, 0.5], found " + validationFraction);
        }
    }

    /** The settings of the documented C-MAPSS figures (see {@code SEQUENCE_MODELS.md}). */
    public static TrainingSettings standard(long seed) {
        return new TrainingSettings(1.5e-3, 0.93, 1e-4, 256, 60, 8, 0.2, 5, seed);
    }

    /** A few epochs of one network: what a CI build can afford on two cores. */
    public static TrainingSettings ciSized(long seed) {
        return new TrainingSettings(2e-3, 0.9, 1e-4, 256, 8, 3, 0.2, 1, seed);
    }

    /** These settings with another seed. */
    public TrainingSettings withSeed(long newSeed) {
        return new TrainingSettings(learningRate, learningRateDecay, l2, batchSize, maxEpochs, patience, validationFraction, members, newSeed);
    }

    /** These settings with another number of epochs and patience. */
    public TrainingSettings withEpochs(int newMaxEpochs, int newPatience) {
        return new TrainingSettings(learningRate, learningRateDecay, l2, batchSize, newMaxEpochs, newPatience, validationFraction, members,
                seed);
    }

    /** These settings with another learning rate, decay and L2 penalty. */
    public TrainingSettings withOptimizer(double newLearningRate, double newDecay, double newL2) {
        return new TrainingSettings(newLearningRate, newDecay, newL2, batchSize, maxEpochs, patience,
                validationFraction, members, seed);
    }

    /** These settings with another minibatch size. */
    public TrainingSettings withBatchSize(int newBatchSize) {
        return new TrainingSettings(learningRate, learningRateDecay, l2, newBatchSize, maxEpochs, patience,
                validationFraction, members, seed);
    }

    /** These settings with another ensemble size. */
    public TrainingSettings withMembers(int newMembers) {
        return new TrainingSettings(learningRate, learningRateDecay, l2, batchSize, maxEpochs, patience, validationFraction, newMembers,
                seed);
    }
}
