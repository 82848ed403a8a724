package org.prognos.features.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TimeAxis;

class TabularSourceTest {
    private static final List<String> AI4I_FEATURES = List.of("Air temperature [K]", "Process temperature [K]",
            "Rotational speed [rpm]", "Torque [Nm]", "Tool wear [min]");

    @Test
    void reads_the_bundled_ai4i_table_as_one_reading_per_unit_with_its_failure_as_an_event() throws IOException {
        Dataset ai4i = Datasets.open(Recorded.bundled("ai4i2020"), null);
        List<Recorded> readings = Recorded.all(ai4i.telemetry());

        assertEquals(10_000, readings.size());
        assertEquals(AI4I_FEATURES, ai4i.telemetry().channels());
        assertTrue(ai4i.axis() instanceof TimeAxis.Cycles);
        assertTrue(readings.stream().allMatch(r -> r.time() == TabularSource.READING_CYCLE));
        assertEquals("1", readings.get(0).asset());
        assertArrayEquals(new double[] {298.1, 308.6, 1551, 42.8, 0}, readings.get(0).values());
        assertEquals(Optional.of("M"), ai4i.attributes().get("1", "Type"));
        long failures = readings.stream().filter(r -> !ai4i.events().of(r.asset()).isEmpty()).count();
        assertEquals(339, failures);     // DATA_DICTIONARY.md: 339 failures
        assertEquals(List.of(new Event("51", 0, EventKind.FAILURE, "failure")), ai4i.events().of("51"));
    }

    @Test
    void failure_mode_columns_become_one_event_per_mode_coded_with_the_column_name() throws IOException {
        Dataset ai4i = Datasets.open(Recorded.bundled("ai4i2020", "failure-modes.json"), null);
        Map<String, Integer> byMode = new TreeMap<>();
        for (Recorded r : Recorded.all(ai4i.telemetry())) {
            ai4i.events().of(r.asset()).forEach(e -> byMode.merge(e.code(), 1, Integer::sum));
        }
        assertEquals(Map.of("HDF", 115, "OSF", 98, "PWF", 95, "RNF", 19, "TWF", 46), byMode);
    }

    @Test
    void every_other_column_is_a_feature_when_none_are_listed(@TempDir Path dir) throws IOException {
        // synthetic: the smallest table that shows the default
        Path file = Recorded.write(dir.resolve("units.csv"), "# synthetic units\nunit,a,b,grade,failed\nu1,1,2,x,0\nu2,3,,y,1\n");
        Dataset d = TabularSource.open(file, new TabularSource.Columns("unit", List.of(), List.of("grade"), "failed", List.of()),
                ReadPolicy.defaults());

        assertEquals(List.of("a", "b"), d.telemetry().channels());
        List<Recorded> r = Recorded.all(d.telemetry());
        assertArrayEquals(new double[] {3, Double.NaN}, r.get(1).values());
        assertEquals(List.of(), d.events().of("u1"));
        assertEquals(1, d.events().of("u2").size());
    }

    @Test
    void a_unit_listed_twice_fails_naming_both_lines(@TempDir Path dir) throws IOException {
        // synthetic: a duplicated id
        Path file = Recorded.write(dir.resolve("units.csv"), "unit,a,failed\nu1,1,0\nu1,2,1\n");
        var e = assertThrows(InvalidTelemetryException.class, () -> TabularSource.open(file,
                new TabularSource.Columns("unit", List.of("a"), List.of(), "failed", List.of()), ReadPolicy.defaults()));
        assertTrue(e.getMessage().startsWith("units.csv:3:1: unit 'u1' is listed twice (first at line 2)"), e.getMessage());
    }

    @Test
    void an_outcome_that_is_not_0_or_1_fails_at_its_cell(@TempDir Path dir) throws IOException {
        // synthetic: a label of 2
        Path file = Recorded.write(dir.resolve("units.csv"), "unit,a,failed\nu1,1,0\nu2,2,2\n");
        var e = assertThrows(InvalidTelemetryException.class, () -> TabularSource.open(file,
                new TabularSource.Columns("unit", List.of("a"), List.of(), "failed", List.of()), ReadPolicy.defaults()));
        assertTrue(e.getMessage().startsWith("units.csv:3:3: expected 0 or 1 in outcome column 'failed', found '2'"),
                e.getMessage());
    }

    @Test
    void an_outcome_listed_as_a_feature_is_refused_as_leakage(@TempDir Path dir) throws IOException {
        Path file = Recorded.write(dir.resolve("units.csv"), "unit,a,failed\nu1,1,0\n");
        var e = assertThrows(InvalidSpecException.class, () -> TabularSource.open(file,
                new TabularSource.Columns("unit", List.of("a", "failed"), List.of(), "failed", List.of()), ReadPolicy.defaults()));
        assertTrue(e.getMessage().contains("'failed' is a feature and also"), e.getMessage());
    }

    @Test
    void a_missing_column_lists_the_header() throws IOException {
        var e = assertThrows(InvalidTelemetryException.class, () -> TabularSource.open(
                Recorded.bundled("ai4i2020", "ai4i2020.csv.gz"),
                new TabularSource.Columns("UDI", List.of(), List.of(), "failure", List.of()), ReadPolicy.defaults()));
        assertTrue(e.getMessage().contains("no table column 'failure' in the header; available columns: UDI, Product ID"),
                e.getMessage());
    }

    @Test
    void a_label_and_failure_modes_together_are_refused() {
        var e = assertThrows(InvalidSpecException.class,
                () -> new TabularSource.Columns("id", List.of(), List.of(), "failed", List.of("TWF")));
        assertTrue(e.getMessage().contains("either a 'label' column or 'failureModes'"), e.getMessage());
    }

    @Test
    void a_tabular_descriptor_refuses_telemetry_and_a_time_axis_other_than_cycles(@TempDir Path dir) throws IOException {
        Path withTelemetry = Recorded.write(dir.resolve("a.json"), "{\"layout\": \"tabular\", \"table\": {\"path\": \"u.csv\"},"
                + " \"telemetry\": {\"path\": \"t.csv\"}}");
        Path withTimestamps = Recorded.write(dir.resolve("b.json"), "{\"layout\": \"tabular\", \"table\": {\"path\": \"u.csv\"},"
                + " \"time\": {\"axis\": \"timestamps\", \"zone\": \"UTC\"}}");
        Path tableWithoutLayout = Recorded.write(dir.resolve("c.json"), "{\"table\": {\"path\": \"u.csv\"}}");

        assertTrue(assertThrows(InvalidSpecException.class, () -> DatasetConfig.read(withTelemetry)).getMessage()
                .contains("'telemetry', 'events' and 'attributes' belong to \"layout\": \"series\""));
        assertTrue(assertThrows(InvalidSpecException.class, () -> DatasetConfig.read(withTimestamps)).getMessage()
                .contains("a table has no time axis"));
        assertTrue(assertThrows(InvalidSpecException.class, () -> DatasetConfig.read(tableWithoutLayout)).getMessage()
                .contains("a 'table' needs \"layout\": \"tabular\""));
    }
}
