package org.prognos.features.spectral;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.prognos.features.InvalidSpecException;

/**
 * The power in a band around a frequency of interest, such as a bearing defect frequency or a gear mesh
 * frequency: the sum of the bins whose frequency {@code f} satisfies {@code |f - centerHz| <= halfWidthHz}.
 * Closed, so the band is symmetric. If no bin falls within the band (a half width narrower than the bin
 * spacing), the single bin nearest to the centre is used, so the feature still tracks that frequency
 * instead of reading {@code 0}. Name: {@code around_236hz_pm10hz} ("plus or minus").
 *
 * <p>With a Hann taper a tone's power spreads over three or four bins, so a half width of at least one and a
 * half bins ({@code 1.5 * sampleRate / fftSize}) keeps most of it wherever the tone falls between bins; five
 * bins keep all but about 0.1%.
 *
 * <p>Edge cases: an undefined spectrum gives {@code NaN}; a constant signal gives {@code 0}. A band reaching
 * past the Nyquist frequency counts what lies below it; a centre above it observes nothing:
 * {@link #validateFor} rejects it, and {@link #apply} gives {@code 0}.
 *
 * @param centerHz    the centre frequency: finite, {@code >= 0}
 * @param halfWidthHz the half width: finite, {@code >= 0} ({@code 0} means the bin nearest to the centre)
 */
public record BandAround(
        @JsonProperty(value = "centerHz", required = true) double centerHz,
        @JsonProperty(value = "halfWidthHz", required = true) double halfWidthHz) implements SpectralFeature {

    public BandAround {
        FrequencyLabels.requireFrequency("bandAround", "centerHz", centerHz);
        FrequencyLabels.requireFrequency("bandAround", "halfWidthHz", halfWidthHz);
    }

    @Override
    public String name() {
        return "around_" + FrequencyLabels.label(centerHz) + "hz_pm" + FrequencyLabels.label(halfWidthHz) + "hz";
    }

    @Override
    public double apply(Spectrum spectrum) {
        if (!spectrum.isDefined()) {
            return Double.NaN;
        }
        if (centerHz > spectrum.nyquistHz()) {
            return 0.0;
        }
        int from = spectrum.binsBelow(centerHz - halfWidthHz);
        int to = spectrum.binsAtOrBelow(centerHz + halfWidthHz);
        if (from >= to) {
            int nearest = (int) Math.min(spectrum.binCount() - 1, Math.round(centerHz / spectrum.binWidthHz()));
            return spectrum.power(nearest);
        }
        return spectrum.powerOfBins(from, to);
    }

    @Override
    public void validateFor(double sampleRateHz) {
        FrequencyLabels.requireSampleRate(sampleRateHz);
        double nyquist = sampleRateHz / 2.0;
        if (centerHz > nyquist) {
            throw new InvalidSpecException("bandAround centerHz " + centerHz + " Hz lies above the Nyquist "
                    + "frequency " + nyquist + " Hz of a channel sampled at " + sampleRateHz + " Hz");
        }
    }
}
