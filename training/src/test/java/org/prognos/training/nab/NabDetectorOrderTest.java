package org.prognos.training.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A detector's settings as the run's provenance file lists them: in declared order, the same in every JVM. */
class NabDetectorOrderTest {
    @Test
    void settings_are_listed_in_declared_order() {
        Map<String, Object> m = NabDetectors.named("prognosKnnContextForget2000").asMap();
        assertEquals(List.of("name", "family", "params", "adaptive", "blend", "context"), List.copyOf(m.keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) m.get("context");
        assertEquals(List.of("range", "margin", "memory"), List.copyOf(context.keySet()));
        assertEquals(List.of("k", "memory"), List.copyOf(((Map<?, ?>) m.get("params")).keySet()).stream()
                .map(String::valueOf).toList());
    }
}
