package org.prognos.features.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.io.AzurePdm;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;

/**
 * The scans of the bundled Azure fleet (guide spec) written as {@link ScanJson} lines read back bit for bit; a line of
 * another spec, or an asset scanned twice, is refused naming the file and line. The scans keep the events a report
 * shows: each component's last maintenance, and everything since the start of the charts.
 */
class ScanJsonTest {
    private static FeatureExtractor ex;
    private static Dataset azure;
    private static List<AssetScan> scans;

    @TempDir
    Path dir;

    @BeforeAll
    static void scan() throws IOException {
        ex = new FeatureExtractor(SpecJson.read(Path.of("../notebooks-data/specs/azure-guide.json")));
        azure = AzurePdm.load(Path.of("../notebooks-data/azure-pdm"));
        scans = FleetScan.run(ex, azure, OptionalLong.empty(), 2, n -> { });
    }

    @Test
    void written_scans_read_back_bit_for_bit() throws IOException {
        Path file = dir.resolve("scans.json");
        Files.write(file, scans.stream().map(s -> ScanJson.write(s, ex.spec().hash())).toList(), StandardCharsets.UTF_8);

        List<AssetScan> back = ScanJson.read(file, ex.spec().hash());

        assertEquals(70, scans.size());
        assertEquals(scans.size(), back.size());
        for (int i = 0; i < scans.size(); i++) {
            assertSameScan(scans.get(i), back.get(i));
        }
    }

    @Test
    void a_missing_value_survives_the_text_form() throws IOException {
        // synthetic edge case: NaN and infinities in the vectors, no history, no events
        AssetScan s = new AssetScan("x", 5, new double[] {Double.NaN, 1.5, Double.NEGATIVE_INFINITY}, false, 1,
                new long[0], new double[0][], new long[] {4}, new double[][] {{Double.NaN}}, Map.of(), List.of());
        Path file = dir.resolve("one.json");
        Files.writeString(file, ScanJson.write(s, "h") + "\n");

        assertSameScan(s, ScanJson.read(file, "h").get(0));
    }

    @Test
    void stream_scores_survive_the_text_form_and_a_scan_without_them_reads_without() throws IOException {
        // synthetic edge case: a stream scorer's numbers, NaN where no row was scored at a history time
        AssetScan plain = new AssetScan("x", 5, new double[] {1.5}, true, 3, new long[] {2, 4}, new double[][] {{1}, {2}},
                new long[0], new double[0][], Map.of(), List.of());
        AssetScan carried = plain.withStream(new StreamScores("m:3", new double[] {Double.NaN, 0.25, 0.999, 3},
                new double[] {Double.NaN, 0.999}));
        Path file = dir.resolve("stream.json");
        Files.writeString(file, ScanJson.write(carried, "h") + "\n");
        AssetScan back = ScanJson.read(file, "h").get(0);
        assertSameScan(carried, back);
        StreamScores st = back.stream().orElseThrow();
        assertEquals("m:3", st.scorer());
        assertArrayEquals(new double[] {Double.NaN, 0.25, 0.999, 3}, st.last(), 0.0);
        assertArrayEquals(new double[] {Double.NaN, 0.999}, st.history(), 0.0);
        Files.writeString(file, ScanJson.write(plain, "h") + "\n");
        assertTrue(ScanJson.read(file, "h").get(0).stream().isEmpty(), "no stream object, no stream scores");
        assertThrows(IllegalArgumentException.class, () -> plain.withStream(new StreamScores("m:3", new double[0],
                new double[1])), "one score per history time");
    }

    @Test
    void scans_of_another_spec_are_refused_with_file_and_line() throws IOException {
        Path file = dir.resolve("part-00000");
        Files.write(file, List.of(ScanJson.write(scans.get(0), ex.spec().hash()), ScanJson.write(scans.get(1), "other")),
                StandardCharsets.UTF_8);

        var e = assertThrows(InvalidTelemetryException.class, () -> ScanJson.read(dir, ex.spec().hash()));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("part-00000") && e.getMessage().contains("feature spec other"), e.getMessage());
    }

    @Test
    void an_asset_scanned_twice_is_refused() throws IOException {
        String line = ScanJson.write(scans.get(0), ex.spec().hash());
        Files.write(dir.resolve("a"), List.of(line), StandardCharsets.UTF_8);
        Files.write(dir.resolve("b"), List.of(line), StandardCharsets.UTF_8);

        var e = assertThrows(InvalidTelemetryException.class, () -> ScanJson.read(dir, ex.spec().hash()));
        assertTrue(e.getMessage().contains("already scanned"), e.getMessage());
    }

    @Test
    void scans_keep_the_last_maintenance_of_every_component_and_the_recent_events() {
        for (AssetScan s : scans) {
            long from = Math.min(s.historyTimes()[0], s.trendTimes()[0]);
            for (Event e : azure.events().of(s.asset())) {
                boolean recent = e.time() >= from && e.time() < s.time();
                boolean lastMaintenance = e.kind() == EventKind.MAINTENANCE && e.time() < s.time()
                        && azure.events().of(s.asset(), EventKind.MAINTENANCE).stream()
                        .noneMatch(o -> o.code().equals(e.code()) && o.time() > e.time() && o.time() < s.time());
                assertEquals(recent || lastMaintenance, s.events().contains(e), s.asset() + ": " + e);
            }
        }
    }

    private static void assertSameScan(AssetScan want, AssetScan got) {
        assertEquals(want.asset(), got.asset());
        assertEquals(want.time(), got.time(), want.asset());
        assertEquals(want.covered(), got.covered(), want.asset());
        assertEquals(want.readings(), got.readings(), want.asset());
        assertArrayEquals(want.vector(), got.vector(), 0.0, want.asset());
        assertArrayEquals(want.historyTimes(), got.historyTimes(), want.asset());
        assertArrayEquals(want.historyVectors(), got.historyVectors(), want.asset());
        assertArrayEquals(want.trendTimes(), got.trendTimes(), want.asset());
        assertArrayEquals(want.trendValues(), got.trendValues(), want.asset());
        assertEquals(want.attributes(), got.attributes(), want.asset());
        assertEquals(want.events(), got.events(), want.asset());
    }
}
