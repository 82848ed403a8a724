package org.prognos.features.spectral;

/**
 * The power-weighted mean frequency of the non-DC bins, {@code sum f[k] p[k] / sum p[k]} over
 * {@code k = 1..N/2}, in Hz: the spectrum's centre of mass. It moves up as a wearing machine's energy shifts
 * from shaft harmonics to the high-frequency resonances that impacts excite. Name: {@code centroid_hz}.
 *
 * <p>Edge cases: an undefined spectrum or a constant signal (no power outside DC) gives {@code NaN}.
 */
public record SpectralCentroid() implements SpectralFeature {

    @Override
    public String name() {
        return "centroid_hz";
    }

    @Override
    public double apply(Spectrum spectrum) {
        if (!spectrum.isDefined()) {
            return Double.NaN;
        }
        double weighted = 0.0;
        double total = 0.0;
        for (int k = 1; k < spectrum.binCount(); k++) {
            double p = spectrum.power(k);
            weighted += spectrum.frequencyHz(k) * p;
            total += p;
        }
        return total > 0.0 ? weighted / total : Double.NaN;
    }
}
