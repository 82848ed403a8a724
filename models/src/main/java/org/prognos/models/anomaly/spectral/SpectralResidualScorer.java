package org.prognos.models.anomaly.spectral;

import java.util.Objects;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;
import org.prognos.PrognosException;

/**
 * One univariate stream's spectral residual (Ren et al., KDD 2019), causal: after each value, the window of the
 * latest {@code window − estimated} values is extended by {@code estimated} copies of an extrapolated point (the
 * latest value's mean gradient over the {@code gradient} values before it, {@code x̂ = x[n−m+1] + g·m}), and
 * <ul>
 * <li>A = |FFT(x)|, P its phase; L = log A; R = L − (L averaged over {@code filter} neighbouring frequencies,
 * circularly, so that the spectrum of a real window stays symmetric);</li>
 * <li>the saliency map S = |IFFT(exp(R + iP))|: what the spectrum holds beyond its smooth trend, back in time;</li>
 * <li>the relative saliency of the latest value (or of the value {@code delay} rows before it), r = (S[t] − S̄) / S̄,
 * S̄ the mean saliency of the {@code local} points before it in the same window: only the past is read.</li>
 * </ul>
 * {@link #next} returns r; {@link #scoreOf} maps it to a score in [0, 1]. Edge cases, written down: until the window
 * holds {@code window − estimated} values the ratio is 0 (warming up); a window whose values are all equal has no
 * spectrum beyond its mean and scores 0; a zero amplitude's logarithm is taken at {@value #AMPLITUDE_FLOOR}, and a
 * reference saliency below {@value #SALIENCY_FLOOR} gives 0 (nothing is salient in a flat map). Bounded state: the
 * window. Not thread-safe: one scorer per stream.
 */
public final class SpectralResidualScorer {
    /** The smallest amplitude whose logarithm is taken: an exact zero (a sine on a bin) would give −∞. */
    static final double AMPLITUDE_FLOOR = 1e-8;
    /** Below this the reference saliency is "no saliency at all", and the ratio 0 rather than a division by ~0. */
    static final double SALIENCY_FLOOR = 1e-12;

    private static final FastFourierTransformer FFT = new FastFourierTransformer(DftNormalization.STANDARD);

    private final SpectralResidualSettings settings;
    private final double[] ring;
    private long seen;

    public SpectralResidualScorer(SpectralResidualSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ring = new double[settings.window() - settings.estimated()];
    }

    /** The relative saliency r of the stream's next value (0 while warming up); remembers it. */
    public double next(double value) {
        if (!Double.isFinite(value)) {
            throw new PrognosException("the spectral residual needs finite values, found " + value + " at row " + seen);
        }
        ring[(int) (seen % ring.length)] = value;
        seen++;
        if (seen < ring.length) {
            return 0.0;
        }
        return relativeSaliency(window());
    }

    /**
     * A relative saliency as a score in [0, 1]: 0 at or below 0, {@code alarmLevel} at the paper's threshold τ,
     * linear between, and from {@code alarmLevel} to 1 between τ and 2τ (capped): the threshold becomes the blend's
     * alarm level, as the contextual score's is aligned.
     */
    public double scoreOf(double r, double alarmLevel) {
        double tau = settings.threshold();
        if (!(r > 0)) {
            return 0.0;
        }
        return r < tau ? alarmLevel * r / tau : Math.min(1.0, alarmLevel + (1 - alarmLevel) * (r - tau) / tau);
    }

    /** Values seen so far. */
    public long rowsSeen() {
        return seen;
    }

    /** The window in time order: the latest {@code window − estimated} values, then the extrapolated points. */
    double[] window() {
        int n = ring.length;
        double[] x = new double[settings.window()];
        for (int i = 0; i < n; i++) {
            x[i] = ring[(int) ((seen - n + i) % n)];
        }
        int m = settings.gradient();
        double last = x[n - 1];
        double g = 0;
        for (int i = 1; i <= m; i++) {
            g += (last - x[n - 1 - i]) / i;
        }
        g /= m;
        double estimate = x[n - m] + g * m;
        for (int i = n; i < x.length; i++) {
            x[i] = estimate;
        }
        return x;
    }

    /** The relative saliency of {@code x[window − estimated − 1 − delay]}, the latest real value less the delay. */
    double relativeSaliency(double[] x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (lo == hi) {
            return 0.0;
        }
        double[] s = saliency(x);
        int latest = ring.length - 1 - settings.delay();
        double ref = 0;
        for (int i = latest - settings.local(); i < latest; i++) {
            ref += s[i];
        }
        ref /= settings.local();
        return ref < SALIENCY_FLOOR ? 0.0 : (s[latest] - ref) / ref;
    }

    /** The saliency map of {@code x}: |IFFT(exp(R + iP))|. */
    double[] saliency(double[] x) {
        int n = x.length;
        Complex[] f = FFT.transform(x, TransformType.FORWARD);
        double[] log = new double[n];
        for (int k = 0; k < n; k++) {
            log[k] = Math.log(Math.max(f[k].abs(), AMPLITUDE_FLOOR));
        }
        int half = settings.filter() / 2;
        Complex[] g = new Complex[n];
        for (int k = 0; k < n; k++) {
            double mean = 0;
            for (int j = -half; j <= half; j++) {
                mean += log[Math.floorMod(k + j, n)];
            }
            mean /= settings.filter();
            double phase = f[k].getArgument();
            double magnitude = Math.exp(log[k] - mean);
            g[k] = new Complex(magnitude * Math.cos(phase), magnitude * Math.sin(phase));
        }
        Complex[] back = FFT.transform(g, TransformType.INVERSE);
        double[] s = new double[n];
        for (int t = 0; t < n; t++) {
            s[t] = back[t].abs();
        }
        return s;
    }
}
