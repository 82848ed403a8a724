package org.prognos.features.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.TimeAxis;

class EventCsvTest {
    private static final TimeAxis UTC = TimeAxis.Timestamps.utc();
    private static final EventCsv FAILURES = new EventCsv("datetime", "machineID", "failure", EventKind.FAILURE);
    private static final String AZURE_STYLE = "\"datetime\",\"machineID\",\"failure\"\n"
            + "2015-01-05 06:00:00,1,\"comp4\"\n2015-01-02 03:00:00,2,\"comp1\"\n2015-03-06 06:00:00,1,\"comp1\"\n";

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Recorded.write(dir.resolve("PdM_failures.csv"), text);
    }

    @Test
    void reads_quoted_event_files_as_one_kind() throws IOException {
        List<Event> events = FAILURES.read(file(AZURE_STYLE), UTC);
        assertEquals(new Event("1", UTC.parse("2015-01-05 06:00:00"), EventKind.FAILURE, "comp4"), events.get(0));
        assertEquals(3, events.size());
    }

    @Test
    void events_of_unknown_assets_are_dropped_by_default() throws IOException {
        EventLog log = FAILURES.readLog(file(AZURE_STYLE), UTC, Set.of("1"), ReadPolicy.defaults().unknownAssets());
        assertEquals(Set.of("1"), log.assets());
        assertEquals(2, log.size());
    }

    @Test
    void events_of_unknown_assets_fail_under_fail_policy() {
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class,
                () -> FAILURES.read(file(AZURE_STYLE), UTC, Set.of("1"), ReadPolicy.UnknownAssets.FAIL));
        assertEquals("PdM_failures.csv:3:2: event of unknown asset '2': it has no telemetry or attributes"
                + " (1 known assets; ReadPolicy.UnknownAssets.IGNORE drops such events)", e.getMessage());
    }

    @Test
    void bad_time_names_file_line_and_column() {
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class,
                () -> FAILURES.read(file("datetime,machineID,failure\n2015-13-01 00:00:00,1,comp1\n"), UTC));
        assertEquals(2, e.line());
        assertEquals(1, e.column());
    }

    @Test
    void empty_code_names_file_line_and_column() {
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class,
                () -> FAILURES.read(file("datetime,machineID,failure\n2015-01-01 00:00:00,1,\"\"\n"), UTC));
        assertEquals("PdM_failures.csv:2:3: expected a failure code, found an empty cell", e.getMessage());
    }

    @Test
    void unknown_code_column_lists_the_available_columns() {
        EventCsv wrong = new EventCsv("datetime", "machineID", "comp", EventKind.MAINTENANCE);
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> wrong.read(file(AZURE_STYLE), UTC));
        assertEquals("PdM_failures.csv:1: no code column 'comp' in the header; available columns: datetime, machineID, failure",
                e.getMessage());
    }
}
