package org.prognos.features.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.Dataset;

/** Which reader {@link Datasets#open} picks for a path, on the bundled data where there is some. */
class DatasetsTest {
    private static final Path IMS = Recorded.bundled("ims-bearing");
    private static final String ARCHIVE = "bearing1_test2_every4th.tar.xz";

    @TempDir
    Path dir;

    @Test
    void a_bundled_nab_csv_opens_as_one_asset_named_after_its_file() throws IOException {
        Path file = Recorded.bundled("nab", "data", "realKnownCause", "machine_temperature_system_failure.csv");
        Dataset ds = Datasets.open(file, null);
        assertEquals(List.of("value"), ds.telemetry().channels());
        List<Recorded> rows = Recorded.all(ds.telemetry());
        assertEquals(22_695 - 12, rows.size(), "the 12 rows of a repeated hour (02:00-02:55 on 2014-01-07) are dropped");
        assertTrue(rows.stream().allMatch(r -> r.asset().equals("machine_temperature_system_failure")));
        assertEquals(73.96732207, rows.get(0).values()[0]);
        assertEquals(ds.telemetry().axis().parse("2013-12-02 21:15:00"), rows.get(0).time());
        assertTrue(ds.events().all().isEmpty());
    }

    @Test
    void a_semicolon_separated_single_asset_csv_reads_like_a_comma_separated_one() throws IOException {
        String rows = "2020-03-09 10:14:33;0.0265;233.0\n2020-03-09 10:14:34;0.0264;232.5\n";
        Path semicolons = Recorded.write(dir.resolve("valve.csv"),
                "# exported by a historian\n\ndatetime;Accelerometer1RMS;Temperature\n" + rows);
        Path commas = Recorded.write(dir.resolve("valve-commas.csv"),
                "datetime,Accelerometer1RMS,Temperature\n" + rows.replace(';', ','));
        Dataset a = Datasets.open(semicolons, null);
        Dataset b = Datasets.open(commas, null);
        assertEquals(List.of("Accelerometer1RMS", "Temperature"), a.telemetry().channels());
        assertEquals(b.telemetry().channels(), a.telemetry().channels());
        List<Recorded> ra = Recorded.all(a.telemetry());
        List<Recorded> rb = Recorded.all(b.telemetry());
        assertEquals(2, ra.size());
        for (int i = 0; i < ra.size(); i++) {
            assertEquals(rb.get(i).time(), ra.get(i).time());
            assertEquals(rb.get(i).values()[0], ra.get(i).values()[0]);
            assertEquals(rb.get(i).values()[1], ra.get(i).values()[1]);
        }
        assertEquals(233.0, ra.get(0).values()[1]);
    }

    @Test
    void the_header_decides_the_separator_counting_only_outside_quotes() {
        assertEquals(',', FieldSeparator.inHeader("time,value"));
        assertEquals(';', FieldSeparator.inHeader("time;value;other"));
        assertEquals('\t', FieldSeparator.inHeader("time\tvalue"));
        assertEquals(',', FieldSeparator.inHeader("\"a;b;c\",value"), "semicolons inside quotes do not count");
        assertEquals(',', FieldSeparator.inHeader("value"), "one column reads as comma-separated");
        assertEquals(',', FieldSeparator.inHeader("a;b,c"), "a tie keeps the comma");
    }

    @Test
    void a_single_asset_csv_without_a_channel_fails_naming_the_file() throws IOException {
        Path file = Recorded.write(dir.resolve("lonely.csv"), "timestamp\n2020-01-01 00:00:00\n");
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> Datasets.open(file, null));
        assertTrue(e.getMessage().contains("lonely.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("a time column and at least one channel column"), e.getMessage());
    }

    @Test
    void the_bundled_ims_directory_opens_as_its_archive_without_events() throws IOException {
        Dataset ds = Datasets.open(IMS, null);
        ImsBearingSource s = assertInstanceOf(ImsBearingSource.class, ds.telemetry());
        assertEquals(246, s.snapshotStarts().size());
        assertEquals(List.of("acc"), s.channels());
        assertTrue(ds.events().all().isEmpty());
    }

    @Test
    void the_bundled_ims_archive_opens_when_named_directly_or_as_the_subset() throws IOException {
        Dataset direct = Datasets.open(IMS.resolve(ARCHIVE), null);
        Dataset named = Datasets.open(IMS, ARCHIVE);
        assertEquals(246, ((ImsBearingSource) direct.telemetry()).snapshotStarts().size());
        assertEquals(246, ((ImsBearingSource) named.telemetry()).snapshotStarts().size());
    }

    @Test
    void a_directory_of_snapshot_files_opens_as_ims() throws IOException {
        Recorded.write(dir.resolve("2004.02.12.10.32.39"), "0.1\n0.2\n");
        Dataset ds = Datasets.open(dir, null);
        assertEquals(2, Recorded.all(ds.telemetry()).size());
    }

    @Test
    void several_archives_ask_for_one_by_name() throws IOException {
        Files.copy(IMS.resolve(ARCHIVE), dir.resolve("a.tar.xz"));
        Files.copy(IMS.resolve(ARCHIVE), dir.resolve("b.tar.xz"));
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Datasets.open(dir, null));
        assertEquals(dir + " holds several IMS archives [a.tar.xz, b.tar.xz]: name one as the subset, "
                + "or pass the archive itself as the data path", e.getMessage());
        InvalidSpecException missing = assertThrows(InvalidSpecException.class, () -> Datasets.open(dir, "c.tar.xz"));
        assertEquals(dir + " holds no IMS archive 'c.tar.xz'; it holds [a.tar.xz, b.tar.xz]", missing.getMessage());
    }

    @Test
    void an_unknown_directory_says_what_was_expected() throws IOException {
        Recorded.write(dir.resolve("notes.txt"), "hello\n");
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Datasets.open(dir, null));
        assertTrue(e.getMessage().startsWith("cannot tell what data " + dir + " holds"), e.getMessage());
        assertTrue(e.getMessage().contains("IMS bearing snapshots"), e.getMessage());
    }
}
