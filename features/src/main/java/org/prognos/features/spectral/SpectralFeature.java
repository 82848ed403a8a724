package org.prognos.features.spectral;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One number computed from a window's {@link Spectrum}. The set is closed: band energies and the shape of
 * the spectrum (where its peak is, where its mass is, how spread out it is).
 *
 * <p>Implementations are immutable records validated in their constructors; a {@code FeatureSpec} declares
 * them in JSON by {@code kind}:
 * <pre>
 *   {"kind":"bandEnergy","lowHz":0,"highHz":500}
 *   {"kind":"bandAround","centerHz":236,"halfWidthHz":10}
 *   {"kind":"dominantFrequency"}
 *   {"kind":"centroid"}
 *   {"kind":"entropy"}
 * </pre>
 *
 * <p>Conventions shared by every feature: an {@linkplain Spectrum#isDefined() undefined} spectrum (fewer than
 * two finite samples) gives {@code NaN}; band energies sum bins, in signal units squared; the shape features
 * ({@link DominantFrequency}, {@link SpectralCentroid}, {@link SpectralEntropy}) look at the non-DC bins
 * {@code 1..N/2} only, since the DC bin holds just what the mean removal left behind, and are {@code NaN} when
 * those bins hold no power (a constant signal).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = BandEnergy.class, name = "bandEnergy"),
    @JsonSubTypes.Type(value = BandAround.class, name = "bandAround"),
    @JsonSubTypes.Type(value = DominantFrequency.class, name = "dominantFrequency"),
    @JsonSubTypes.Type(value = SpectralCentroid.class, name = "centroid"),
    @JsonSubTypes.Type(value = SpectralEntropy.class, name = "entropy")
})
public sealed interface SpectralFeature
        permits BandEnergy, BandAround, DominantFrequency, SpectralCentroid, SpectralEntropy {

    /**
     * A stable, identifier-safe name, used as the suffix of the feature's column name (for example
     * {@code vibration_band_0_500hz}). Equal features have equal names.
     */
    String name();

    /** The feature's value for the window the spectrum describes. */
    double apply(Spectrum spectrum);

    /**
     * Checks that the feature can observe anything on a channel sampled at {@code sampleRateHz}; called when
     * a spec is bound to a channel, so a band above the Nyquist frequency is a configuration error rather
     * than a column of zeros. Features that are not tied to a frequency accept every rate.
     *
     * @throws org.prognos.features.InvalidSpecException if the feature lies above the Nyquist frequency
     * @throws IllegalArgumentException if the sample rate is not finite and positive
     */
    default void validateFor(double sampleRateHz) {
        FrequencyLabels.requireSampleRate(sampleRateHz);
    }
}
