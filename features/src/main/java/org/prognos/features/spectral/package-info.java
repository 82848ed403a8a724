/**
 * Frequency-domain features for waveform channels (vibration, current, acoustic emission): band energies
 * and the shape of the spectrum, the signatures that move first when a bearing or a gear starts to wear.
 *
 * <h2>One FFT per window</h2>
 * For every emitted row, a channel's window is transformed once by a {@link
 * org.prognos.features.spectral.SpectrumAnalyzer} into a {@link org.prognos.features.spectral.Spectrum}, and
 * every {@link org.prognos.features.spectral.SpectralFeature} of that channel reads the same spectrum:
 * ten bands cost one FFT and ten cheap sums over bins, not ten FFTs. The analyzer is a workspace built once
 * from {@link org.prognos.features.spectral.SpectrumSettings} (FFT size, {@link
 * org.prognos.features.spectral.Taper}); it reuses its buffers and, through Commons Math's static
 * {@code FastFourierTransformer.transformInPlace}, allocates nothing per window.
 *
 * <h2>Normalization</h2>
 * The transform is Commons Math's unscaled {@code DftNormalization.STANDARD}; the power of bin {@code k}
 * is then scaled to {@code c[k] |X[k]|^2 / (N W)} with {@code c = 2} except at DC and Nyquist and
 * {@code W} the sum of squared taper weights over the finite samples. The bins then add up (Parseval) to
 * the mean square of the detrended, tapered window, in the signal's unit squared: without a taper a tone of
 * amplitude {@code A} reads {@code A^2 / 2} and the whole spectrum sums to the variance. Band energies are
 * therefore mean powers, comparable across windows of different lengths, with or without gaps.
 *
 * <h2>Why the mean is removed</h2>
 * An accelerometer's DC level is a sensor offset or gravity, not vibration. Left in, it would be the
 * largest bin, would leak into the low bins through the taper, and would make the dominant frequency and
 * the centroid report the offset. Each window is detrended by the mean of its finite samples before the
 * taper; the shape features also ignore the DC bin, which holds only what detrending left behind.
 *
 * <h2>Numeric edge cases</h2>
 * Gaps ({@code NaN}) are replaced by the window mean, so they add no power and the normalization counts
 * only observed samples. Fewer than two finite samples (including a single sample) leave the spectrum
 * undefined and every feature {@code NaN}. A constant signal has exactly zero power: band energies are
 * {@code 0}, dominant frequency, centroid and entropy are {@code NaN}. A window shorter than the FFT size
 * is zero-padded (same frequency grid, coarser true resolution); a longer one contributes its last
 * {@code fftSize} samples. A band above the Nyquist frequency is rejected when a spec is bound to a
 * channel's sample rate ({@link org.prognos.features.spectral.SpectralFeature#validateFor}).
 *
 * <h2>Cost</h2>
 * Time-domain window statistics (mean, RMS, kurtosis, slope) are updated incrementally in {@code O(1)} per
 * reading. Spectral features are not: a spectrum is recomputed from scratch, {@code O(N log N)} with
 * {@code N} the FFT size, at every emitted row. Choose the row hop (and the FFT size) of waveform channels
 * with that in mind; a 2048-point spectrum costs a few tens of microseconds.
 */
package org.prognos.features.spectral;
