package org.prognos.training.sequence;

import org.prognos.features.InvalidSpecException;

/**
 * Everything that decides a trained sequence model besides the data: the network shape, how it is trained, and
 * how channels are chosen. Written into a bundle's provenance with
 * {@code Provenance.hyperparametersOf(settings)}.
 *
 * @param architecture the network shape
 * @param training     optimizer, minibatches, early stopping, ensemble size and seed
 * @param channels     the channel selection rule
 */
public record SequenceSettings(SequenceArchitecture architecture, TrainingSettings training,
                               ChannelSelectionRule channels) {
    public SequenceSettings {
        if (architecture == null || training == null || channels == null) {
            throw new InvalidSpecException("sequence settings need an architecture, training settings and a channel rule");
        }
    }

    /** The 1-D CNN of the documented C-MAPSS figures. */
    public static SequenceSettings cnn(long seed) {
        return new SequenceSettings(CnnArchitecture.defaults(), TrainingSettings.standard(seed),
                ChannelSelectionRule.defaults());
    }

    /** The LSTM of the documented C-MAPSS figures. */
    public static SequenceSettings lstm(long seed) {
        return new SequenceSettings(LstmArchitecture.defaults(), TrainingSettings.standard(seed),
                ChannelSelectionRule.defaults());
    }

    /** A small CNN trained for a few epochs: what a CI build can afford. */
    public static SequenceSettings ciCnn(long seed) {
        return new SequenceSettings(CnnArchitecture.small(), TrainingSettings.ciSized(seed),
                ChannelSelectionRule.defaults());
    }

    /** These settings with other training settings. */
    public SequenceSettings with(TrainingSettings newTraining) {
        return new SequenceSettings(architecture, newTraining, channels);
    }

    /** These settings with another architecture. */
    public SequenceSettings with(SequenceArchitecture newArchitecture) {
        return new SequenceSettings(newArchitecture, training, channels);
    }
}
