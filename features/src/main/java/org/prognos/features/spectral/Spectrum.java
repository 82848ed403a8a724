package org.prognos.features.spectral;

import java.util.Arrays;

/**
 * The one-sided power spectrum of one window of a waveform channel: computed once per window by a
 * {@link SpectrumAnalyzer} and read by every {@link SpectralFeature} of that window.
 *
 * <h2>What the numbers mean</h2>
 * Let {@code x} be the last {@code n <= fftSize} samples of the window, {@code m} the mean of its finite
 * samples, {@code y[i] = (x[i] - m) * w[i]} with {@code w} the {@link Taper} (gaps count as {@code x[i] = m},
 * so {@code y[i] = 0}), zero-padded to {@code N = fftSize}, and {@code X[k] = sum_i y[i] exp(-2 pi i k / N)}
 * its unscaled DFT (Commons Math's {@code DftNormalization.STANDARD}). With {@code W = sum of w[i]^2 over the
 * finite samples}, bin {@code k = 0..N/2} holds
 * <pre>
 *   power[k] = c[k] * |X[k]|^2 / (N * W),   c[0] = c[N/2] = 1, otherwise c[k] = 2
 * </pre>
 * (the factor 2 folds the negative frequencies onto the positive ones). By Parseval's theorem
 * <pre>
 *   sum_k power[k] = sum_i y[i]^2 / W
 * </pre>
 * that is, the spectrum splits the (taper-weighted) mean square of the detrended signal across frequencies,
 * in the signal's unit squared (g^2 for an accelerometer). Without a taper the total is exactly the
 * population variance of the finite samples, a tone of amplitude {@code A} contributes {@code A^2 / 2}, and
 * the square root of a band's power is that band's RMS. Dividing by the weight of the observed samples
 * rather than by {@code N} keeps these values independent of zero padding and of gaps, so windows of
 * different lengths are comparable.
 *
 * <h2>Edge cases</h2>
 * <ul>
 *   <li>Fewer than two finite samples (an empty window, a single sample, a window of gaps): the spectrum is
 *       {@linkplain #isDefined() undefined}, every power and the total are {@code NaN}, and every spectral
 *       feature is {@code NaN}.</li>
 *   <li>A constant signal (all finite samples equal): every bin is exactly {@code 0}; band energies are
 *       {@code 0} and the shape features (dominant frequency, centroid, entropy) are {@code NaN}.</li>
 *   <li>Non-finite samples ({@code NaN}, {@code +-Infinity}) are gaps: replaced by the mean of the finite
 *       samples, so they add no power; {@link #missingCount()} counts them.</li>
 * </ul>
 *
 * <h2>Lifetime</h2>
 * An analyzer fills the same {@code Spectrum} instance on every call, so a reference obtained from
 * {@link SpectrumAnalyzer#analyze} always shows the analyzer's latest window. Use {@link #copy()} to keep one.
 * A spectrum is not thread-safe while its analyzer is in use; a copy is immutable.
 */
public final class Spectrum {

    private final int fftSize;
    private final double[] power;
    private final double[] frequencyHz;
    private double sampleRateHz = Double.NaN;
    private double totalPower = Double.NaN;
    private int sampleCount;
    private int missingCount;
    private boolean defined;

    /** An empty workspace spectrum owned by an analyzer: undefined until the first analysis. */
    Spectrum(int fftSize) {
        this.fftSize = fftSize;
        this.power = new double[fftSize / 2 + 1];
        this.frequencyHz = new double[fftSize / 2 + 1];
        Arrays.fill(power, Double.NaN);
        Arrays.fill(frequencyHz, Double.NaN);
    }

    private Spectrum(Spectrum source) {
        this.fftSize = source.fftSize;
        this.power = source.power.clone();
        this.frequencyHz = source.frequencyHz.clone();
        this.sampleRateHz = source.sampleRateHz;
        this.totalPower = source.totalPower;
        this.sampleCount = source.sampleCount;
        this.missingCount = source.missingCount;
        this.defined = source.defined;
    }

    /**
     * Computes the spectrum of one window with a throwaway analyzer. Convenient for one-off use and tests;
     * code that analyzes window after window keeps a {@link SpectrumAnalyzer} instead.
     */
    public static Spectrum of(double[] samples, double sampleRateHz, SpectrumSettings settings) {
        return new SpectrumAnalyzer(settings).analyze(samples, sampleRateHz);
    }

    /** A detached, immutable copy: later analyses by this spectrum's analyzer do not change it. */
    public Spectrum copy() {
        return new Spectrum(this);
    }

    /** Whether the window had at least two finite samples; if not, every power and feature is {@code NaN}. */
    public boolean isDefined() {
        return defined;
    }

    /** The FFT size {@code N}: a power of two. */
    public int fftSize() {
        return fftSize;
    }

    /** The number of one-sided bins, {@code N / 2 + 1}: DC to Nyquist inclusive. */
    public int binCount() {
        return power.length;
    }

    /** The sample rate the window was analyzed at, in Hz ({@code NaN} before the first analysis). */
    public double sampleRateHz() {
        return sampleRateHz;
    }

    /** The spacing of the frequency grid, {@code sampleRate / N}, in Hz. */
    public double binWidthHz() {
        return sampleRateHz / fftSize;
    }

    /** The Nyquist frequency, {@code sampleRate / 2}: the frequency of the last bin. */
    public double nyquistHz() {
        return sampleRateHz / 2.0;
    }

    /** The frequency of bin {@code k}, {@code k * sampleRate / N}, in Hz. */
    public double frequencyHz(int bin) {
        return frequencyHz[bin];
    }

    /** The power of bin {@code k} in signal units squared, as defined in the class comment. */
    public double power(int bin) {
        return power[bin];
    }

    /** A copy of all bin powers, DC first. */
    public double[] powers() {
        return power.clone();
    }

    /** A copy of all bin frequencies, DC first. */
    public double[] frequenciesHz() {
        return frequencyHz.clone();
    }

    /** The sum of all bin powers: the taper-weighted mean square of the detrended window ({@code NaN} if undefined). */
    public double totalPower() {
        return totalPower;
    }

    /** The number of samples the window contributed: {@code min(window length, N)}, gaps included. */
    public int sampleCount() {
        return sampleCount;
    }

    /** How many of those samples were gaps (non-finite) and were replaced by the window mean. */
    public int missingCount() {
        return missingCount;
    }

    /** The number of bins whose frequency is below {@code hz}: the index of the first bin at or above it. */
    int binsBelow(double hz) {
        return countBins(hz, false);
    }

    /** The number of bins whose frequency is at or below {@code hz}: the index of the first bin above it. */
    int binsAtOrBelow(double hz) {
        return countBins(hz, true);
    }

    /** The sum of the powers of bins {@code from} (inclusive) to {@code to} (exclusive). */
    double powerOfBins(int from, int to) {
        double sum = 0.0;
        for (int k = from; k < to; k++) {
            sum += power[k];
        }
        return sum;
    }

    private int countBins(double hz, boolean inclusive) {
        // Start from the arithmetic guess, then settle it against the stored grid so that band edges agree
        // exactly with frequencyHz(k), whatever the rounding of hz / binWidth.
        double guess = Math.ceil(hz / binWidthHz());
        int k = (int) Math.max(0.0, Math.min(power.length, guess));
        while (k > 0 && !below(frequencyHz[k - 1], hz, inclusive)) {
            k--;
        }
        while (k < power.length && below(frequencyHz[k], hz, inclusive)) {
            k++;
        }
        return k;
    }

    private static boolean below(double frequency, double hz, boolean inclusive) {
        return inclusive ? frequency <= hz : frequency < hz;
    }

    // Written only by SpectrumAnalyzer, which owns the workspace arrays.

    double[] powerBuffer() {
        return power;
    }

    void setGrid(double rateHz) {
        if (Double.compare(rateHz, sampleRateHz) != 0) {
            for (int k = 0; k < frequencyHz.length; k++) {
                frequencyHz[k] = k * rateHz / fftSize;
            }
            sampleRateHz = rateHz;
        }
    }

    void setResult(boolean isDefined, double total, int samples, int missing) {
        this.defined = isDefined;
        this.totalPower = total;
        this.sampleCount = samples;
        this.missingCount = missing;
    }

    @Override
    public String toString() {
        return "Spectrum[fftSize=" + fftSize + ", sampleRateHz=" + sampleRateHz + ", samples=" + sampleCount
                + ", missing=" + missingCount + ", totalPower=" + totalPower + "]";
    }
}
