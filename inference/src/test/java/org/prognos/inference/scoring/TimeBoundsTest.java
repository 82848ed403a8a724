package org.prognos.inference.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.prognos.features.telemetry.TimeAxis;

/** The times the service accepts, on a clock the test sets. */
class TimeBoundsTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final long MICROS_NOW = NOW.getEpochSecond() * 1_000_000;
    final TimeBounds bounds = new TimeBounds(Clock.fixed(NOW, ZoneOffset.UTC), 3600);

    @Test
    void a_clock_time_may_lie_up_to_the_skew_past_the_clock_and_not_before_year_one() {
        TimeBounds.Range r = bounds.on(TimeAxis.Timestamps.utc());
        assertTrue(r.admits(MICROS_NOW + 3_600_000_000L));
        assertEquals("2025-06-01 13:00:00 is in the future: later than 2025-06-01 13:00:00, the service's clock plus"
                + " limits.maxFutureSkewSeconds", r.problem(MICROS_NOW + 3_600_000_001L).orElseThrow());
        assertTrue(r.problem(MICROS_NOW + 3_600_000_001L).orElseThrow().contains(TimeBounds.IN_THE_FUTURE));
        assertTrue(r.admits(TimeBounds.MIN_TIMESTAMP));
        assertTrue(r.problem(TimeBounds.MIN_TIMESTAMP - 1).orElseThrow().endsWith("is before year 1"));
        assertFalse(r.admits(Long.MAX_VALUE));
        assertFalse(r.admits(Long.MIN_VALUE));
    }

    @Test
    void a_skew_past_year_9999_stops_there_without_overflowing() {
        TimeBounds.Range r = new TimeBounds(Clock.fixed(NOW, ZoneOffset.UTC), Double.MAX_VALUE).on(TimeAxis.Timestamps.utc());
        assertEquals(TimeBounds.MAX_TIMESTAMP, r.max());
        assertFalse(r.admits(TimeBounds.MAX_TIMESTAMP + 1));
    }

    @Test
    void a_cycle_counts_from_zero_up_to_two_to_the_53() {
        TimeBounds.Range r = bounds.on(new TimeAxis.Cycles());
        assertTrue(r.admits(0));
        assertTrue(r.admits(1L << 53));
        assertEquals("cycle -1 is negative; cycle numbers count from 0", r.problem(-1).orElseThrow());
        assertEquals("cycle 9223372036854775807 is beyond the largest cycle number accepted (9007199254740992)",
                r.problem(Long.MAX_VALUE).orElseThrow());
        assertTrue(r.problem((1L << 53) + 1).isPresent());
    }
}
