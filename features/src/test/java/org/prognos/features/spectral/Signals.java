package org.prognos.features.spectral;

import java.util.Random;

/** Synthetic test signals, generated directly from their definitions. */
final class Signals {

    private Signals() {
    }

    /** {@code amplitude * sin(2 pi f t + phase)} sampled at {@code rateHz}, {@code n} samples. */
    static double[] sine(int n, double rateHz, double frequencyHz, double amplitude, double phase) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = amplitude * Math.sin(2.0 * Math.PI * frequencyHz * i / rateHz + phase);
        }
        return x;
    }

    /** Element-wise sum of equally long signals. */
    static double[] add(double[]... signals) {
        double[] sum = new double[signals[0].length];
        for (double[] s : signals) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += s[i];
            }
        }
        return sum;
    }

    /** The signal plus a constant offset. */
    static double[] offset(double[] x, double offset) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += offset;
        }
        return y;
    }

    /** Seeded Gaussian white noise with the given standard deviation. */
    static double[] whiteNoise(int n, double sigma, long seed) {
        Random random = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = sigma * random.nextGaussian();
        }
        return x;
    }
}
