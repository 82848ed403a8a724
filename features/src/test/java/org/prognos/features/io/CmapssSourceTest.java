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

class CmapssSourceTest {
    private static final String LINE1 = "1 1 -0.0007 -0.0004 100.0 518.67 641.82 1589.70 1400.60 14.62 21.61 554.36 "
            + "2388.06 9046.19 1.30 47.47 521.66 2388.02 8138.62 8.4195 0.03 392 2388 100.00 39.06 23.4190  ";
    private static final String LINE2 = "1 2 0.0019 -0.0003 100.0 518.67 642.15 1591.82 1403.14 14.62 21.61 553.75 "
            + "2388.04 9044.07 1.30 47.49 522.28 2388.07 8131.49 8.4318 0.03 392 2388 100.00 39.00 23.4236  ";
    private static final String LINE3 = LINE1.replaceFirst("^1 1 ", "2 1 ");

    @TempDir
    Path dir;

    @Test
    void reads_units_cycles_and_the_24_channels() throws IOException {
        CmapssSource s = CmapssSource.of(Recorded.write(dir.resolve("train_FD001.txt"), LINE1 + "\n" + LINE2 + "\n" + LINE3 + "\n"));
        assertEquals(24, s.channels().size());
        assertEquals("op_setting_1", s.channels().get(0));
        assertEquals("sensor_21", s.channels().get(23));
        assertEquals(new TimeAxis.Cycles(), s.axis());
        List<Recorded> got = Recorded.all(s);
        assertEquals(List.of("1", "1", "2"), got.stream().map(Recorded::asset).toList());
        assertEquals(List.of(1L, 2L, 1L), got.stream().map(Recorded::time).toList());
        double[] first = got.get(0).values();
        assertEquals(-0.0007, first[0]);
        assertEquals(518.67, first[3]);
        assertEquals(23.4190, first[23]);
    }

    @Test
    void asset_prefix_is_put_before_the_unit() throws IOException {
        CmapssSource s = new CmapssSource(Recorded.write(dir.resolve("t.txt"), LINE1 + "\n"), "fd001-", ReadPolicy.defaults());
        assertEquals("fd001-1", Recorded.all(s).get(0).asset());
    }

    @Test
    void reads_gzip_and_skips_comments_and_blank_lines() throws IOException {
        Path f = Recorded.gzip(dir.resolve("t.txt.gz"), "# synthetic\n\n" + LINE1 + "\n" + LINE2 + "\n");
        assertEquals(2, Recorded.all(CmapssSource.of(f)).size());
    }

    @Test
    void missing_tokens_are_nan() throws IOException {
        Path f = Recorded.write(dir.resolve("t.txt"), LINE1.replace(" 518.67 ", " NaN ") + "\n");
        assertArrayEquals(new double[] {Double.NaN}, new double[] {Recorded.all(CmapssSource.of(f)).get(0).values()[3]});
    }

    @Test
    void short_line_names_file_line_and_column() {
        Path f = dir.resolve("t.txt");
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> Recorded.all(
                CmapssSource.of(Recorded.write(f, LINE1 + "\n1 2 0.1 0.2\n"))));
        assertEquals("t.txt:2:5: expected 26 space-separated numbers (unit, cycle, op_setting_1..3, sensor_1..21),"
                + " found 4", e.getMessage());
    }

    @Test
    void bad_sensor_value_names_its_column() {
        Path f = dir.resolve("t.txt");
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> Recorded.all(
                CmapssSource.of(Recorded.write(f, LINE1.replace(" 641.82 ", " 641,82 ") + "\n"))));
        assertEquals("t.txt:1:7: expected a number for channel 'sensor_2', found '641,82'", e.getMessage());
    }

    @Test
    void bad_unit_names_column_one() {
        Path f = dir.resolve("t.txt");
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> Recorded.all(
                CmapssSource.of(Recorded.write(f, LINE1.replaceFirst("^1 ", "u1 ") + "\n"))));
        assertEquals("t.txt:1:1: expected a whole unit number, found 'u1'", e.getMessage());
    }

    @Test
    void reads_rul_values_in_unit_order() throws IOException {
        Path f = Recorded.write(dir.resolve("RUL_FD001.txt"), "112 \n98 \n\n69 \n");
        assertEquals(List.of(112, 98, 69), Cmapss.readRul(f));
    }

    @Test
    void bad_rul_value_names_file_and_line() {
        Path f = dir.resolve("RUL_FD001.txt");
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class,
                () -> Cmapss.readRul(Recorded.write(f, "112\n-3\n")));
        assertEquals("RUL_FD001.txt:2:1: expected a remaining useful life in whole cycles (0 or more), found '-3'",
                e.getMessage());
    }
}
