package org.prognos.features.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.Dataset;

/** A folder of CSV files, one asset each ({@link CsvFolderSource} through {@link Datasets#open}). */
class CsvFolderSourceTest {
    private static final Path KNOWN_CAUSE = Recorded.bundled("nab", "data", "realKnownCause");
    private static final List<String> FILES = List.of("ambient_temperature_system_failure.csv",
            "machine_temperature_system_failure.csv", "nyc_taxi.csv");

    @TempDir
    Path dir;

    @Test
    void a_folder_of_bundled_nab_files_reads_each_file_as_the_asset_the_single_file_gives() throws IOException {
        for (String f : FILES) {
            Files.copy(KNOWN_CAUSE.resolve(f), dir.resolve(f));
        }
        Dataset fleet = Datasets.open(dir, null);
        assertEquals(List.of("value"), fleet.telemetry().channels());
        assertInstanceOf(CsvFolderSource.class, fleet.telemetry());
        Map<String, List<Recorded>> byAsset = Recorded.all(fleet.telemetry()).stream()
                .collect(Collectors.groupingBy(Recorded::asset));
        assertEquals(3, byAsset.size());
        for (String f : FILES) {
            List<Recorded> alone = Recorded.all(Datasets.open(KNOWN_CAUSE.resolve(f), null).telemetry());
            List<Recorded> inFleet = byAsset.get(f.substring(0, f.length() - 4));
            assertEquals(alone.size(), inFleet.size(), f);
            for (int i = 0; i < alone.size(); i++) {
                assertEquals(alone.get(i).time(), inFleet.get(i).time(), f + " row " + i);
                assertArrayEquals(alone.get(i).values(), inFleet.get(i).values(), f + " row " + i);
            }
        }
        assertEquals(22_695 - 12, byAsset.get("machine_temperature_system_failure").size(),
                "the single-file policy drops the repeated hour here too");
        assertTrue(fleet.events().all().isEmpty());
    }

    // Synthetic, for the layouts the bundled data does not have: SKAB-like runs, semicolon-separated, one level down.
    private static final String HEADER = "datetime;Accelerometer1RMS;Temperature;anomaly\n";

    @Test
    void nested_semicolon_files_are_assets_named_by_their_relative_path() throws IOException {
        Files.createDirectories(dir.resolve("valve1"));
        Files.createDirectories(dir.resolve("valve2"));
        Recorded.write(dir.resolve("valve1/0.csv"), HEADER + "2020-03-09 10:14:33;0.0265;233.0;0\n2020-03-09 10:14:34;0.0264;232.5;1\n");
        Recorded.gzip(dir.resolve("valve2/0.csv.gz"), HEADER + "2020-03-09 11:00:00;0.03;230.0;0\n");
        Dataset d = Datasets.open(dir, null);
        assertEquals(List.of("Accelerometer1RMS", "Temperature", "anomaly"), d.telemetry().channels());
        List<Recorded> rows = Recorded.all(d.telemetry());
        assertEquals(List.of("valve1/0", "valve1/0", "valve2/0"), rows.stream().map(Recorded::asset).toList());
        assertEquals(232.5, rows.get(1).values()[1]);
        assertEquals(1.0, rows.get(1).values()[2]);
    }

    @Test
    void a_bad_cell_names_the_file_by_its_relative_path_its_line_and_column() throws IOException {
        Files.createDirectories(dir.resolve("valve1"));
        Recorded.write(dir.resolve("valve1/0.csv"), HEADER + "2020-03-09 10:14:33;0.0265;233.0;0\n");
        Recorded.write(dir.resolve("valve1/1.csv"), HEADER + "2020-03-09 10:14:33;0.0265;233.0;0\n2020-03-09 10:14:34;0.02;hot;0\n");
        Dataset d = Datasets.open(dir, null);
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> Recorded.all(d.telemetry()));
        assertTrue(e.getMessage().startsWith("valve1/1.csv:3:3: "), e.getMessage());
        assertTrue(e.getMessage().contains("hot"), e.getMessage());
    }

    @Test
    void files_with_different_headers_are_refused_naming_both() throws IOException {
        Recorded.write(dir.resolve("a.csv"), "timestamp,value\n2014-01-01 00:00:00,1\n");
        Recorded.write(dir.resolve("b.csv"), "timestamp,temperature\n2014-01-01 00:00:00,1\n");
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Datasets.open(dir, null));
        assertTrue(e.getMessage().contains("b.csv has [timestamp, temperature], a.csv has [timestamp, value]"), e.getMessage());
    }

    @Test
    void a_folder_without_csv_files_still_says_what_it_expected() throws IOException {
        Recorded.write(dir.resolve("notes.txt"), "nothing here\n");
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Datasets.open(dir, null));
        assertTrue(e.getMessage().contains("or CSV files, one asset each"), e.getMessage());
    }
}
