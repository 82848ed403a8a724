package org.prognos.models.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.prognos.models.BundleFormatException;
import org.prognos.models.bundle.ManifestJson;

/** The map's shape (interpolation, ends, Platt's curve), the class rescaling's edge cases, and its JSON form. */
class ProbabilityCalibrationTest {
    private static final double EXACT = 1e-12;

    @Test
    void isotonic_interpolates_between_knots_and_is_flat_beyond_them() {
        ProbabilityCalibration c = ProbabilityCalibration.isotonic(new double[] {0.1, 0.5}, new double[] {0.02, 0.7}, 10, 2, "");
        assertEquals(0.02, c.apply(0), EXACT);
        assertEquals(0.02, c.apply(0.1), EXACT);
        assertEquals(0.36, c.apply(0.3), EXACT);
        assertEquals(0.7, c.apply(0.5), EXACT);
        assertEquals(0.7, c.apply(1), EXACT);
        assertTrue(Double.isNaN(c.apply(Double.NaN)));
    }

    @Test
    void platt_is_the_logistic_of_the_scaled_logit() {
        ProbabilityCalibration c = ProbabilityCalibration.platt(2, -1, 10, 2, "");
        double z = 2 * Math.log(0.25 / 0.75) - 1;
        assertEquals(1 / (1 + Math.exp(-z)), c.apply(0.25), EXACT);
        assertTrue(c.apply(0) > 0 && c.apply(1) < 1, "0 and 1 stay finite through the clip");
    }

    @Test
    void a_row_whose_failure_classes_are_all_zero_shares_the_calibrated_mass_equally() {
        ProbabilityCalibration c = ProbabilityCalibration.isotonic(new double[] {0, 1}, new double[] {0.1, 0.9}, 10, 2, "");
        double[] row = c.applyRow(new double[] {1, 0, 0});
        assertEquals(0.9, row[0], EXACT);
        assertEquals(0.05, row[1], EXACT);
        assertEquals(0.05, row[2], EXACT);
    }

    @Test
    void a_raw_row_summing_past_one_by_rounding_keeps_each_class_within_the_calibrated_mass() {
        // XGBoost's float outputs: P(none) + P(failure) = 1 + 6.3e-9; the row the network-fleet job's cross-fit met
        ProbabilityCalibration c = ProbabilityCalibration.isotonic(new double[] {0, 0.5}, new double[] {0, 1}, 10, 2, "");
        double[] raw = {1e-7, 1 - 1e-7 + 6.3e-9};
        double[] row = c.applyRow(raw);
        assertEquals(0.0, row[0], EXACT);
        assertTrue(row[1] <= 1, "P(failure) " + row[1] + " past 1");
        assertEquals(1.0, row[1], EXACT);
        // an ordinary row keeps its proportions exactly as before
        double[] three = c.applyRow(new double[] {0.6, 0.3, 0.1});
        assertEquals(0.8 * 0.3 / 0.4, three[1], 1e-15);
        assertEquals(0.8 * 0.1 / 0.4, three[2], 1e-15);
    }

    @Test
    void decreasing_knots_and_a_negative_platt_slope_are_refused() {
        BundleFormatException e = assertThrows(BundleFormatException.class, () ->
                ProbabilityCalibration.isotonic(new double[] {0.1, 0.5}, new double[] {0.5, 0.2}, 10, 2, ""));
        assertTrue(e.getMessage().contains("non-decreasing"), e.getMessage());
        assertThrows(BundleFormatException.class, () -> ProbabilityCalibration.platt(-1, 0, 10, 2, ""));
    }

    @Test
    void the_json_form_round_trips() throws Exception {
        for (ProbabilityCalibration c : new ProbabilityCalibration[] {
                ProbabilityCalibration.isotonic(new double[] {0.1, 0.5}, new double[] {0.02, 0.7}, 10, 2, "oof"),
                ProbabilityCalibration.platt(1.3, -0.4, 10, 2, "oof")}) {
            String json = ManifestJson.mapper().writeValueAsString(c);
            assertEquals(c, ManifestJson.mapper().readValue(json, ProbabilityCalibration.class), json);
        }
    }
}
