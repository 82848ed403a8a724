package org.prognos.inference.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.scan.AssetScan;
import org.prognos.features.scan.FleetScan;
import org.prognos.features.scan.ScanJson;
import org.prognos.models.TestModels;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;

/**
 * A report from scans taken elsewhere and written as {@link ScanJson} lines (what the Spark job's
 * {@code --report-input} writes, from the same {@link FleetScan}) ranks, scores and explains the bundled Azure fleet
 * exactly as the report that scans the dataset itself: every row equal, numbers to {@value #TOLERANCE}, and the same
 * report.csv. The scans are split over two part files, as a cluster writes them.
 */
class ReportFromScansTest {
    private static final double TOLERANCE = 1e-9;

    @TempDir
    Path dir;

    @Test
    void report_from_written_scans_equals_the_report_that_scans_the_dataset() throws Exception {
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        TestModels.publishAzure(registry);
        try (LoadedModel m = LoadedModel.load(registry, TestModels.AZURE + "@production")) {
            FleetReport.Result direct = FleetReport.generate(m, new FleetReport.Request(TestModels.azureData(),
                    OptionalLong.empty(), Optional.empty(), dir.resolve("direct"), 2, FleetReport.EXPLAIN_ALL), n -> { });
            Path scans = writeScans(m, dir.resolve("scans"));

            FleetReport.Result fromScans = FleetReport.generate(m, new FleetReport.Request(new ReportInput.Scanned(scans),
                    OptionalLong.empty(), Optional.empty(), dir.resolve("from-scans"), 2, FleetReport.EXPLAIN_ALL,
                    ReportActions.defaults()), n -> { });

            assertEquals(70, direct.rows().size());
            assertEquals(direct.rows().size(), fromScans.rows().size(), "one row per asset");
            for (int i = 0; i < direct.rows().size(); i++) {
                assertSameRow(direct.rows().get(i), fromScans.rows().get(i));
            }
            assertTrue(direct.rows().stream().anyMatch(r -> !r.facts().lastMaintenance().isEmpty()),
                    "the facts come from the scans' events too");
            assertEquals(Files.readString(direct.csv(), StandardCharsets.UTF_8),
                    Files.readString(fromScans.csv(), StandardCharsets.UTF_8), "report.csv");
        }
    }

    @Test
    void scans_cannot_be_moved_to_an_as_of_time() throws Exception {
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        TestModels.publishAzure(registry);
        try (LoadedModel m = LoadedModel.load(registry, TestModels.AZURE + "@production")) {
            Path scans = writeScans(m, dir.resolve("scans"));
            var e = assertThrows(InvalidSpecException.class, () -> FleetReport.generate(m, new FleetReport.Request(
                    new ReportInput.Scanned(scans), OptionalLong.of(0), Optional.empty(), dir.resolve("out"), 1, 3,
                    ReportActions.defaults()), n -> { }));
            assertTrue(e.getMessage().contains("--as-of cannot move scans"), e.getMessage());
        }
    }

    /** The fleet's scans as two part files of JSON lines, with a Spark-style marker file beside them. */
    private static Path writeScans(LoadedModel m, Path out) throws Exception {
        List<AssetScan> all = FleetScan.run(m.extractor(), TestModels.azureData(), OptionalLong.empty(), 2, n -> { });
        Files.createDirectories(out);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            (i % 2 == 0 ? a : b).add(ScanJson.write(all.get(i), m.extractor().spec().hash()));
        }
        Files.write(out.resolve("part-00000.json"), a, StandardCharsets.UTF_8);
        Files.write(out.resolve("part-00001.json"), b, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("_SUCCESS"), "");
        return out;
    }

    private static void assertSameRow(ReportRow want, ReportRow got) {
        String a = "rank " + want.rank() + " " + want.asset();
        assertEquals(want.rank(), got.rank(), a);
        assertEquals(want.asset(), got.asset(), a);
        assertEquals(want.scoredAt(), got.scoredAt(), a);
        assertEquals(want.band(), got.band(), a);
        assertEquals(want.risk(), got.risk(), TOLERANCE, a + " risk");
        assertEquals(want.healthIndex(), got.healthIndex(), TOLERANCE, a + " health index");
        assertEquals(want.byComponent().keySet(), got.byComponent().keySet(), a);
        want.byComponent().forEach((c, p) -> assertEquals(p, got.byComponent().get(c), TOLERANCE, a + " p_" + c));
        assertEquals(want.componentAtRisk(), got.componentAtRisk(), a);
        assertEquals(want.rul().isPresent(), got.rul().isPresent(), a);
        assertEquals(want.rulInterval(), got.rulInterval(), a);
        assertEquals(want.drivers().size(), got.drivers().size(), a);
        for (int d = 0; d < want.drivers().size(); d++) {
            assertEquals(want.drivers().get(d).feature(), got.drivers().get(d).feature(), a + " driver " + d);
            assertEquals(want.drivers().get(d).contribution(), got.drivers().get(d).contribution(), TOLERANCE,
                    a + " driver " + d);
        }
        assertEquals(want.sensors(), got.sensors(), a);
        assertEquals(want.partialWindow(), got.partialWindow(), a);
        assertEquals(want.facts(), got.facts(), a);
        assertEquals(want.action(), got.action(), a);
    }
}
