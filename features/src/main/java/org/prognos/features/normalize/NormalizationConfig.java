package org.prognos.features.normalize;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.prognos.features.InvalidSpecException;

/**
 * How raw readings are normalized before any window sees them: a z-score per channel, fitted on training
 * data only, optionally per operating regime.
 *
 * @param channels        channels to normalize; empty means every spec channel except the regime channels
 * @param regimeChannels  declared operating-setting channels (e.g. altitude, Mach, throttle); empty for one regime
 * @param regimes         number of regimes, or {@code null} for automatic choice (see {@link NormalizerFitter})
 * @param seed            seed of the k-means that learns the regimes
 * @param sampleSize      readings kept (reservoir sample) to learn the regimes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NormalizationConfig(List<String> channels, List<String> regimeChannels, Integer regimes, long seed,
                                  int sampleSize) {
    public static final int DEFAULT_SAMPLE_SIZE = 20_000;

    @JsonCreator
    public NormalizationConfig(@JsonProperty("channels") List<String> channels,
                               @JsonProperty("regimeChannels") List<String> regimeChannels,
                               @JsonProperty("regimes") Integer regimes,
                               @JsonProperty("seed") long seed,
                               @JsonProperty("sampleSize") int sampleSize) {
        this.channels = channels == null ? List.of() : List.copyOf(channels);
        this.regimeChannels = regimeChannels == null ? List.of() : List.copyOf(regimeChannels);
        if (regimes != null && (regimes < 1 || regimes > 64)) {
            throw new InvalidSpecException("'normalization.regimes' must be between 1 and 64 (or absent for automatic), found " + regimes);
        }
        if (regimes != null && regimes > 1 && this.regimeChannels.isEmpty()) {
            throw new InvalidSpecException("'normalization.regimes' > 1 needs 'normalization.regimeChannels' (the operating-setting channels)");
        }
        this.regimes = regimes;
        this.seed = seed;
        this.sampleSize = sampleSize == 0 ? DEFAULT_SAMPLE_SIZE : sampleSize;
        if (this.sampleSize < 100) {
            throw new InvalidSpecException("'normalization.sampleSize' must be at least 100, found " + sampleSize);
        }
        for (String r : this.regimeChannels) {
            if (this.channels.contains(r)) {
                throw new InvalidSpecException("channel '" + r + "' is both normalized and a regime channel");
            }
        }
    }

    /** A global z-score of every channel. */
    public static NormalizationConfig global() {
        return new NormalizationConfig(List.of(), List.of(), 1, 0, 0);
    }

    /** A z-score per operating regime, regimes learned from {@code regimeChannels}, their number chosen automatically. */
    public static NormalizationConfig perRegime(List<String> regimeChannels, long seed) {
        return new NormalizationConfig(List.of(), regimeChannels, null, seed, 0);
    }
}
