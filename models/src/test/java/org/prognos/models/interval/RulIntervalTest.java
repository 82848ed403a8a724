package org.prognos.models.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.prognos.models.BundleFormatException;
import org.prognos.models.bundle.ManifestJson;

class RulIntervalTest {
    private static final double EXACT = 1e-12;

    private static RulInterval binned() {
        return new RulInterval(RulInterval.Method.BINNED, 0.9, new double[] {20, 80}, new double[] {5, 15, 30}, 0, 125,
                100, 10, "synthetic");
    }

    @Test
    void each_bin_uses_its_own_quantile_and_the_low_end_is_clipped_at_zero() {
        RulInterval iv = binned();
        assertEquals(new RulInterval.Band(0, 8, false), iv.apply(3));          // 3 − 5 < 0: clipped
        assertEquals(new RulInterval.Band(5, 35, false), iv.apply(20));        // an edge belongs to the upper bin
        assertEquals(new RulInterval.Band(70, 130, true), iv.apply(100));      // reaches the cap of 125: open above
    }

    @Test
    void an_open_band_covers_any_life_beyond_its_low_end_and_a_closed_one_does_not() {
        RulInterval.Band open = binned().apply(100);
        assertTrue(open.covers(300));
        assertFalse(open.coversLiterally(300));
        assertFalse(open.covers(69));
        RulInterval.Band closed = binned().apply(50);
        assertFalse(closed.covers(66));
        assertEquals(30, closed.width(), EXACT);
    }

    @Test
    void scaled_half_width_grows_with_the_estimate_plus_the_floor() {
        RulInterval iv = new RulInterval(RulInterval.Method.SCALED, 0.9, new double[0], new double[] {0.2}, 10, 0, 50, 5, "");
        assertEquals(new RulInterval.Band(0, 2, false), iv.apply(0));             // 0.2 × (0 + 10)
        assertEquals(new RulInterval.Band(78, 122, false), iv.apply(100));        // 0.2 × 110; no cap, never open
    }

    @Test
    void round_trips_through_json() throws Exception {
        RulInterval iv = binned();
        String json = ManifestJson.mapper().writeValueAsString(iv);
        assertEquals("binned", ManifestJson.mapper().readTree(json).path("method").asText(), json);
        assertEquals(iv, ManifestJson.mapper().readValue(json, RulInterval.class));
    }

    @Test
    void refuses_a_quantile_per_bin_mismatch_and_a_bad_coverage() {
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> new RulInterval(RulInterval.Method.BINNED,
                0.9, new double[] {20}, new double[] {5}, 0, 0, 10, 1, ""));
        assertTrue(e.getMessage().contains("one quantile per bin"), e.getMessage());
        e = assertThrows(BundleFormatException.class, () -> new RulInterval(RulInterval.Method.ABSOLUTE, 1.0, new double[0],
                new double[] {5}, 0, 0, 10, 1, ""));
        assertTrue(e.getMessage().contains("'coverage' must be in (0, 1)"), e.getMessage());
    }

    @Test
    void keeps_defensive_copies() {
        double[] q = {5, 15, 30};
        RulInterval iv = new RulInterval(RulInterval.Method.BINNED, 0.9, new double[] {20, 80}, q, 0, 0, 100, 10, "");
        q[0] = 99;
        iv.quantiles()[0] = 99;
        assertEquals(5, iv.quantiles()[0], EXACT);
    }
}
