package org.prognos.features.spectral;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.prognos.features.InvalidSpecException;

/**
 * How a waveform channel's windows are turned into a {@link Spectrum}: the FFT size and the taper. In JSON:
 * {@code {"fftSize":2048,"taper":"hann"}}.
 *
 * <p>The FFT size fixes the frequency grid: bin {@code k} sits at {@code k * sampleRate / fftSize} Hz, for
 * {@code k = 0..fftSize/2}. A window holds the last {@code min(windowLength, fftSize)} samples; a shorter
 * window is zero-padded, which interpolates the spectrum on the same grid but does not sharpen it (the true
 * resolution stays {@code sampleRate / n}).
 *
 * @param fftSize a power of two between {@value #MIN_FFT_SIZE} and {@value #MAX_FFT_SIZE}
 * @param taper   the weighting applied to the samples before the FFT
 */
public record SpectrumSettings(
        @JsonProperty(value = "fftSize", required = true) int fftSize,
        @JsonProperty(value = "taper", required = true) Taper taper) {

    /** The smallest FFT size: four points give two non-DC bins, the least a spectral entropy can describe. */
    public static final int MIN_FFT_SIZE = 4;

    /** The largest FFT size, 2^24: an analyzer then holds 512 MiB of buffers (four doubles per point), more than any window needs. */
    public static final int MAX_FFT_SIZE = 1 << 24;

    public SpectrumSettings {
        Objects.requireNonNull(taper, "taper");
        if (fftSize < MIN_FFT_SIZE || fftSize > MAX_FFT_SIZE || Integer.bitCount(fftSize) != 1) {
            throw new InvalidSpecException("spectrum fftSize must be a power of two between " + MIN_FFT_SIZE
                    + " and " + MAX_FFT_SIZE + ", got " + fftSize);
        }
    }

    /** Hann-tapered spectra of the given size: the default for vibration channels. */
    public static SpectrumSettings hann(int fftSize) {
        return new SpectrumSettings(fftSize, Taper.HANN);
    }

    /** Untapered (rectangular) spectra of the given size: exact for tones on a bin, leaky otherwise. */
    public static SpectrumSettings rectangular(int fftSize) {
        return new SpectrumSettings(fftSize, Taper.NONE);
    }

    /** The number of one-sided bins, {@code fftSize / 2 + 1} (DC to Nyquist inclusive). */
    public int binCount() {
        return fftSize / 2 + 1;
    }
}
