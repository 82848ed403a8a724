package org.prognos.features.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TelemetrySource;

class CmapssTest {
    private static final Path DIR = Recorded.bundled("cmapss");
    private static Cmapss fd001;

    @BeforeAll
    static void load() throws IOException {
        fd001 = Cmapss.load(DIR, "FD001");
    }

    private static Map<String, long[]> rowsAndLastCycle(TelemetrySource s) throws IOException {
        Map<String, long[]> m = new HashMap<>();
        s.forEach((asset, time, values) -> {
            long[] c = m.computeIfAbsent(asset, k -> new long[2]);
            c[0]++;
            c[1] = time;
        });
        return m;
    }

    @Test
    void fd001_train_has_100_units_and_20631_rows() throws IOException {
        Map<String, long[]> units = rowsAndLastCycle(fd001.train().telemetry());
        assertEquals(100, units.size());
        assertEquals(20_631, units.values().stream().mapToLong(c -> c[0]).sum());
    }

    @Test
    void fd001_test_has_100_units_and_13096_rows_and_100_rul_values() throws IOException {
        Map<String, long[]> units = rowsAndLastCycle(fd001.test().telemetry());
        assertEquals(100, units.size());
        assertEquals(13_096, units.values().stream().mapToLong(c -> c[0]).sum());
        assertEquals(100, fd001.testRul().size());
        assertEquals(List.of(112, 98, 69), fd001.testRul().subList(0, 3));
    }

    @Test
    void train_units_fail_at_their_last_cycle() throws IOException {
        Map<String, long[]> units = rowsAndLastCycle(fd001.train().telemetry());
        assertEquals(100, fd001.train().events().size());
        units.forEach((unit, c) -> assertEquals(List.of(new Event(unit, c[1], EventKind.FAILURE, "engine")),
                fd001.train().events().of(unit)));
        assertEquals(192, units.get("1")[1]);
    }

    @Test
    void test_units_fail_at_last_cycle_plus_true_rul() throws IOException {
        Map<String, long[]> units = rowsAndLastCycle(fd001.test().telemetry());
        assertEquals(31, units.get("1")[1]);
        assertEquals(List.of(new Event("1", 31 + 112, EventKind.FAILURE, Cmapss.FAILURE_CODE)), fd001.test().events().of("1"));
        for (int unit = 1; unit <= 100; unit++) {
            String id = Integer.toString(unit);
            assertEquals(units.get(id)[1] + fd001.testRul().get(unit - 1), fd001.test().events().of(id).get(0).time());
        }
    }

    @Test
    void fd003_train_has_100_units_and_24720_rows() throws IOException {
        Cmapss fd003 = Cmapss.load(DIR, "fd003");
        assertEquals("FD003", fd003.subset());
        Map<String, long[]> units = rowsAndLastCycle(fd003.train().telemetry());
        assertEquals(100, units.size());
        assertEquals(24_720, units.values().stream().mapToLong(c -> c[0]).sum());
    }

    @Test
    void rejects_a_subset_that_is_not_fdnnn() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Cmapss.load(DIR, "FD1"));
        assertEquals("expected a C-MAPSS subset such as FD001, found 'FD1'", e.getMessage());
    }

    @Test
    void rul_count_must_match_the_test_units(@TempDir Path dir) throws IOException {
        String line = "1 1" + " 0".repeat(24) + "  \n";
        Recorded.write(dir.resolve("train_FD009.txt"), line);
        Recorded.write(dir.resolve("test_FD009.txt"), line);
        Recorded.write(dir.resolve("RUL_FD009.txt"), "10\n20\n");
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> Cmapss.load(dir, "FD009"));
        assertEquals("RUL_FD009.txt: expected 1 RUL values, one per unit of test_FD009.txt, found 2", e.getMessage());
    }
}
