package org.prognos.features.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TimeAxis;

class AzurePdmTest {
    private static final Path DIR = Recorded.bundled("azure-pdm");
    private static Dataset azure;

    @BeforeAll
    static void load() throws IOException {
        azure = AzurePdm.load(DIR);
    }

    private static long count(EventKind kind) {
        return azure.events().all().stream().filter(e -> e.kind() == kind).count();
    }

    @Test
    void telemetry_has_155050_hourly_rows_of_70_machines() throws IOException {
        assertEquals(List.of("volt", "rotate", "pressure", "vibration"), azure.telemetry().channels());
        long[] rows = new long[1];
        Set<String> machines = new HashSet<>();
        List<Recorded> first = new ArrayList<>();
        azure.telemetry().forEach((asset, time, values) -> {
            rows[0]++;
            machines.add(asset);
            if (first.isEmpty()) {
                first.add(new Recorded(asset, time, values.clone()));
            }
        });
        assertEquals(155_050, rows[0]);
        assertEquals(70, machines.size());
        assertEquals("1", first.get(0).asset());
        assertEquals(TimeAxis.Timestamps.utc().parse("2015-10-01 00:00:00"), first.get(0).time());
        assertArrayEquals(new double[] {180.541240121778, 448.68469036449994, 92.2338573641925, 38.0587232675069},
                first.get(0).values());
    }

    @Test
    void events_count_failures_maintenance_and_errors() {
        assertEquals(508, count(EventKind.FAILURE));
        assertEquals(2_319, count(EventKind.MAINTENANCE));
        assertEquals(2_705, count(EventKind.ALARM));
        assertEquals("comp4", azure.events().of("1", EventKind.FAILURE).get(0).code());
    }

    @Test
    void machines_have_model_and_age() {
        assertEquals(70, azure.attributes().assets().size());
        assertEquals(Optional.of("model3"), azure.attributes().get("1", "model"));
        assertEquals(Optional.of("18"), azure.attributes().get("1", "age"));
    }

    @Test
    void bad_telemetry_cell_names_file_line_and_column(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                new GZIPInputStream(Files.newInputStream(DIR.resolve("PdM_telemetry.csv.gz")))))) {
            for (int i = 0; i < 20; i++) {
                lines.add(in.readLine());
            }
        }
        lines.set(16, lines.get(16).replaceFirst("^([^,]*,[^,]*),[^,]*", "$1,abc"));
        Files.write(dir.resolve("PdM_telemetry.csv"), lines);
        for (String f : List.of("PdM_machines.csv", "PdM_failures.csv", "PdM_maint.csv", "PdM_errors.csv")) {
            Files.copy(DIR.resolve(f), dir.resolve(f));
        }
        Dataset broken = AzurePdm.load(dir);
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class,
                () -> broken.telemetry().forEach((asset, time, values) -> { }));
        assertEquals("PdM_telemetry.csv:17:3: expected a number for channel 'volt', found 'abc'", e.getMessage());
    }
}
