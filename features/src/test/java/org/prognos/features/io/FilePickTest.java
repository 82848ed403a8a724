package org.prognos.features.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.Dataset;

/**
 * Picking the runs of a folder ({@link FilePick} through {@link Datasets#open(Path, String, FilePick)}).
 *
 * <p>Synthetic data, written here, in the shape of the Skoltech Anomaly Benchmark (SKAB, GPL-3.0, not bundled):
 * {@code valve1/}, {@code valve2/} and {@code other/} runs, {@code ;}-separated with SKAB's header, and an
 * {@code anomaly-free/anomaly-free.csv} with the 8 sensor channels only. A few rows each; the values mean nothing.
 */
class FilePickTest {
    static final String SENSORS = "Accelerometer1RMS;Accelerometer2RMS;Current;Pressure;Temperature;Thermocouple;Voltage;"
            + "Volume Flow RateRMS";
    static final String RUN_HEADER = "datetime;" + SENSORS + ";anomaly;changepoint\n";
    static final String FREE_HEADER = "datetime;" + SENSORS + "\n";
    private static final List<String> RUNS = List.of("other/11", "other/13", "valve1/0", "valve1/1", "valve2/0");

    @TempDir
    Path dir;

    @BeforeEach
    void writeSyntheticSkabFolder() throws IOException {
        for (String run : RUNS) {
            Files.createDirectories(dir.resolve(run).getParent());
            Recorded.write(dir.resolve(run + ".csv"), RUN_HEADER
                    + "2020-03-09 10:14:33;0.0265;0.0402;1.33;0.054;90.1;26.9;227.2;32.0;0.0;0.0\n"
                    + "2020-03-09 10:14:34;0.0264;0.0401;0.91;0.382;90.2;26.8;229.3;32.0;1.0;1.0\n");
        }
        Files.createDirectories(dir.resolve("anomaly-free"));
        Recorded.write(dir.resolve("anomaly-free/anomaly-free.csv"), FREE_HEADER
                + "2020-02-08 13:30:47;0.2026;0.2711;2.0;0.054;79.4;27.1;232.1;32.0\n");
    }

    @Test
    void the_folder_is_refused_without_a_pick_naming_the_odd_file_and_how_to_leave_it_out() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Datasets.open(dir, null));
        String m = e.getMessage();
        assertTrue(m.contains("anomaly-free/anomaly-free.csv has [datetime, Accelerometer1RMS,"), m);
        assertTrue(m.contains("other/11.csv has [datetime, Accelerometer1RMS,"), m);
        assertTrue(m.contains("(as 5 of the 6 files do)"), m);
        assertTrue(m.contains("data.exclude in a training job, --files / --exclude on the command line"), m);
        assertTrue(m.contains("e.g. exclude 'anomaly-free/*'"), m);
    }

    @Test
    void excluding_the_odd_folder_reads_every_run_as_an_asset_named_by_its_relative_path() throws IOException {
        Dataset d = Datasets.open(dir, null, FilePick.of(null, List.of("anomaly-free/*")));
        assertEquals(List.of("Accelerometer1RMS", "Accelerometer2RMS", "Current", "Pressure", "Temperature", "Thermocouple",
                "Voltage", "Volume Flow RateRMS", "anomaly", "changepoint"), d.telemetry().channels());
        assertEquals(RUNS, assets(d));
        assertEquals(RUNS, ((CsvFolderSource) d.telemetry()).assets());
        List<Recorded> rows = Recorded.all(d.telemetry());
        assertEquals(2 * RUNS.size(), rows.size());
        assertEquals(32.0, rows.get(1).values()[7], "the channel whose name has spaces is read");
        assertEquals(1.0, rows.get(1).values()[8]);
    }

    @Test
    void naming_the_runs_or_their_folders_picks_the_same_files() throws IOException {
        List<String> byFiles = assets(Datasets.open(dir, null,
                FilePick.of(List.of("valve1/*.csv", "valve2/*.csv", "other/*.csv"), null)));
        assertEquals(RUNS, byFiles);
        assertEquals(RUNS, assets(Datasets.open(dir, null, FilePick.of(null, List.of("anomaly-free")))));
        assertEquals(List.of("valve1/0", "valve1/1"), assets(Datasets.open(dir, null, FilePick.of(List.of("valve1"), null))));
        assertEquals(List.of("valve1/1", "valve2/0"), assets(Datasets.open(dir, null,
                FilePick.of(List.of("valve*/*.csv"), List.of("valve1/0.csv")))));
    }

    @Test
    void a_pattern_that_matches_no_file_is_refused_naming_the_pattern_and_the_folder() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Datasets.open(dir, null,
                FilePick.of(List.of("valve1/*.csv", "valve3/*.csv"), null)));
        assertTrue(e.getMessage().startsWith("'files' pattern 'valve3/*.csv' matches no CSV file of " + dir.toAbsolutePath()),
                e.getMessage());
        InvalidSpecException ex = assertThrows(InvalidSpecException.class, () -> Datasets.open(dir, null,
                FilePick.of(null, List.of("anomaly_free/*"))));
        assertTrue(ex.getMessage().startsWith("'exclude' pattern 'anomaly_free/*' matches no CSV file of "), ex.getMessage());
    }

    @Test
    void a_pick_that_leaves_nothing_or_is_no_glob_is_refused() {
        InvalidSpecException none = assertThrows(InvalidSpecException.class, () -> Datasets.open(dir, null,
                FilePick.of(List.of("valve1/*.csv"), List.of("valve1"))));
        assertTrue(none.getMessage().contains("is left to read: files [valve1/*.csv], exclude [valve1] leaves out all 6"),
                none.getMessage());
        InvalidSpecException glob = assertThrows(InvalidSpecException.class, () -> Datasets.open(dir, null,
                FilePick.of(List.of("valve[1"), null)));
        assertTrue(glob.getMessage().startsWith("'files' pattern 'valve[1' is not a glob"), glob.getMessage());
        assertThrows(InvalidSpecException.class, () -> FilePick.of(List.of(" "), null));
    }

    @Test
    void a_pick_is_refused_where_there_is_no_folder_of_runs_to_pick_from() throws IOException {
        FilePick pick = FilePick.of(null, List.of("anomaly-free"));
        InvalidSpecException file = assertThrows(InvalidSpecException.class,
                () -> Datasets.open(dir.resolve("valve1/0.csv"), null, pick));
        assertTrue(file.getMessage().endsWith("0.csv is a file"), file.getMessage());
        Recorded.write(dir.resolve("dataset.json"), "{}");
        InvalidSpecException descriptor = assertThrows(InvalidSpecException.class, () -> Datasets.open(dir, null, pick));
        assertTrue(descriptor.getMessage().contains("holds a dataset.json descriptor"), descriptor.getMessage());
    }

    @Test
    void a_bad_cell_of_a_picked_run_still_names_its_file_line_and_column() throws IOException {
        Recorded.write(dir.resolve("valve2/0.csv"), RUN_HEADER
                + "2020-03-09 11:00:00;0.0265;0.0402;1.33;0.054;90.1;26.9;227.2;32.0;0.0;0.0\n"
                + "2020-03-09 11:00:01;0.0264;0.0401;0.91;0.382;90.2;26.8;229.3;fast;0.0;0.0\n");
        Dataset d = Datasets.open(dir, null, FilePick.of(null, List.of("anomaly-free")));
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> Recorded.all(d.telemetry()));
        assertTrue(e.getMessage().startsWith("valve2/0.csv:3:9: "), e.getMessage());
        assertTrue(e.getMessage().contains("fast"), e.getMessage());
    }

    private static List<String> assets(Dataset d) throws IOException {
        return List.copyOf(new LinkedHashSet<>(Recorded.all(d.telemetry()).stream().map(Recorded::asset).toList()));
    }
}
