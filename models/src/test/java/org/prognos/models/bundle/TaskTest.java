package org.prognos.models.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.features.labels.RemainingUsefulLife;
import org.prognos.models.BundleFormatException;

class TaskTest {
    @Test
    void failure_task_takes_the_labelers_classes_and_horizon() {
        Task.FailureWithinHorizon t = Task.of(FailureWithinHorizon.perComponent(48, List.of("comp1", "comp2")), "48h");
        assertEquals(List.of("none", "comp1", "comp2"), t.outputNames());
        assertEquals(48, t.horizonTicks());
        assertTrue(t.isClassification());
    }

    @Test
    void rul_task_keeps_the_labelers_cap() {
        Task.RemainingUsefulLife t = Task.of(RemainingUsefulLife.cappedCycles(125), "cycle");
        assertEquals(OptionalDouble.of(125), t.cap());
        assertFalse(t.isClassification());
        assertEquals(List.of("rul"), t.outputNames());
    }

    @Test
    void tasks_round_trip_through_json_by_name() throws Exception {
        var mapper = ManifestJson.mapper();
        for (Task t : List.of(Task.of(FailureWithinHorizon.binary(30), "30 cycles"),
                new Task.RemainingUsefulLife("day", OptionalDouble.empty()))) {
            String json = mapper.writeValueAsString(t);
            assertEquals(t, mapper.readValue(json, Task.class), json);
        }
        assertTrue(mapper.writeValueAsString(new Task.RemainingUsefulLife("day", OptionalDouble.of(90)))
                .contains("\"type\" : \"remaining-useful-life\""));
    }

    @Test
    void a_class_named_twice_is_refused() {
        BundleFormatException e = assertThrows(BundleFormatException.class,
                () -> new Task.FailureWithinHorizon(1, "1h", List.of("none", "none")));
        assertEquals("task classes name a class twice: [none, none]", e.getMessage());
    }

    @Test
    void a_non_positive_cap_is_refused() {
        BundleFormatException e = assertThrows(BundleFormatException.class,
                () -> new Task.RemainingUsefulLife("cycle", OptionalDouble.of(0)));
        assertEquals("task cap must be positive and finite, found 0.0", e.getMessage());
    }
}
