package org.prognos.features.spectral;

/**
 * The frequency of the strongest non-DC bin, in Hz: where most of the vibration sits (shaft speed, a gear
 * mesh, a resonance excited by a defect). Ties go to the lower frequency. Name: {@code dominant_hz}.
 *
 * <p>The answer is a bin frequency, so it is exact to within half a bin ({@code sampleRate / (2 fftSize)});
 * no interpolation between bins is attempted. Edge cases: an undefined spectrum or a constant signal (no
 * power outside DC) gives {@code NaN}.
 */
public record DominantFrequency() implements SpectralFeature {

    @Override
    public String name() {
        return "dominant_hz";
    }

    @Override
    public double apply(Spectrum spectrum) {
        if (!spectrum.isDefined()) {
            return Double.NaN;
        }
        int best = -1;
        double bestPower = 0.0;
        for (int k = 1; k < spectrum.binCount(); k++) {
            double p = spectrum.power(k);
            if (p > bestPower) {
                bestPower = p;
                best = k;
            }
        }
        return best < 0 ? Double.NaN : spectrum.frequencyHz(best);
    }
}
