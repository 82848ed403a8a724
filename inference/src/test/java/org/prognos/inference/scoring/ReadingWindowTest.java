package org.prognos.inference.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TimeAxis;

/** A typed window holds its shape: one row of values per reading, times strictly increasing, events in time order. */
class ReadingWindowTest {
    static final WindowSchema PUMP = new WindowSchema("pump", List.of("temp", "vib"), Map.of("temp", 0, "vib", 1),
            new TimeAxis.Cycles(), false);

    static ReadingWindow window(long[] times, double[] values, List<Event> events) {
        return new ReadingWindow(PUMP, Optional.of("p1"), times, values, events, Map.of(), OptionalLong.empty(), List.of());
    }

    @Test
    void a_window_of_two_readings_of_two_channels_holds_four_values() {
        ReadingWindow w = window(new long[] {1, 2}, new double[] {50, 3, 51, Double.NaN},
                List.of(new Event("p1", 1, EventKind.MAINTENANCE, "comp1")));
        assertEquals(2, w.readings());
        assertEquals(1, w.events().size());
    }

    @Test
    void values_that_are_not_one_row_per_reading_are_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> window(new long[] {1, 2}, new double[] {50, 3, 51}, List.of()));
        assertEquals("3 values for 2 readings of 2 channels", e.getMessage());
    }

    @Test
    void times_out_of_order_and_unsorted_events_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> window(new long[] {2, 2}, new double[4], List.of()));
        assertThrows(IllegalArgumentException.class, () -> window(new long[] {1}, new double[2],
                List.of(new Event("p1", 5, EventKind.ALARM, "e1"), new Event("p1", 4, EventKind.ALARM, "e2"))));
    }

    @Test
    void as_of_must_come_after_the_last_reading() {
        assertTrue(PUMP.asOfProblem(5, 5).isEmpty(), "at the last reading: features at T use readings at or before T");
        assertTrue(PUMP.asOfProblem(5, 3).orElseThrow().startsWith("3 is not after the last reading (5)"));
        WindowSchema grid = new WindowSchema("g", List.of("temp"), Map.of("temp", 0), new TimeAxis.Cycles(), true);
        assertTrue(grid.asOfProblem(5, 5).isPresent(), "on a grid, features at T use readings strictly before T");
    }
}
