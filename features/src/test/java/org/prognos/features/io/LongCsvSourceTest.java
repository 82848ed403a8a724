package org.prognos.features.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.TimeAxis;

class LongCsvSourceTest {
    private static final TimeAxis CYCLES = new TimeAxis.Cycles();
    private static final LongCsvSource.Columns DISCOVER = LongCsvSource.Columns.discover("asset", "time", "channel", "value");
    private static final double NAN = Double.NaN;

    @TempDir
    Path dir;

    private LongCsvSource open(String text, LongCsvSource.Columns columns, ReadPolicy policy) throws IOException {
        return LongCsvSource.open(Recorded.write(dir.resolve("long.csv"), text), CYCLES, columns, policy);
    }

    @Test
    void consecutive_rows_of_one_asset_and_time_form_one_reading() throws IOException {
        LongCsvSource s = open("asset,time,channel,value\nm,1,a,1\nm,1,b,2\nm,2,a,3\nm,2,b,4\nn,1,b,5\n",
                DISCOVER, ReadPolicy.defaults());
        List<Recorded> got = Recorded.all(s);
        assertEquals(3, got.size());
        assertArrayEquals(new double[] {1, 2}, got.get(0).values());
        assertArrayEquals(new double[] {3, 4}, got.get(1).values());
        assertEquals("n", got.get(2).asset());
        assertArrayEquals(new double[] {NAN, 5}, got.get(2).values());
    }

    @Test
    void discovers_channels_in_order_of_first_appearance() throws IOException {
        LongCsvSource s = open("asset,time,channel,value\nm,1,temp,1\nm,1,rpm,2\nm,2,amps,3\n", DISCOVER,
                ReadPolicy.defaults());
        assertEquals(List.of("temp", "rpm", "amps"), s.channels());
    }

    @Test
    void declared_channels_skip_rows_of_other_channels() throws IOException {
        LongCsvSource s = open("asset,time,channel,value\nm,1,temp,1\nm,1,rpm,2\nm,2,rpm,3\nm,3,temp,4\n",
                new LongCsvSource.Columns("asset", "time", "channel", "value", List.of("temp")), ReadPolicy.defaults());
        List<Recorded> got = Recorded.all(s);
        assertEquals(List.of(1L, 3L), got.stream().map(Recorded::time).toList());
    }

    @Test
    void reads_gzip_with_comments_and_quoted_headers() throws IOException {
        Path f = Recorded.gzip(dir.resolve("long.csv.gz"),
                "# synthetic\n\"asset\",\"time\",\"channel\",\"value\"\n\"m\",1,\"a\",1.25\n");
        List<Recorded> got = Recorded.all(LongCsvSource.open(f, CYCLES, DISCOVER, ReadPolicy.defaults()));
        assertArrayEquals(new double[] {1.25}, got.get(0).values());
    }

    @Test
    void channel_without_a_row_fails_under_fail_policy() {
        ReadPolicy fail = ReadPolicy.defaults().withMissingValues(ReadPolicy.MissingValues.FAIL);
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> Recorded.all(open(
                "asset,time,channel,value\nm,1,a,1\nm,1,b,2\nm,2,b,3\n", DISCOVER, fail)));
        assertEquals("long.csv:4:3: reading of asset 'm' at 2 has no row for channel 'a'"
                + " (missing values are not allowed by ReadPolicy.MissingValues.FAIL)", e.getMessage());
    }

    @Test
    void repeated_channel_in_a_reading_keeps_the_first_by_default() throws IOException {
        List<Recorded> got = Recorded.all(open("asset,time,channel,value\nm,1,a,1\nm,1,a,2\n", DISCOVER,
                ReadPolicy.defaults()));
        assertArrayEquals(new double[] {1}, got.get(0).values());
    }

    @Test
    void repeated_channel_in_a_reading_keeps_the_last_under_keep_last() throws IOException {
        List<Recorded> got = Recorded.all(open("asset,time,channel,value\nm,1,a,1\nm,1,a,2\n", DISCOVER,
                ReadPolicy.defaults().withDuplicates(ReadPolicy.Duplicates.KEEP_LAST)));
        assertArrayEquals(new double[] {2}, got.get(0).values());
    }

    @Test
    void repeated_channel_in_a_reading_fails_under_fail_policy() {
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> Recorded.all(open(
                "asset,time,channel,value\nm,1,a,1\nm,1,a,2\n", DISCOVER,
                ReadPolicy.defaults().withDuplicates(ReadPolicy.Duplicates.FAIL))));
        assertEquals("long.csv:3:3: channel 'a' of asset 'm' at 1 was already read at line 2"
                + " (ReadPolicy.Duplicates.KEEP_FIRST or KEEP_LAST keeps one)", e.getMessage());
    }

    @Test
    void a_time_repeated_later_is_a_duplicate_reading() throws IOException {
        List<Recorded> got = Recorded.all(open("asset,time,channel,value\nm,1,a,1\nm,2,a,2\nm,2,b,3\nn,1,a,0\nm,2,a,9\n",
                DISCOVER, ReadPolicy.defaults()));
        assertEquals(3, got.size());
        assertArrayEquals(new double[] {2, 3}, got.get(1).values());
    }

    @Test
    void out_of_order_reading_names_its_first_line() {
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> Recorded.all(open(
                "asset,time,channel,value\nm,2,a,1\nm,1,a,2\n", DISCOVER, ReadPolicy.defaults())));
        assertEquals(3, e.line());
        assertEquals(2, e.column());
    }

    @Test
    void bad_value_names_file_line_and_column() {
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> Recorded.all(open(
                "asset,time,channel,value\nm,1,a,1\nm,1,b,x1\n", DISCOVER, ReadPolicy.defaults())));
        assertEquals("long.csv:3:4: expected a number for channel 'b', found 'x1'", e.getMessage());
    }

    @Test
    void unknown_value_column_lists_the_available_columns() {
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> open(
                "asset,time,channel,reading\n", DISCOVER, ReadPolicy.defaults()));
        assertEquals("long.csv:1: no value column 'value' in the header; available columns: asset, time, channel, reading",
                e.getMessage());
    }
}
