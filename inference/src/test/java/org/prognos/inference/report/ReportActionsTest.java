package org.prognos.inference.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.PrognosException;
import org.prognos.models.runtime.RiskBand;

/** The report's action table: defaults, a file's {@code report:} section over them, and what a bad file is told. */
class ReportActionsTest {
    @TempDir
    Path dir;

    @Test
    void defaults_name_the_component_and_the_horizon() {
        ReportActions d = ReportActions.defaults();
        assertEquals(new Action("plan maintenance of comp3", "within 7d"), d.forAsset(RiskBand.HIGH, Optional.of("comp3"), "7d"));
        assertEquals(new Action("inspect the asset now and replace it if worn", "now"),
                d.forAsset(RiskBand.CRITICAL, Optional.empty(), "7d"));
        assertEquals(new Action("no action", ""), d.forAsset(RiskBand.LOW, Optional.of("comp1"), "7d"));
    }

    @Test
    void a_file_overrides_bands_and_gives_components_their_own_alarm_action() throws Exception {
        Path file = dir.resolve("ops.yaml");
        Files.writeString(file, """
                service: {port: 7070}
                report:
                  actions:
                    high: {action: "book a visit for {component}", leadTime: "within 3 days"}
                  components:
                    comp3: {action: "replace the comp3 bearing", leadTime: "within 2 days"}
                """, StandardCharsets.UTF_8);
        ReportActions a = ReportActions.read(file);
        assertEquals(new Action("book a visit for comp1", "within 3 days"), a.forAsset(RiskBand.HIGH, Optional.of("comp1"), "7d"));
        assertEquals(new Action("replace the comp3 bearing", "within 2 days"), a.forAsset(RiskBand.CRITICAL, Optional.of("comp3"), "7d"));
        assertEquals(ReportActions.defaults().forAsset(RiskBand.WATCH, Optional.of("comp3"), "7d"),
                a.forAsset(RiskBand.WATCH, Optional.of("comp3"), "7d"), "a component's action is for alarms only");
    }

    @Test
    void a_bad_file_is_refused_naming_the_file_and_the_entry() throws Exception {
        Path band = dir.resolve("band.yaml");
        Files.writeString(band, "report:\n  actions:\n    urgent: {action: x}\n", StandardCharsets.UTF_8);
        PrognosException e = assertThrows(PrognosException.class, () -> ReportActions.read(band));
        assertTrue(e.getMessage().contains("band.yaml") && e.getMessage().contains("report.actions.urgent is not a band"),
                e.getMessage());
        Path field = dir.resolve("field.yaml");
        Files.writeString(field, "report:\n  components:\n    comp1: {action: x, lead: 2d}\n", StandardCharsets.UTF_8);
        e = assertThrows(PrognosException.class, () -> ReportActions.read(field));
        assertTrue(e.getMessage().contains("report.components.comp1.lead is not a field"), e.getMessage());
        Path none = dir.resolve("none.yaml");
        Files.writeString(none, "service: {port: 1}\n", StandardCharsets.UTF_8);
        e = assertThrows(PrognosException.class, () -> ReportActions.read(none));
        assertTrue(e.getMessage().contains("has no 'report:' section"), e.getMessage());
    }
}
