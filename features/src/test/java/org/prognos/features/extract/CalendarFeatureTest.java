package org.prognos.features.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.TimeAxis;

/** The calendar group: the phase of a reading's wall-clock time in the day and the week, in the spec's zone. */
class CalendarFeatureTest {
    private static final double CLOSE = 1e-12;

    private static String spec(String axis) {
        return """
                {"format": "prognos-feature-spec/1", "name": "calendar", "time": %s,
                 "channels": ["value"], "windows": {"w2": {"samples": 2}}, "emit": {"everySamples": 1},
                 "requireFullWindows": false,
                 "features": [{"type": "sequence", "channels": ["value"], "window": "w2"},
                              {"type": "calendar", "cycles": ["day", "week"]}]}
                """.formatted(axis);
    }

    /** The rows the streaming state emits for readings at {@code times} (wall clock of {@code zone}). */
    private static List<double[]> rows(String zone, String... times) {
        FeatureExtractor extractor = new FeatureExtractor(SpecJson.parse(
                spec("{\"axis\": \"timestamps\", \"zone\": \"" + zone + "\"}"), "test"));
        AssetState state = extractor.newState("a", Map.of());
        TimeAxis axis = new TimeAxis.Timestamps(java.time.ZoneId.of(zone));
        List<double[]> rows = new ArrayList<>();
        for (String t : times) {
            state.reading(axis.parse(t), new double[] {1.0}, (asset, time, v) -> rows.add(v.clone()));
        }
        return rows;
    }

    @Test
    void names_its_columns_by_cycle() {
        FeatureExtractor extractor = new FeatureExtractor(SpecJson.parse(spec("{\"axis\": \"timestamps\", \"zone\": \"UTC\"}"), "test"));
        assertEquals(List.of("value_seq_0", "value_seq_1", "calendar_day_sin", "calendar_day_cos", "calendar_week_sin",
                "calendar_week_cos"), extractor.columns());
    }

    @Test
    void the_day_and_week_phases_are_points_on_the_circle_in_the_spec_zone() {
        // 2024-01-01 was a Monday; 06:00 is a quarter of the day, Monday 06:00 1/28 of the week
        List<double[]> utc = rows("UTC", "2024-01-01 00:00:00", "2024-01-01 06:00:00", "2024-01-03 18:00:00",
                "2024-01-07 23:59:59");
        assertArrayEquals(new double[] {0, 1, 0, 1}, tail(utc.get(0)), CLOSE, "Monday midnight: phase 0 of both");
        double week = 2 * Math.PI / 28;
        assertArrayEquals(new double[] {1, 0, Math.sin(week), Math.cos(week)}, tail(utc.get(1)), CLOSE);
        double wed = 2 * Math.PI * (2.75 / 7);          // Wednesday 18:00: 2.75 days into the week
        assertArrayEquals(new double[] {-1, 0, Math.sin(wed), Math.cos(wed)}, tail(utc.get(2)), CLOSE);
        double lastSecond = 2 * Math.PI * (86_399.0 / 86_400);
        assertEquals(Math.sin(lastSecond), tail(utc.get(3))[0], CLOSE, "Sunday 23:59:59 is next to Monday 00:00");

        // the same wall-clock times in Berlin, in winter (UTC+1) and after the switch to summer time (UTC+2)
        List<double[]> berlin = rows("Europe/Berlin", "2024-01-01 06:00:00", "2024-03-31 06:00:00");
        assertArrayEquals(new double[] {1, 0}, java.util.Arrays.copyOf(tail(berlin.get(0)), 2), CLOSE);
        assertArrayEquals(new double[] {1, 0}, java.util.Arrays.copyOf(tail(berlin.get(1)), 2), CLOSE,
                "06:00 local is a quarter of the day whatever the offset");
        assertEquals(2, ZonedDateTime.parse("2024-03-31T06:00:00+02:00[Europe/Berlin]").getOffset().getTotalSeconds() / 3600);
    }

    @Test
    void batch_extraction_gives_the_streamed_rows() throws java.io.IOException {
        String zone = "America/New_York";
        FeatureExtractor extractor = new FeatureExtractor(SpecJson.parse(
                spec("{\"axis\": \"timestamps\", \"zone\": \"" + zone + "\"}"), "test"));
        String[] times = {"2024-03-09 23:10:00", "2024-03-10 01:55:00", "2024-03-10 03:05:00", "2024-03-12 17:45:00"};
        List<double[]> streamed = rows(zone, times);
        org.prognos.features.telemetry.InMemoryTelemetry telemetry =
                new org.prognos.features.telemetry.InMemoryTelemetry("t", extractor.axis(), List.of("value"));
        for (String t : times) {
            telemetry.add("a", extractor.axis().parse(t), 1.0);
        }
        FeatureTable table = new FeatureTable(extractor.columns());
        new BatchExtractor(extractor).run(new org.prognos.features.telemetry.Dataset(telemetry,
                org.prognos.features.telemetry.EventLog.empty(), org.prognos.features.telemetry.AssetAttributes.none()), table);
        assertEquals(times.length, table.size());
        for (int i = 0; i < times.length; i++) {
            assertArrayEquals(streamed.get(i), table.row(i), 0.0, "row " + i + " (across the switch to summer time)");
        }
    }

    @Test
    void a_cycles_axis_or_an_unknown_cycle_is_refused() {
        InvalidSpecException cycles = assertThrows(InvalidSpecException.class,
                () -> new FeatureExtractor(SpecJson.parse(spec("{\"axis\": \"cycles\"}"), "test")));
        assertEquals("at 'features[1]': a calendar group needs the timestamps axis, this spec counts cycles", cycles.getMessage());
        InvalidSpecException month = assertThrows(InvalidSpecException.class,
                () -> new org.prognos.features.spec.FeatureGroup.Calendar(List.of("month")));
        assertEquals("'cycles' entries must be one of [day, week], found 'month'", month.getMessage());
    }

    private static double[] tail(double[] row) {
        return java.util.Arrays.copyOfRange(row, 2, row.length);
    }
}
