package org.prognos.features.spectral;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The weighting applied to a window's samples before the FFT, after the mean is removed.
 *
 * <p>A window cut out of a longer signal starts and ends abruptly; the FFT treats it as one period of a
 * periodic signal, so the jump at the seam spreads a tone's power into neighbouring bins ("leakage"). A Hann
 * taper fades the window in and out, trading a wider main lobe (a tone occupies about three bins) for side
 * lobes that fall off quickly, which is what band-energy features around a defect frequency want.
 *
 * <p>The taper spans the {@code n} real samples of the window, not the zero padding behind them. Its power
 * loss is compensated in {@link Spectrum}'s normalization, so a tone's power reads the same with either taper.
 */
public enum Taper {
    /** No weighting (a rectangular window): exact for tones that fall on a bin, leaky for all others. */
    @JsonProperty("none")
    NONE {
        @Override
        double weight(int index, int length) {
            return 1.0;
        }
    },

    /**
     * The periodic ("DFT-even") Hann window {@code w[i] = 0.5 - 0.5 cos(2 pi i / n)}, {@code i = 0..n-1}, the
     * variant spectral analysis uses (it is {@code scipy.signal.get_window("hann", n)}). Only {@code w[0]} is
     * zero, so any two finite samples keep a positive total weight.
     */
    @JsonProperty("hann")
    HANN {
        @Override
        double weight(int index, int length) {
            return 0.5 - 0.5 * Math.cos(2.0 * Math.PI * index / length);
        }
    };

    /** The weight of sample {@code index} of a window of {@code length} samples. */
    abstract double weight(int index, int length);
}
