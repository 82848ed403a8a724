package org.prognos.training.sequence;

import java.util.HashSet;
import java.util.List;
import org.prognos.features.InvalidSpecException;

/**
 * Everything that decides a trained sequence model besides the data: the network shape, how it is trained, and
 * how channels are chosen. Written into a bundle's provenance with
 * {@code Provenance.hyperparametersOf(settings)}.
 *
 * @param architecture the network shape
 * @param training     optimizer, minibatches, early stopping, ensemble size and seed
 * @param channels     the channel selection rule
 * @param scalars      candidate feature columns fed to the network as extra constant channels besides the sequences
 *                     (e.g. {@code elapsed}), by the names the spec gives them or as globs ({@code *_ewma_0.1});
 *                     the channel rule keeps those that move with wear; empty for sequences only
 */
public record SequenceSettings(SequenceArchitecture architecture, TrainingSettings training,
                               ChannelSelectionRule channels, List<String> scalars) {
    public SequenceSettings {
        if (architecture == null || training == null || channels == null || scalars == null) {
            throw new InvalidSpecException("sequence settings need an architecture, training settings, a channel rule"
                    + " and a list of scalars");
        }
        scalars = List.copyOf(scalars);
        if (new HashSet<>(scalars).size() != scalars.size()) {
            throw new InvalidSpecException("scalars lists a column twice: " + scalars);
        }
    }

    /** Settings that feed the sequences only. */
    public SequenceSettings(SequenceArchitecture architecture, TrainingSettings training, ChannelSelectionRule channels) {
        this(architecture, training, channels, List.of());
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
        return new SequenceSettings(architecture, newTraining, channels, scalars);
    }

    /** These settings with another architecture. */
    public SequenceSettings with(SequenceArchitecture newArchitecture) {
        return new SequenceSettings(newArchitecture, training, channels, scalars);
    }

    /** These settings feeding {@code newScalars} besides the sequences. */
    public SequenceSettings withScalars(List<String> newScalars) {
        return new SequenceSettings(architecture, training, channels, newScalars);
    }
}
