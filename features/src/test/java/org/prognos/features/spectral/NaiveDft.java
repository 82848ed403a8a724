package org.prognos.features.spectral;

/**
 * An independent reference for {@link SpectrumAnalyzer}: the documented definition of the one-sided power
 * spectrum evaluated term by term, with an O(N^2) DFT instead of an FFT.
 */
final class NaiveDft {

    private NaiveDft() {
    }

    /** The one-sided power as documented in {@link Spectrum}, from the last {@code min(length, fftSize)} samples. */
    static double[] power(double[] samples, int fftSize, boolean hann) {
        int n = Math.min(samples.length, fftSize);
        int start = samples.length - n;
        double sum = 0.0;
        int finite = 0;
        for (int i = start; i < samples.length; i++) {
            if (!Double.isNaN(samples[i])) {
                sum += samples[i];
                finite++;
            }
        }
        double mean = sum / finite;
        double[] y = new double[fftSize];
        double weightSquares = 0.0;
        for (int i = 0; i < n; i++) {
            double x = samples[start + i];
            double w = hann ? 0.5 * (1.0 - Math.cos(2.0 * Math.PI * i / n)) : 1.0;
            if (!Double.isNaN(x)) {
                y[i] = (x - mean) * w;
                weightSquares += w * w;
            }
        }
        double[] power = new double[fftSize / 2 + 1];
        for (int k = 0; k <= fftSize / 2; k++) {
            double re = 0.0;
            double im = 0.0;
            for (int t = 0; t < fftSize; t++) {
                double angle = -2.0 * Math.PI * k * t / fftSize;
                re += y[t] * Math.cos(angle);
                im += y[t] * Math.sin(angle);
            }
            double twoSided = (re * re + im * im) / (fftSize * weightSquares);
            power[k] = (k == 0 || k == fftSize / 2) ? twoSided : 2.0 * twoSided;
        }
        return power;
    }

    /** The time-domain side of Parseval's theorem: the taper-weighted mean square of the detrended window. */
    static double weightedMeanSquare(double[] samples, int fftSize, boolean hann) {
        int n = Math.min(samples.length, fftSize);
        int start = samples.length - n;
        double mean = 0.0;
        int finite = 0;
        for (int i = start; i < samples.length; i++) {
            if (!Double.isNaN(samples[i])) {
                mean += samples[i];
                finite++;
            }
        }
        mean /= finite;
        double energy = 0.0;
        double weightSquares = 0.0;
        for (int i = 0; i < n; i++) {
            double x = samples[start + i];
            if (!Double.isNaN(x)) {
                double w = hann ? 0.5 * (1.0 - Math.cos(2.0 * Math.PI * i / n)) : 1.0;
                energy += (x - mean) * (x - mean) * w * w;
                weightSquares += w * w;
            }
        }
        return energy / weightSquares;
    }
}
