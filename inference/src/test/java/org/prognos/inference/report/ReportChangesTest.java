package org.prognos.inference.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.PrognosException;

/**
 * Comparing with a previous report, on hand-written SYNTHETIC rows (edge cases, not real assets): the driver that
 * moved a risk most, a previous report of the first format, and one of an unknown format.
 */
class ReportChangesTest {
    static final double TOLERANCE = 1e-12;

    @TempDir
    Path dir;

    static ReportRow row(int rank, String asset, String band, double risk, List<Driver> drivers) {
        return new ReportRow(rank, asset, "2015-12-01 00:00:00", band, risk, Map.of(), Optional.empty(), OptionalDouble.empty(),
                Optional.empty(), 100 * (1 - risk), drivers, List.of(), false, new AssetFacts(Map.of(), Map.of()),
                new Action("no action", ""));
    }

    @Test
    void the_driver_whose_contribution_rose_most_explains_a_rise() throws Exception {
        Files.writeString(dir.resolve("report.json"), """
                {"format": "prognos-report/2", "assets": [
                  {"asset": "31", "band": "watch", "risk": 0.30, "drivers": [
                    {"feature": "since_maint_comp3", "label": "days since comp3 replaced", "contribution": 0.05},
                    {"feature": "volt_mean_3h", "label": "volt, 3 h mean", "contribution": 0.10}]},
                  {"asset": "7", "band": "low", "risk": 0.05, "drivers": []}]}""", StandardCharsets.UTF_8);
        List<ReportRow> now = List.of(
                row(1, "31", "critical", 0.90, List.of(new Driver("since_maint_comp3", "days since comp3 replaced", 0.45),
                        new Driver("pressure_mean_24h", "pressure, 24 h mean", 0.20))),
                row(2, "7", "low", 0.06, List.of()));
        ReportChanges.Changes c = ReportChanges.compare(now, Optional.of(dir));
        assertTrue(c.compared());
        assertEquals(1, c.changes().size(), "asset 7 stayed low");
        ReportChanges.Change ch = c.changes().get(0);
        assertEquals(ReportChanges.Kind.NEW_AT_RISK, ch.kind());
        assertEquals("0.300 → 0.900 (watch → critical)", ch.riskText());
        Driver moved = ch.moved().orElseThrow();
        assertEquals("since_maint_comp3", moved.feature(), "+0.40 beats pressure's +0.20 (not a driver before: 0 then)");
        assertEquals(0.40, moved.contribution(), TOLERANCE);
        assertEquals("1 new at risk, 0 risen, 0 fallen, 0 recovered", c.summary());
    }

    @Test
    void a_previous_report_of_the_first_format_compares_without_drivers() throws Exception {
        Files.writeString(dir.resolve("report.json"), """
                {"format": "prognos-report/1", "assets": [
                  {"asset": "31", "band": "critical", "risk": 0.95, "topFeatures": ["since_maint_comp3"]}]}""",
                StandardCharsets.UTF_8);
        ReportChanges.Changes c = ReportChanges.compare(List.of(row(1, "31", "low", 0.10,
                List.of(new Driver("since_maint_comp3", "days since comp3 replaced", -0.02)))), Optional.of(dir));
        assertEquals(ReportChanges.Kind.RECOVERED, c.changes().get(0).kind());
        assertEquals(0.95, c.changes().get(0).riskBefore(), TOLERANCE);
        assertEquals(Optional.empty(), c.changes().get(0).moved(), "a /1 report has no contributions to compare");
    }

    @Test
    void a_report_of_another_format_is_refused_naming_the_formats_read() throws Exception {
        Files.writeString(dir.resolve("report.json"), "{\"format\": \"something/9\", \"assets\": []}", StandardCharsets.UTF_8);
        PrognosException e = assertThrows(PrognosException.class, () -> ReportChanges.compare(List.of(), Optional.of(dir)));
        assertTrue(e.getMessage().contains("format 'something/9'") && e.getMessage().contains("prognos-report/2, prognos-report/1"),
                e.getMessage());
    }
}
