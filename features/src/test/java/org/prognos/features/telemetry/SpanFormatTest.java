package org.prognos.features.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Spans printed for people (the purge gap of a time split, say), and read back by {@code parseSpan}. */
class SpanFormatTest {
    private final TimeAxis clock = TimeAxis.Timestamps.utc();

    @Test
    void a_clock_span_is_printed_in_the_largest_unit_that_divides_it() {
        assertEquals("48 h", clock.formatSpan(clock.parseSpan("2d")));
        assertEquals("90 min", clock.formatSpan(clock.parseSpan("90m")));
        assertEquals("5 s", clock.formatSpan(clock.parseSpan("5s")));
        assertEquals("250 ms", clock.formatSpan(clock.parseSpan("250ms")));
        assertEquals("7 us", clock.formatSpan(7));
        assertEquals("0 h", clock.formatSpan(0));
    }

    @Test
    void a_printed_span_reads_back_to_the_same_ticks() {
        for (String span : new String[] {"48h", "90m", "5s", "250ms"}) {
            long ticks = clock.parseSpan(span);
            assertEquals(ticks, clock.parseSpan(clock.formatSpan(ticks).replace(" ", "").replace("min", "m")), span);
        }
    }

    @Test
    void a_cycle_span_is_a_number_of_cycles() {
        TimeAxis cycles = new TimeAxis.Cycles();
        assertEquals("30 cycles", cycles.formatSpan(30));
        assertEquals("1 cycle", cycles.formatSpan(1));
    }
}
