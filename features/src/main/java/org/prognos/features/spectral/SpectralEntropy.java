package org.prognos.features.spectral;

/**
 * How evenly power spreads over the non-DC bins: the Shannon entropy of {@code q[k] = p[k] / sum p} over
 * {@code k = 1..N/2}, divided by its maximum {@code ln(N/2)} so that it lies in {@code [0, 1]}. Name:
 * {@code entropy}.
 *
 * <p>{@code 0} means one bin holds all the power (a pure tone on a bin); {@code 1} means every bin holds
 * the same. White noise reads a little below 1, about {@code 1 - 0.42 / ln(N/2)} (0.945 at {@code N = 4096}),
 * because a noise periodogram fluctuates from bin to bin; a Hann taper or zero padding (a window shorter
 * than {@code N}) smooths the spectrum and changes the value, so compare entropies computed with the same
 * settings and window length. Empty bins contribute {@code 0} ({@code 0 ln 0 = 0}).
 *
 * <p>Edge cases: an undefined spectrum or a constant signal (no power outside DC) gives {@code NaN}.
 */
public record SpectralEntropy() implements SpectralFeature {

    @Override
    public String name() {
        return "entropy";
    }

    @Override
    public double apply(Spectrum spectrum) {
        if (!spectrum.isDefined()) {
            return Double.NaN;
        }
        int bins = spectrum.binCount() - 1;
        double total = spectrum.powerOfBins(1, bins + 1);
        if (!(total > 0.0)) {
            return Double.NaN;
        }
        double entropy = 0.0;
        for (int k = 1; k <= bins; k++) {
            double q = spectrum.power(k) / total;
            if (q > 0.0) {
                entropy -= q * Math.log(q);
            }
        }
        return Math.max(0.0, Math.min(1.0, entropy / Math.log(bins)));
    }
}
