package org.prognos.features.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.TimeAxis;

class WideCsvSourceTest {
    private static final TimeAxis CYCLES = new TimeAxis.Cycles();
    private static final TimeAxis UTC = TimeAxis.Timestamps.utc();
    private static final WideCsvSource.Columns ALL = WideCsvSource.Columns.allChannels("asset", "time");
    private static final double NAN = Double.NaN;

    @TempDir
    Path dir;

    private WideCsvSource open(String file, String text, ReadPolicy policy) throws IOException {
        return WideCsvSource.open(Recorded.write(dir.resolve(file), text), CYCLES, ALL, policy);
    }

    private List<Recorded> read(String text, ReadPolicy policy) throws IOException {
        return Recorded.all(open("t.csv", text, policy));
    }

    @Test
    void round_trips_every_value_exactly() throws IOException {
        Random random = new Random(7);
        double[][] rows = new double[50][3];
        StringBuilder csv = new StringBuilder("asset,time,a,b,c\n");
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < 3; c++) {
                rows[i][c] = random.nextGaussian() * Math.pow(10, c * 3);
            }
            csv.append(i % 2 == 0 ? "m1" : "m2").append(',').append(i / 2).append(',')
                    .append(rows[i][0]).append(',').append(rows[i][1]).append(',').append(rows[i][2]).append('\n');
        }
        List<Recorded> got = read(csv.toString(), ReadPolicy.defaults());
        assertEquals(rows.length, got.size());
        for (int i = 0; i < rows.length; i++) {
            assertEquals(i % 2 == 0 ? "m1" : "m2", got.get(i).asset());
            assertEquals(i / 2, got.get(i).time());
            assertArrayEquals(rows[i], got.get(i).values());
        }
    }

    @Test
    void every_other_column_is_a_channel_when_none_are_declared() throws IOException {
        WideCsvSource s = open("t.csv", "x,time,y,asset,z\n1,1,2,m,3\n", ReadPolicy.defaults());
        assertEquals(List.of("x", "y", "z"), s.channels());
        assertArrayEquals(new double[] {1, 2, 3}, Recorded.all(s).get(0).values());
    }

    @Test
    void declared_channels_come_in_declared_order() throws IOException {
        Path f = Recorded.write(dir.resolve("t.csv"), "asset,time,x,y,z\nm,1,1,2,3\n");
        WideCsvSource s = WideCsvSource.open(f, CYCLES, new WideCsvSource.Columns("asset", "time", List.of("z", "x")),
                ReadPolicy.defaults());
        assertEquals(List.of("z", "x"), s.channels());
        assertArrayEquals(new double[] {3, 1}, Recorded.all(s).get(0).values());
    }

    @Test
    void reads_gzip_transparently() throws IOException {
        Path f = Recorded.gzip(dir.resolve("t.csv.gz"), "asset,time,v\nm,1,1.5\nm,2,2.5\n");
        List<Recorded> got = Recorded.all(WideCsvSource.open(f, CYCLES, ALL, ReadPolicy.defaults()));
        assertEquals(2, got.size());
        assertArrayEquals(new double[] {2.5}, got.get(1).values());
    }

    @Test
    void a_dot_gz_file_that_is_not_gzip_is_named_in_the_error() throws IOException {
        Path f = Recorded.write(dir.resolve("t.csv.gz"), "asset,time,v\n");
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class,
                () -> WideCsvSource.open(f, CYCLES, ALL, ReadPolicy.defaults()));
        assertTrue(e.getMessage().startsWith("t.csv.gz: expected gzip data"), e.getMessage());
    }

    @Test
    void skips_comment_lines_and_the_byte_order_mark() throws IOException {
        List<Recorded> got = read("\uFEFF# synthetic fleet, seed 1\nasset,time,v\n# a comment\nm,1,1\n\nm,2,2\n",
                ReadPolicy.defaults());
        assertEquals(List.of(1L, 2L), got.stream().map(Recorded::time).toList());
    }

    @Test
    void byte_order_mark_does_not_stick_to_the_first_column_name() throws IOException {
        WideCsvSource s = open("t.csv", "\uFEFFasset,time,v\nm,1,1\n", ReadPolicy.defaults());
        assertEquals(List.of("v"), s.channels());
    }

    @Test
    void reads_quoted_headers_and_timestamps() throws IOException {
        Path f = Recorded.write(dir.resolve("t.csv"),
                "\"datetime\",\"machineID\",\"volt\"\n2015-10-01 06:00:00,\"1\",170.5\n2015-10-01T07:00:00Z,1,171\n");
        WideCsvSource s = WideCsvSource.open(f, UTC, WideCsvSource.Columns.allChannels("machineID", "datetime"),
                ReadPolicy.defaults());
        List<Recorded> got = Recorded.all(s);
        assertEquals(UTC.parse("2015-10-01 06:00:00"), got.get(0).time());
        assertEquals(UTC.parse("2015-10-01 07:00:00"), got.get(1).time());
        assertEquals("1", got.get(1).asset());
    }

    @Test
    void missing_cells_are_nan_by_default() throws IOException {
        List<Recorded> got = read("asset,time,a,b,c,d,e\nm,1,,NaN,NA,null, 2 \n", ReadPolicy.defaults());
        assertArrayEquals(new double[] {NAN, NAN, NAN, NAN, 2}, got.get(0).values());
    }

    @Test
    void missing_value_fails_under_fail_policy() {
        ReadPolicy fail = ReadPolicy.defaults().withMissingValues(ReadPolicy.MissingValues.FAIL);
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class,
                () -> read("asset,time,a,b\nm,1,1,2\nm,2,3,NA\n", fail));
        assertEquals("t.csv:3:4: expected a value for channel 'b', found 'NA'"
                + " (missing values are not allowed by ReadPolicy.MissingValues.FAIL)", e.getMessage());
        assertEquals(3, e.line());
        assertEquals(4, e.column());
    }

    @Test
    void carry_forward_fills_from_the_same_asset_and_channel() throws IOException {
        ReadPolicy carry = ReadPolicy.defaults().withMissingValues(ReadPolicy.MissingValues.CARRY_FORWARD);
        List<Recorded> got = read("asset,time,a,b\nm,1,,1\nn,1,9,9\nm,2,2,\nm,3,,\n", carry);
        assertArrayEquals(new double[] {NAN, 1}, got.get(0).values());
        assertArrayEquals(new double[] {9, 9}, got.get(1).values());
        assertArrayEquals(new double[] {2, 1}, got.get(2).values());
        assertArrayEquals(new double[] {2, 1}, got.get(3).values());
    }

    @Test
    void duplicate_time_keeps_the_first_reading_by_default() throws IOException {
        List<Recorded> got = read("asset,time,v\nm,1,1\nm,1,2\nm,2,3\n", ReadPolicy.defaults());
        assertEquals(2, got.size());
        assertArrayEquals(new double[] {1}, got.get(0).values());
    }

    @Test
    void duplicate_time_keeps_the_last_reading_under_keep_last() throws IOException {
        ReadPolicy last = ReadPolicy.defaults().withDuplicates(ReadPolicy.Duplicates.KEEP_LAST);
        List<Recorded> got = read("asset,time,v\nm,1,1\nm,1,2\nm,2,3\nm,2,4\nm,2,5\n", last);
        assertEquals(List.of(1L, 2L), got.stream().map(Recorded::time).toList());
        assertArrayEquals(new double[] {2}, got.get(0).values());
        assertArrayEquals(new double[] {5}, got.get(1).values());
    }

    @Test
    void keep_last_with_carry_forward_fills_the_kept_reading() throws IOException {
        ReadPolicy p = new ReadPolicy(ReadPolicy.MissingValues.CARRY_FORWARD, ReadPolicy.Duplicates.KEEP_LAST,
                ReadPolicy.OutOfOrder.FAIL, ReadPolicy.UnknownAssets.IGNORE);
        List<Recorded> got = read("asset,time,v\nm,1,1\nm,2,7\nm,2,\n", p);
        assertArrayEquals(new double[] {1}, got.get(1).values());
    }

    @Test
    void duplicate_time_fails_under_fail_policy() {
        ReadPolicy fail = ReadPolicy.defaults().withDuplicates(ReadPolicy.Duplicates.FAIL);
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class,
                () -> read("asset,time,v\nm,1,1\nm,2,1\nm,2,2\n", fail));
        assertEquals("t.csv:4:2: duplicate time 2 for asset 'm', already read at line 3"
                + " (ReadPolicy.Duplicates.KEEP_FIRST or KEEP_LAST keeps one)", e.getMessage());
    }

    @Test
    void out_of_order_row_fails_by_default() {
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class,
                () -> read("asset,time,v\nm,1,1\nm,3,1\nm,2,2\n", ReadPolicy.defaults()));
        assertEquals("t.csv:4:2: time 2 of asset 'm' is before its previous reading at 3 (line 3);"
                + " rows of an asset must be in time order (ReadPolicy.OutOfOrder.DROP drops late rows)", e.getMessage());
    }

    @Test
    void out_of_order_row_is_dropped_under_drop() throws IOException {
        ReadPolicy drop = ReadPolicy.defaults().withOutOfOrder(ReadPolicy.OutOfOrder.DROP);
        List<Recorded> got = read("asset,time,v\nm,1,1\nm,3,3\nm,2,2\nm,4,4\n", drop);
        assertEquals(List.of(1L, 3L, 4L), got.stream().map(Recorded::time).toList());
    }

    @Test
    void order_is_checked_per_asset() throws IOException {
        List<Recorded> got = read("asset,time,v\nb,5,1\na,1,1\nb,6,1\na,2,1\n", ReadPolicy.strict());
        assertEquals(4, got.size());
    }

    @Test
    void bad_number_names_file_line_and_column() {
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class,
                () -> read("# synthetic\nasset,time,a,b\nm,1,1,2\nm,2,abc,2\n", ReadPolicy.defaults()));
        assertEquals("t.csv:4:3: expected a number for channel 'a', found 'abc'", e.getMessage());
        assertEquals("t.csv", e.source().orElseThrow());
    }

    @Test
    void bad_time_names_file_line_and_column() {
        Path f = dir.resolve("t.csv");
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> Recorded.all(WideCsvSource.open(
                Recorded.write(f, "asset,time,v\nm,2015-10-01 06:00:00,1\nm,yesterday,1\n"), UTC, ALL, ReadPolicy.defaults())));
        assertTrue(e.getMessage().startsWith("t.csv:3:2: expected a timestamp like"), e.getMessage());
        assertTrue(e.getMessage().endsWith("found 'yesterday'"), e.getMessage());
    }

    @Test
    void non_integer_cycle_names_file_line_and_column() {
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class,
                () -> read("asset,time,v\nm,one,1\n", ReadPolicy.defaults()));
        assertEquals("t.csv:2:2: expected a whole cycle number, found 'one'", e.getMessage());
    }

    @Test
    void empty_asset_names_file_line_and_column() {
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class,
                () -> read("time,asset,v\n1,m,1\n2,,1\n", ReadPolicy.defaults()));
        assertEquals("t.csv:3:2: expected an asset id, found an empty cell", e.getMessage());
    }

    @Test
    void short_row_names_the_expected_column_count() {
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class,
                () -> read("asset,time,a,b\nm,1,1,2\nm,2,1\n", ReadPolicy.defaults()));
        assertEquals("t.csv:3:4: expected 4 columns as in the header, found 3", e.getMessage());
    }

    @Test
    void unknown_column_lists_the_available_columns() throws IOException {
        Path f = Recorded.write(dir.resolve("t.csv"), "# synthetic\ndatetime,machineID,volt\n");
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> WideCsvSource.open(f, UTC,
                new WideCsvSource.Columns("machineID", "datetime", List.of("volts")), ReadPolicy.defaults()));
        assertEquals("t.csv:2: no channel column 'volts' in the header; available columns: datetime, machineID, volt",
                e.getMessage());
    }

    @Test
    void empty_file_is_an_error() {
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class,
                () -> open("t.csv", "# only a comment\n", ReadPolicy.defaults()));
        assertEquals("t.csv:1: expected a header line, found an empty file", e.getMessage());
    }

    @Test
    void columns_must_differ() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> new WideCsvSource.Columns("t", "t", List.of()));
        assertEquals("asset and time columns must differ, both are 't'", e.getMessage());
    }

    @Test
    void reads_again_on_every_pass() throws IOException {
        WideCsvSource s = open("t.csv", "asset,time,v\nm,1,1\nm,2,2\n", ReadPolicy.defaults());
        assertEquals(2, Recorded.all(s).size());
        assertEquals(2, Recorded.all(s).size());
    }

    @Test
    void unchanged_asset_reuses_one_string() throws IOException {
        List<Recorded> got = read("asset,time,v\nmachine-7,1,1\nmachine-7,2,2\n", ReadPolicy.defaults());
        assertSame(got.get(0).asset(), got.get(1).asset());
    }
}
