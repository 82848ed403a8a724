package org.prognos.models.anomaly.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.prognos.PrognosException;

/**
 * The streaming spectral residual on small synthetic series (edge cases and one spike, synthetic by design): the
 * saliency map equals a naive DFT reference of the paper's formulas; a spike in a noisy sine is salient beyond the
 * paper's τ while the sine alone is not; warming up, a constant window and bad input are handled as documented.
 */
class SpectralResidualScorerTest {
    private static final double MAP_TOLERANCE = 1e-9;
    private static final SpectralResidualSettings PAPER = SpectralResidualSettings.paper();

    private static double[] noisySine(int n, long seed) {
        Random random = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 10 + Math.sin(i * 2 * Math.PI / 24) + 0.05 * random.nextGaussian();
        }
        return v;
    }

    @Test
    void the_saliency_map_equals_a_naive_dft_of_the_papers_formulas() {
        double[] x = noisySine(64, 1);
        x[40] += 3;
        double[] fast = new SpectralResidualScorer(PAPER).saliency(x);
        double[] naive = naiveSaliency(x, PAPER.filter());
        for (int t = 0; t < x.length; t++) {
            assertEquals(naive[t], fast[t], MAP_TOLERANCE, "t = " + t);
        }
    }

    @Test
    void a_spike_is_salient_beyond_tau_one_row_later_where_the_plain_sine_is_not() {
        double[] v = noisySine(400, 2);
        v[300] += 5;
        SpectralResidualScorer latest = new SpectralResidualScorer(PAPER);
        SpectralResidualScorer delayed = new SpectralResidualScorer(PAPER.delayedBy(1));
        double maxQuiet = 0;
        double spikeLatest = 0;
        double spikeDelayed = 0;
        for (int i = 0; i < v.length; i++) {
            double r = latest.next(v[i]);
            double d = delayed.next(v[i]);
            if (i == 300) {
                spikeLatest = r;
            } else if (i == 301) {
                spikeDelayed = d;
            } else if (i >= 100 && (i < 295 || i > 330)) {
                maxQuiet = Math.max(maxQuiet, d);
            }
        }
        assertTrue(maxQuiet < PAPER.threshold(), "the sine alone reached " + maxQuiet);
        assertTrue(spikeDelayed > PAPER.threshold(), "the spike, one row later, reached only " + spikeDelayed);
        assertTrue(delayed.scoreOf(spikeDelayed, 0.999) >= 0.999);
        // the paper's latest point: the extrapolated points continue the spike, which then reads as a step
        assertTrue(spikeLatest < PAPER.threshold(), "the latest point's saliency: " + spikeLatest);
    }

    @Test
    void warming_up_and_a_constant_window_score_zero() {
        SpectralResidualScorer scorer = new SpectralResidualScorer(PAPER);
        for (int i = 0; i < 200; i++) {
            assertEquals(0.0, scorer.next(7.0), "row " + i);
        }
        SpectralResidualScorer warming = new SpectralResidualScorer(PAPER);
        double[] v = noisySine(58, 3);
        for (double value : v) {
            assertEquals(0.0, warming.next(value), "fewer than 59 values: warming up");
        }
    }

    @Test
    void the_extrapolated_points_continue_the_latest_mean_gradient() {
        SpectralResidualScorer scorer = new SpectralResidualScorer(PAPER);
        for (int i = 0; i < 59; i++) {
            scorer.next(2.0 * i);                   // a line of slope 2: every gradient is 2
        }
        double[] x = scorer.window();
        // x̂ = x[n−m+1] + g·m (1-based, n = 59, m = 5): the value 5 steps back, 108, carried 5 steps of slope 2
        for (int i = 59; i < 64; i++) {
            assertEquals(118.0, x[i], 1e-12);
        }
        assertEquals(116.0, x[58], 0.0, "the latest value is the last real one");
    }

    @Test
    void the_score_maps_tau_to_the_alarm_level() {
        SpectralResidualScorer scorer = new SpectralResidualScorer(PAPER);
        assertEquals(0.0, scorer.scoreOf(-1, 0.999));
        assertEquals(0.999 / 2, scorer.scoreOf(1.5, 0.999), 1e-15);
        assertEquals(0.999, scorer.scoreOf(3, 0.999), 1e-15);
        assertEquals(1.0, scorer.scoreOf(100, 0.999));
    }

    @Test
    void bad_settings_and_values_are_refused_with_a_clear_message() {
        PrognosException w = assertThrows(PrognosException.class, () -> new SpectralResidualSettings(60, 5, 5, 3, 21, 3, 0));
        assertEquals("spectral residual setting 'window' must be a power of two, at least 8, found 60", w.getMessage());
        PrognosException q = assertThrows(PrognosException.class, () -> new SpectralResidualSettings(64, 5, 5, 2, 21, 3, 0));
        assertEquals("spectral residual setting 'filter' must be odd, in 1 … window − 1, found 2", q.getMessage());
        SpectralResidualScorer scorer = new SpectralResidualScorer(PAPER);
        PrognosException nan = assertThrows(PrognosException.class, () -> scorer.next(Double.POSITIVE_INFINITY));
        assertEquals("the spectral residual needs finite values, found Infinity at row 0", nan.getMessage());
    }

    /** The paper's formulas with an O(n²) DFT: A, P, L = log A, R = L − circular mean of q, S = |IDFT(e^(R+iP))|. */
    private static double[] naiveSaliency(double[] x, int q) {
        int n = x.length;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int k = 0; k < n; k++) {
            for (int t = 0; t < n; t++) {
                re[k] += x[t] * Math.cos(-2 * Math.PI * k * t / n);
                im[k] += x[t] * Math.sin(-2 * Math.PI * k * t / n);
            }
        }
        double[] log = new double[n];
        for (int k = 0; k < n; k++) {
            log[k] = Math.log(Math.max(Math.hypot(re[k], im[k]), SpectralResidualScorer.AMPLITUDE_FLOOR));
        }
        double[] gRe = new double[n];
        double[] gIm = new double[n];
        for (int k = 0; k < n; k++) {
            double mean = 0;
            for (int j = -q / 2; j <= q / 2; j++) {
                mean += log[Math.floorMod(k + j, n)];
            }
            double mag = Math.exp(log[k] - mean / q);
            double phase = Math.atan2(im[k], re[k]);
            gRe[k] = mag * Math.cos(phase);
            gIm[k] = mag * Math.sin(phase);
        }
        double[] s = new double[n];
        for (int t = 0; t < n; t++) {
            double r = 0;
            double i = 0;
            for (int k = 0; k < n; k++) {
                double a = 2 * Math.PI * k * t / n;
                r += gRe[k] * Math.cos(a) - gIm[k] * Math.sin(a);
                i += gRe[k] * Math.sin(a) + gIm[k] * Math.cos(a);
            }
            s[t] = Math.hypot(r, i) / n;
        }
        return s;
    }
}
