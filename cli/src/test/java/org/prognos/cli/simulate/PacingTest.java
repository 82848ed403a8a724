package org.prognos.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.prognos.features.telemetry.TimeAxis;

/** The schedule, checked as numbers: no wall clock is read here. */
class PacingTest {
    private static final long SECOND_NANOS = 1_000_000_000L;

    @Test
    void speed_3600x_sends_each_hour_of_the_azure_slice_one_second_after_the_previous() throws Exception {
        FleetReplay replay = FleetReplay.of(Fixtures.azure(), Fixtures.azureSlice(), 1);
        Pacing pacing = Pacing.speed(3600, replay.axis());
        long previous = 0;
        long readings = 0;
        for (int i = 0; i < replay.frames(); i++) {
            DeviceFrame f = replay.frame(i, 0);
            long due = pacing.dueNanos(f.time() - replay.firstTime(), readings);
            long hours = (f.time() - replay.firstTime()) / Fixtures.HOUR;
            assertEquals(hours * SECOND_NANOS, due, "message " + i + " at data hour " + hours);
            assertTrue(due >= previous, "the schedule never goes back");
            previous = due;
            readings += f.readingCount();
        }
        assertEquals(71 * SECOND_NANOS, previous, "72 hours of data: the last hour starts 71 s in");
    }

    @Test
    void the_machines_of_one_hour_are_due_together() throws Exception {
        FleetReplay replay = FleetReplay.of(Fixtures.azure(), Fixtures.azureSlice(), 1);
        Pacing pacing = Pacing.speed(3600, replay.axis());
        for (int i = 0; i < 3; i++) {
            DeviceFrame f = replay.frame(i, 0);
            assertEquals(0, pacing.dueNanos(f.time() - replay.firstTime(), i));
        }
        assertEquals(SECOND_NANOS, pacing.dueNanos(replay.frame(3, 0).time() - replay.firstTime(), 3));
    }

    @Test
    void a_rate_counts_readings_whatever_their_time_and_a_batch_counts_its_readings() {
        Pacing rate = Pacing.rate(1000);
        assertEquals(0, rate.dueNanos(123_456, 0));
        assertEquals(SECOND_NANOS, rate.dueNanos(0, 1000));
        assertEquals(10_000_000, rate.dueNanos(999_999_999, 10));
    }

    @Test
    void on_a_cycle_axis_a_cycle_counts_as_a_second_of_data() {
        assertEquals(SECOND_NANOS / 10, Pacing.speed(10, new TimeAxis.Cycles()).dueNanos(1, 0));
    }

    @Test
    void unpaced_messages_are_all_due_at_once() {
        assertEquals(0, Pacing.unpaced().dueNanos(Long.MAX_VALUE / 2, 1_000_000));
    }

    @Test
    void a_factor_or_rate_that_is_not_positive_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> Pacing.speed(0, Fixtures.UTC));
        assertThrows(IllegalArgumentException.class, () -> Pacing.rate(Double.NaN));
    }
}
