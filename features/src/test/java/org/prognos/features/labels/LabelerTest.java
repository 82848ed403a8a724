package org.prognos.features.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TimeAxis;

class LabelerTest {
    private static Event fail(long t, String comp) {
        return new Event("m", t, EventKind.FAILURE, comp);
    }

    @Test
    void binary_label_is_positive_when_a_failure_is_within_the_horizon_from_the_row() {
        double[] l = FailureWithinHorizon.binary(24).label(new long[] {0, 3, 6, 27, 30, 33}, List.of(fail(30, "c")), 100);
        // 0 <= 30 - T < 24  ->  T in (6, 30]
        assertArrayEquals(new double[] {0, 0, 0, 1, 1, 0}, l);
    }

    @Test
    void per_component_label_names_the_earliest_listed_component() {
        FailureWithinHorizon h = FailureWithinHorizon.perComponent(10, List.of("comp1", "comp2"));
        assertEquals(List.of("none", "comp1", "comp2"), h.classes());
        double[] l = h.label(new long[] {0, 5, 12}, List.of(fail(8, "comp2"), fail(9, "comp1"), fail(14, "comp9")), 100);
        assertArrayEquals(new double[] {2, 2, 0}, l);
    }

    @Test
    void censored_rows_are_dropped_by_default_and_negative_on_request() {
        // observed through 95: the horizon [86, 96) is fully observed, [90, 100) is not
        long[] rows = {80, 86, 90};
        double[] drop = FailureWithinHorizon.binary(10).label(rows, List.of(), 95);
        assertEquals(0, drop[0]);
        assertEquals(0, drop[1]);
        assertTrue(Double.isNaN(drop[2]));
        double[] neg = new FailureWithinHorizon(10, List.of(), FailureWithinHorizon.Censoring.NEGATIVE).label(rows, List.of(), 95);
        assertArrayEquals(new double[] {0, 0, 0}, neg);
    }

    @Test
    void rul_counts_down_to_the_next_failure_and_is_capped() {
        RemainingUsefulLife rul = RemainingUsefulLife.cappedCycles(125);
        double[] l = rul.label(new long[] {1, 100, 190, 200}, List.of(fail(200, "engine")), 200);
        assertArrayEquals(new double[] {125, 100, 10, 0}, l);
    }

    @Test
    void rul_of_a_censored_row_is_the_cap_only_when_observed_that_long() {
        RemainingUsefulLife rul = RemainingUsefulLife.cappedCycles(50);
        double[] l = rul.label(new long[] {10, 60, 90}, List.of(), 100);
        assertEquals(50, l[0]);
        assertEquals(Double.NaN, l[1]);
        assertEquals(Double.NaN, l[2]);
        double[] uncapped = new RemainingUsefulLife(1, OptionalLong.empty()).label(new long[] {10}, List.of(), 100);
        assertTrue(Double.isNaN(uncapped[0]));
    }

    @Test
    void a_non_positive_horizon_is_refused() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> FailureWithinHorizon.binary(0));
        assertTrue(e.getMessage().contains("horizon must be positive"), e.getMessage());
    }

    @Test
    void parse_reads_every_form_of_the_labels_option() {
        TimeAxis clock = TimeAxis.Timestamps.utc();
        assertEquals(FailureWithinHorizon.binary(24 * TimeAxis.Timestamps.MICROS_PER_HOUR), Labeler.parse("failure:24h", clock));
        assertEquals(FailureWithinHorizon.perComponent(30, List.of("comp1", "comp2")),
                Labeler.parse("failure:30:comp1,comp2", new TimeAxis.Cycles()));
        assertEquals(new RemainingUsefulLife(1, OptionalLong.of(125)), Labeler.parse("rul:125", new TimeAxis.Cycles()));
        assertEquals(new RemainingUsefulLife(TimeAxis.Timestamps.MICROS_PER_HOUR, OptionalLong.empty()),
                Labeler.parse("RUL", clock));
    }

    @Test
    void parse_refuses_text_that_names_no_labeler() {
        TimeAxis cycles = new TimeAxis.Cycles();
        assertTrue(assertThrows(InvalidSpecException.class, () -> Labeler.parse("failure", cycles)).getMessage()
                .contains("needs a horizon"));
        assertTrue(assertThrows(InvalidSpecException.class, () -> Labeler.parse("rul:lots", cycles)).getMessage()
                .contains("cap must be a whole number"));
        assertTrue(assertThrows(InvalidSpecException.class, () -> Labeler.parse("survival:24", cycles)).getMessage()
                .contains("must start with failure or rul"));
    }
}
