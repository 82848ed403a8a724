package org.prognos.models.anomaly.spectral;

import java.util.LinkedHashMap;
import java.util.Map;
import org.prognos.PrognosException;

/**
 * The hyperparameters of a {@link SpectralResidualScorer}, named as in Ren et al. (KDD 2019).
 *
 * @param window    values in the sliding window, the extrapolated ones included; a power of two (the FFT's length)
 * @param estimated extrapolated points appended after the latest value (the paper's κ), at least 1
 * @param gradient  latest values whose mean gradient extrapolates (the paper's m), at least 1
 * @param filter    width of the average filter on the log spectrum (the paper's q), odd, at least 1
 * @param local     saliencies before the latest point that give its reference mean (the paper's z), at least 1
 * @param threshold the relative saliency (S − S̄) / S̄ that is an anomaly (the paper's τ), above 0
 * @param delay     rows before the latest whose saliency is judged (0: the latest, as the paper); at least 0. The
 *                  extrapolated points continue the latest value's gradient, so a spike in the latest value is
 *                  continued by them and reads as a step, not a spike; one row later it is inside the window
 */
public record SpectralResidualSettings(int window, int estimated, int gradient, int filter, int local, double threshold,
                                       int delay) {
    public SpectralResidualSettings {
        require(window >= 8 && Integer.bitCount(window) == 1, "window", window, "a power of two, at least 8");
        require(estimated >= 1 && estimated < window / 2, "estimated", estimated, "in 1 … window / 2 − 1");
        require(gradient >= 1 && gradient < window - estimated, "gradient", gradient, "in 1 … window − estimated − 1");
        require(filter >= 1 && filter % 2 == 1 && filter < window, "filter", filter, "odd, in 1 … window − 1");
        require(local >= 1 && local < window - estimated, "local", local, "in 1 … window − estimated − 1");
        require(threshold > 0 && Double.isFinite(threshold), "threshold", threshold, "finite and above 0");
        require(delay >= 0 && local + delay < window - estimated, "delay", delay, "in 0 … window − estimated − local − 1");
    }

    /**
     * The paper's settings (κ = 5 extrapolated points from the mean gradient of m = 5, q = 3, z = 21, τ = 3) on a
     * window of 64 (59 values and the 5 extrapolated): the window is this project's choice, the FFT's power of two
     * nearest the paper's examples, not tuned.
     */
    public static SpectralResidualSettings paper() {
        return new SpectralResidualSettings(64, 5, 5, 3, 21, 3.0, 0);
    }

    /** These settings judging the point {@code rows} before the latest. */
    public SpectralResidualSettings delayedBy(int rows) {
        return new SpectralResidualSettings(window, estimated, gradient, filter, local, threshold, rows);
    }

    /** The settings by name, for provenance. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window", window);
        m.put("estimated", estimated);
        m.put("gradient", gradient);
        m.put("filter", filter);
        m.put("local", local);
        m.put("threshold", threshold);
        m.put("delay", delay);
        return m;
    }

    private static void require(boolean ok, String name, Object value, String what) {
        if (!ok) {
            throw new PrognosException("spectral residual setting '" + name + "' must be " + what + ", found " + value);
        }
    }
}
