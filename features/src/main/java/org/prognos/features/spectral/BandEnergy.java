package org.prognos.features.spectral;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.prognos.features.InvalidSpecException;

/**
 * The power in a frequency band {@code [lowHz, highHz)}: the sum of the bins whose frequency {@code f}
 * satisfies {@code lowHz <= f < highHz}. Half-open so that adjacent bands ({@code [0, 500)},
 * {@code [500, 1000)}, ...) partition the spectrum without counting a bin twice. Name: {@code band_0_500hz}.
 *
 * <p>Edge cases: an undefined spectrum gives {@code NaN}; a constant signal gives {@code 0}; a band that
 * holds no bin (narrower than the bin spacing, between two bins) gives {@code 0}. The Nyquist bin is counted
 * only when {@code highHz} is above the Nyquist frequency. A band reaching past the Nyquist frequency
 * counts what lies below it; one starting above it observes nothing: {@link #validateFor} rejects it, and
 * {@link #apply} gives {@code 0}.
 *
 * @param lowHz  the lower edge, inclusive: finite, {@code >= 0}
 * @param highHz the upper edge, exclusive: finite, {@code > lowHz}
 */
public record BandEnergy(
        @JsonProperty(value = "lowHz", required = true) double lowHz,
        @JsonProperty(value = "highHz", required = true) double highHz) implements SpectralFeature {

    public BandEnergy {
        FrequencyLabels.requireFrequency("bandEnergy", "lowHz", lowHz);
        FrequencyLabels.requireFrequency("bandEnergy", "highHz", highHz);
        if (!(highHz > lowHz)) {
            throw new InvalidSpecException("bandEnergy highHz must be greater than lowHz, got [" + lowHz + ", "
                    + highHz + ") Hz");
        }
    }

    @Override
    public String name() {
        return "band_" + FrequencyLabels.label(lowHz) + "_" + FrequencyLabels.label(highHz) + "hz";
    }

    @Override
    public double apply(Spectrum spectrum) {
        if (!spectrum.isDefined()) {
            return Double.NaN;
        }
        return spectrum.powerOfBins(spectrum.binsBelow(lowHz), spectrum.binsBelow(highHz));
    }

    @Override
    public void validateFor(double sampleRateHz) {
        FrequencyLabels.requireSampleRate(sampleRateHz);
        double nyquist = sampleRateHz / 2.0;
        if (lowHz > nyquist) {
            throw new InvalidSpecException("bandEnergy [" + lowHz + ", " + highHz + ") Hz lies above the Nyquist "
                    + "frequency " + nyquist + " Hz of a channel sampled at " + sampleRateHz + " Hz");
        }
    }
}
