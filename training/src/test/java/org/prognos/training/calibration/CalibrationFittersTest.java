package org.prognos.training.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.prognos.models.calibration.ProbabilityCalibration;
import org.prognos.training.config.DecisionConfig;

/**
 * The two fitters and the choice between them, on synthetic scores (edge cases and a known answer; the Azure data is
 * in {@code AzureCalibrationTest}).
 */
class CalibrationFittersTest {
    private static final double EXACT = 1e-12;
    private static final double CLOSE = 0.02;

    @Test
    void isotonic_pools_adjacent_violators_into_knots_at_block_means() {
        ProbabilityCalibration c = IsotonicFitter.fit(new double[] {0.4, 0.1, 0.3, 0.2}, new double[] {1, 0, 0, 1}, 2, "");
        assertArrayEquals(new double[] {0.1, 0.25, 0.4}, c.x(), EXACT);
        assertArrayEquals(new double[] {0, 0.5, 1}, c.y(), EXACT);
    }

    @Test
    void isotonic_map_is_monotone_and_tied_scores_share_one_value() {
        Random r = new Random(7);
        int n = 5000;
        double[] s = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.round(r.nextDouble() * 50) / 50.0;      // many ties
            y[i] = r.nextDouble() < s[i] * s[i] ? 1 : 0;         // overconfident scores: truth is s²
        }
        ProbabilityCalibration c = IsotonicFitter.fit(s, y, 10, "");
        double last = -1;
        for (double p = 0; p <= 1; p += 0.001) {
            double v = c.apply(p);
            assertTrue(v >= last, "not monotone at " + p);
            last = v;
        }
        assertEquals(0.25, c.apply(0.5), 0.05);
    }

    @Test
    void platt_recovers_a_known_logistic_distortion() {
        Random r = new Random(11);
        int n = 20000;
        double[] s = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = 0.01 + 0.98 * r.nextDouble();
            double z = 0.5 * Math.log(s[i] / (1 - s[i])) - 1;     // truth: σ(0.5·logit(s) − 1)
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        ProbabilityCalibration c = PlattFitter.fit(s, y, 10, "");
        assertEquals(0.5, c.a(), 0.05);
        assertEquals(-1, c.b(), 0.05);
    }

    @Test
    void auto_keeps_the_raw_scores_when_they_are_already_calibrated() {
        Random r = new Random(3);
        int n = 20000;
        double[] s = new double[n];
        double[] y = new double[n];
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.nextDouble();
            y[i] = r.nextDouble() < s[i] ? 1 : 0;
            fold[i] = i % 5;
        }
        CalibrationFitter.Fitted f = CalibrationFitter.fit(s, y, fold, 5, 50, DecisionConfig.CalibrationMethod.AUTO, "");
        assertEquals(3, f.candidates().size());
        // the candidates' cross-validated log-losses are all close; whichever wins maps 0.3 near 0.3
        double mapped = f.calibration().map(c -> c.apply(0.3)).orElse(0.3);
        assertEquals(0.3, mapped, CLOSE);
    }

    @Test
    void auto_calibrates_overconfident_scores() {
        Random r = new Random(5);
        int n = 20000;
        double[] s = new double[n];
        double[] y = new double[n];
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.nextDouble();
            y[i] = r.nextDouble() < 0.3 * s[i] ? 1 : 0;             // scores three times too high
            fold[i] = i % 5;
        }
        CalibrationFitter.Fitted f = CalibrationFitter.fit(s, y, fold, 5, 50, DecisionConfig.CalibrationMethod.AUTO, "");
        assertTrue(f.candidates().get("none").logLoss() > f.candidates().get(f.chosen()).logLoss());
        assertEquals(0.27, f.calibration().orElseThrow().apply(0.9), 0.04);
    }
}
