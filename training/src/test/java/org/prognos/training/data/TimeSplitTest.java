package org.prognos.training.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.training.config.SplitConfig;

/** A time split as the job's log shows it: dates, and the purge gap in time units rather than raw ticks. */
class TimeSplitTest {
    @Test
    void the_purge_gap_is_printed_in_hours() {
        TimeAxis axis = TimeAxis.Timestamps.utc();
        FailureWithinHorizon labeler = new FailureWithinHorizon(axis.parseSpan("24h"), List.of(), FailureWithinHorizon.Censoring.DROP);
        TimeSplit split = TimeSplit.of(new SplitConfig.ByTime("2015-10-01 00:00:00", Optional.of("2d"), 0.2), axis, labeler,
                axis.parse("2015-01-01 00:00:00"));
        String text = split.describe(axis);
        assertTrue(text.endsWith("(purge gap 48 h)"), text);
        assertTrue(text.contains("test from 2015-10-01 00:00:00"), text);
    }
}
