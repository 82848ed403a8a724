package org.prognos.features.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.TimeAxis;

class ImsBearingSourceTest {
    private static final TimeAxis UTC = TimeAxis.Timestamps.utc();
    private static final long T0 = UTC.parse("2004-02-12 10:32:39");
    private static final long T1 = UTC.parse("2004-02-12 10:42:39");

    @TempDir
    Path dir;

    /** Writes the snapshots into a tar (xz- or gzip-compressed by the name), in the order given. */
    private Path tar(String name, String... nameThenContent) throws IOException {
        Path file = dir.resolve(name);
        OutputStream raw = Files.newOutputStream(file);
        OutputStream compressed = name.endsWith(".xz") ? new XZCompressorOutputStream(raw) : new GZIPOutputStream(raw);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
            TarArchiveEntry folder = new TarArchiveEntry("ims1/");
            tar.putArchiveEntry(folder);
            tar.closeArchiveEntry();
            for (int i = 0; i < nameThenContent.length; i += 2) {
                byte[] bytes = nameThenContent[i + 1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry("ims1/" + nameThenContent[i]);
                e.setSize(bytes.length);
                tar.putArchiveEntry(e);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    @Test
    void reads_a_directory_in_time_order_one_reading_per_sample() throws IOException {
        Path snapshots = Files.createDirectory(dir.resolve("ims1"));
        Recorded.write(snapshots.resolve("2004.02.12.10.42.39"), "0.5\n0.6\n");
        Recorded.write(snapshots.resolve("2004.02.12.10.32.39"), "-0.049\n-0.042\n0.015\n");
        Recorded.write(snapshots.resolve(".DS_Store"), "junk");
        ImsBearingSource s = ImsBearingSource.open(snapshots);
        assertEquals(List.of("acc"), s.channels());
        assertEquals(List.of(T0, T1), s.snapshotStarts());
        List<Recorded> got = Recorded.all(s);
        assertEquals(List.of(T0, T0 + 50, T0 + 100, T1, T1 + 50), got.stream().map(Recorded::time).toList());
        assertEquals("bearing1", got.get(0).asset());
        assertArrayEquals(new double[] {-0.042}, got.get(1).values());
    }

    @Test
    void sample_period_follows_the_configured_rate_and_asset() throws IOException {
        Path f = tar("b.tar.gz", "2004.02.12.10.32.39", "1\n2\n3\n");
        List<Recorded> got = Recorded.all(ImsBearingSource.open(f, "b3", 10, ReadPolicy.defaults()));
        assertEquals(List.of(T0, T0 + 100_000, T0 + 200_000), got.stream().map(Recorded::time).toList());
        assertEquals("b3", got.get(2).asset());
    }

    @Test
    void reads_a_tar_xz_in_time_order_even_when_its_entries_are_not() throws IOException {
        Path f = tar("b.tar.xz", "2004.02.12.10.42.39", "3\n4\n", "2004.02.12.10.32.39", "1\n2\n");
        ImsBearingSource s = ImsBearingSource.open(f);
        List<Recorded> got = Recorded.all(s);
        assertEquals(List.of(T0, T0 + 50, T1, T1 + 50), got.stream().map(Recorded::time).toList());
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), got.stream().map(r -> r.values()[0]).toList());
        assertEquals(4, Recorded.all(s).size());
    }

    @Test
    void snapshot_with_a_bad_name_is_an_error() throws IOException {
        Path f = tar("b.tar.xz", "2004.02.12.10.32.39", "1\n", "notes.txt", "hello\n");
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> ImsBearingSource.open(f));
        assertEquals("b.tar.xz: 'ims1/notes.txt' is not a snapshot file: expected a name like 2004.02.12.10.32.39"
                + " (yyyy.MM.dd.HH.mm.ss, UTC)", e.getMessage());
    }

    @Test
    void bad_sample_names_archive_entry_line_and_column() throws IOException {
        Path f = tar("b.tar.xz", "2004.02.12.10.32.39", "1\n2\n0.1\t0.2\n");
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class,
                () -> Recorded.all(ImsBearingSource.open(f)));
        assertEquals("b.tar.xz!/ims1/2004.02.12.10.32.39:3:1: expected a number for channel 'acc', found '0.1\t0.2'",
                e.getMessage());
    }

    @Test
    void overlapping_snapshots_fail_as_out_of_order() throws IOException {
        Path f = tar("b.tar.xz", "2004.02.12.10.32.39", "1\n2\n3\n4\n", "2004.02.12.10.32.40", "5\n");
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class,
                () -> Recorded.all(ImsBearingSource.open(f, "b", 2, ReadPolicy.defaults())));
        assertTrue(e.getMessage().startsWith("b.tar.xz!/ims1/2004.02.12.10.32.40:1: time"), e.getMessage());
    }

    @Test
    void rejects_a_rate_that_is_not_positive() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> ImsBearingSource.open(dir, "b", 0, ReadPolicy.defaults()));
        assertEquals("sample rate must be a positive number of Hz, found 0.0", e.getMessage());
    }

    @Test
    void bundled_archive_holds_246_snapshots_of_20480_samples() throws IOException {
        ImsBearingSource s = ImsBearingSource.open(Recorded.bundled("ims-bearing", "bearing1_test2_every4th.tar.xz"));
        assertEquals(246, s.snapshotStarts().size());
        assertEquals(T0, s.snapshotStarts().get(0));
        assertEquals(UTC.parse("2004-02-19 05:52:39"), s.snapshotStarts().get(245));
        long[] countAndLast = new long[2];
        double[] extremes = {Double.MAX_VALUE, -Double.MAX_VALUE};
        s.forEach((asset, time, values) -> {
            countAndLast[0]++;
            countAndLast[1] = time;
            extremes[0] = Math.min(extremes[0], values[0]);
            extremes[1] = Math.max(extremes[1], values[0]);
        });
        assertEquals(246L * 20_480, countAndLast[0]);
        assertEquals(UTC.parse("2004-02-19 05:52:39") + 20_479L * 50, countAndLast[1]);
        assertArrayEquals(new double[] {-4.25, 4.097}, extremes);
    }

    /** A copy of the bundled archive cut at half its length, or with 64 bytes in its middle overwritten. */
    private Path damagedCopy(boolean truncate) throws IOException {
        byte[] bytes = Files.readAllBytes(Recorded.bundled("ims-bearing", "bearing1_test2_every4th.tar.xz"));
        if (truncate) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        } else {
            java.util.Arrays.fill(bytes, bytes.length / 2, bytes.length / 2 + 64, (byte) 0x5A);
        }
        return Files.write(dir.resolve("bearing1_test2_every4th.tar.xz"), bytes);
    }

    @Test
    void truncated_archive_names_the_file_and_the_entry() throws IOException {
        Path f = damagedCopy(true);
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> ImsBearingSource.open(f));
        assertTrue(e.getMessage().matches("bearing1_test2_every4th\\.tar\\.xz!/ims1/2004\\.02\\.\\d\\d\\.\\d\\d\\.\\d\\d\\.39: "
                + "the archive is truncated or corrupt \\(.+\\); re-copy or re-download it"), e.getMessage());
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void corrupt_archive_names_the_file_and_the_entry() throws IOException {
        Path f = damagedCopy(false);
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> ImsBearingSource.open(f));
        assertTrue(e.getMessage().startsWith("bearing1_test2_every4th.tar.xz!/ims1/2004.02."), e.getMessage());
        assertTrue(e.getMessage().contains("the archive is truncated or corrupt"), e.getMessage());
    }

    @Test
    void archive_damaged_after_listing_fails_while_reading_with_the_entry() throws IOException {
        Path f = tar("b.tar.xz", "2004.02.12.10.32.39", "1\n2\n", "2004.02.12.10.42.39", "3\n4\n");
        ImsBearingSource s = ImsBearingSource.open(f);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 40));
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> Recorded.all(s));
        // a small archive is one xz block: its first bytes cannot be decoded without the block's end
        assertEquals("b.tar.xz (before its first entry): the archive is truncated or corrupt (EOFException); "
                + "re-copy or re-download it", e.getMessage());
    }
}
