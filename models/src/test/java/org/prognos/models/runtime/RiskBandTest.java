package org.prognos.models.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RiskBandTest {
    @Test
    void bands_are_relative_to_the_threshold() {
        double t = 0.3;
        assertEquals(RiskBand.LOW, RiskBand.of(0, t));
        assertEquals(RiskBand.LOW, RiskBand.of(0.1499, t));
        assertEquals(RiskBand.WATCH, RiskBand.of(0.15, t));
        assertEquals(RiskBand.WATCH, RiskBand.of(0.2999, t));
        assertEquals(RiskBand.HIGH, RiskBand.of(0.3, t));
        assertEquals(RiskBand.HIGH, RiskBand.of(0.6499, t));
        assertEquals(RiskBand.CRITICAL, RiskBand.of(0.65, t));
        assertEquals(RiskBand.CRITICAL, RiskBand.of(1, t));
    }

    @Test
    void alarm_starts_at_the_threshold() {
        assertFalse(RiskBand.WATCH.alarm());
        assertTrue(RiskBand.HIGH.alarm());
        assertTrue(RiskBand.CRITICAL.alarm());
        assertEquals("critical", RiskBand.CRITICAL.label());
        assertEquals(0.75, RiskBand.CRITICAL.lowerBound(0.5));
    }
}
