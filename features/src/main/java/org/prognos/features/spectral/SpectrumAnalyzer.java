package org.prognos.features.spectral;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * The reusable workspace that turns windows of samples into {@link Spectrum spectra}: one per channel and
 * thread, configured once with its {@link SpectrumSettings}.
 *
 * <h2>Steps</h2>
 * <ol>
 *   <li>Keep the last {@code n = min(length, fftSize)} samples of the window (time order, oldest first).</li>
 *   <li>Take the mean of the finite samples (two passes, so a large offset does not eat the precision of
 *       small vibrations) and subtract it: the DC level of a vibration sensor is an offset, not vibration,
 *       and left in place it would dominate the low bins through the taper's leakage. Gaps become
 *       {@code 0}, i.e. the mean. If every finite sample is equal the signal is treated as exactly
 *       constant, so rounding in the mean cannot invent a spectrum.</li>
 *   <li>Multiply by the taper over the {@code n} samples and zero-pad to {@code fftSize}.</li>
 *   <li>Transform in place with {@link FastFourierTransformer#transformInPlace} and
 *       {@link DftNormalization#STANDARD} (no scaling), then fold to the one-sided power defined in
 *       {@link Spectrum}.</li>
 * </ol>
 *
 * <h2>Allocation</h2>
 * The constructor allocates everything: the real and imaginary FFT buffers ({@code fftSize} doubles each),
 * the taper weights ({@code fftSize}) and the spectrum's power and frequency arrays ({@code fftSize/2 + 1}
 * each). {@link #analyze} then allocates nothing: Commons Math's static {@code transformInPlace} works on
 * the caller's arrays with precomputed twiddle tables. (Its instance method {@code transform(double[], ...)}
 * would copy the input and box every bin into a {@code Complex}, {@code fftSize} objects per call, which is
 * why it is not used.) The taper weights are recomputed only when the window length changes, and the
 * frequency grid only when the sample rate does.
 *
 * <p>Cost: {@code O(N log N)} per call with {@code N = fftSize}, whatever the window's hop; spectra are not
 * updated incrementally. Not thread-safe; the returned {@link Spectrum} is this analyzer's own and is
 * overwritten by the next call.
 */
public final class SpectrumAnalyzer {

    private final SpectrumSettings settings;
    private final int fftSize;
    private final double[] re;
    private final double[] im;
    private final double[][] reIm;
    private final double[] weights;
    private int weightsLength = -1;
    private final Spectrum spectrum;

    /** A workspace for windows analyzed with the given settings. */
    public SpectrumAnalyzer(SpectrumSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fftSize = settings.fftSize();
        this.re = new double[fftSize];
        this.im = new double[fftSize];
        this.reIm = new double[][] {re, im};
        this.weights = new double[fftSize];
        this.spectrum = new Spectrum(fftSize);
    }

    /** The settings this analyzer was built with. */
    public SpectrumSettings settings() {
        return settings;
    }

    /**
     * Analyzes a whole array as one window: the last {@code min(samples.length, fftSize)} samples are used.
     *
     * @param samples      the window's samples in time order; {@code NaN} marks a gap
     * @param sampleRateHz the channel's sample rate, finite and positive
     * @return this analyzer's spectrum, now describing the window
     */
    public Spectrum analyze(double[] samples, double sampleRateHz) {
        Objects.requireNonNull(samples, "samples");
        return analyze(samples, 0, samples.length, sampleRateHz);
    }

    /**
     * Analyzes {@code samples[from..to)} as one window: the last {@code min(to - from, fftSize)} of them are
     * used. Lets a caller with a larger buffer analyze a slice without copying it.
     *
     * @throws IllegalArgumentException if the sample rate is not finite and positive
     * @throws IndexOutOfBoundsException if the slice is not inside the array
     */
    public Spectrum analyze(double[] samples, int from, int to, double sampleRateHz) {
        Objects.requireNonNull(samples, "samples");
        Objects.checkFromToIndex(from, to, samples.length);
        if (!(sampleRateHz > 0.0) || Double.isInfinite(sampleRateHz)) {
            throw new IllegalArgumentException("sample rate must be finite and positive, got " + sampleRateHz + " Hz");
        }
        int n = Math.min(to - from, fftSize);
        int start = to - n;
        spectrum.setGrid(sampleRateHz);

        int finite = 0;
        double sum = 0.0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = start; i < to; i++) {
            double x = samples[i];
            if (Double.isFinite(x)) {
                finite++;
                sum += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        int missing = n - finite;
        if (finite < 2) {
            Arrays.fill(spectrum.powerBuffer(), Double.NaN);
            spectrum.setResult(false, Double.NaN, n, missing);
            return spectrum;
        }
        if (min == max) {
            Arrays.fill(spectrum.powerBuffer(), 0.0);
            spectrum.setResult(true, 0.0, n, missing);
            return spectrum;
        }

        double mean = sum / finite;
        double residual = 0.0;
        for (int i = start; i < to; i++) {
            double x = samples[i];
            if (Double.isFinite(x)) {
                residual += x - mean;
            }
        }
        mean += residual / finite;

        boolean tapered = settings.taper() != Taper.NONE;
        if (tapered && weightsLength != n) {
            for (int i = 0; i < n; i++) {
                weights[i] = settings.taper().weight(i, n);
            }
            weightsLength = n;
        }
        double weightSquares = 0.0;
        for (int i = 0; i < n; i++) {
            double x = samples[start + i];
            if (Double.isFinite(x)) {
                double w = tapered ? weights[i] : 1.0;
                re[i] = (x - mean) * w;
                weightSquares += w * w;
            } else {
                re[i] = 0.0;
            }
        }
        Arrays.fill(re, n, fftSize, 0.0);
        Arrays.fill(im, 0.0);

        FastFourierTransformer.transformInPlace(reIm, DftNormalization.STANDARD, TransformType.FORWARD);

        double[] power = spectrum.powerBuffer();
        double scale = 1.0 / (fftSize * weightSquares);
        int half = fftSize / 2;
        double total = 0.0;
        for (int k = 0; k <= half; k++) {
            double p = (re[k] * re[k] + im[k] * im[k]) * scale;
            if (k != 0 && k != half) {
                p *= 2.0;
            }
            power[k] = p;
            total += p;
        }
        spectrum.setResult(true, total, n, missing);
        return spectrum;
    }
}
