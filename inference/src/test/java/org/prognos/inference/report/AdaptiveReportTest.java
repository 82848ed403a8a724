package org.prognos.inference.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.scan.AssetScan;
import org.prognos.features.scan.FleetScan;
import org.prognos.features.scan.ScanJson;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.AdaptiveAzureKnn;
import org.prognos.models.TestModels;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.batch.AdaptiveScans;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.AdaptiveAnswers;
import org.prognos.models.runtime.LoadedModel;

/**
 * The at-risk report with an anomaly model scored adaptively (the Azure knn fixture of {@link TestModels} with a short
 * likelihood history, as {@code AdaptiveAnomalyHttpTest} serves it): every machine is ranked on its adaptive score
 * after its last row before the as-of time, which is {@link AdaptiveScorer#scoreAll} over the machine's feature rows
 * (the batch path the service's streamed answers equal, {@code cli/…/AdaptiveServiceParityTest}); band and health index
 * are the service's ({@link AdaptiveAnswers}); the threshold is the alarm level. Scans taken elsewhere that carry each
 * machine's adaptive score (the Spark job's report input) make the same report; scans holding only each machine's
 * latest window, or scores of another model version, are refused for such a model.
 */
class AdaptiveReportTest {
    static final double TOLERANCE = 1e-9;
    static final String MODEL = "azure-anomaly-adaptive";
    static final AdaptiveScoring SETTINGS = AdaptiveAzureKnn.SETTINGS;

    @TempDir
    Path dir;

    @Test
    void every_machine_is_ranked_on_its_adaptive_score_after_its_whole_stream() throws Exception {
        AnomalyModel model = TestModels.azureAnomaly().withScoring(new AnomalyScoring.Adaptive(SETTINGS));
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        AdaptiveAzureKnn.publish(registry, MODEL, SETTINGS);
        long asOf = TimeAxis.Timestamps.utc().parse("2015-12-01 00:00:00");

        // the batch path: each machine's feature rows before the as-of time through one fresh scorer
        FeatureTable rows = TestModels.azureAnomalyTable();
        Map<String, Double> want = new HashMap<>();
        Map<String, Double> fitted = new HashMap<>();
        for (Map.Entry<String, int[]> e : rows.rowsByAsset().entrySet()) {
            double[][] x = IntStream.of(e.getValue()).filter(i -> rows.time(i) < asOf).mapToObj(rows::row).toArray(double[][]::new);
            AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(model, SETTINGS, x);
            want.put(e.getKey(), steps.length == 0 ? 0 : steps[steps.length - 1].score());
            fitted.put(e.getKey(), x.length == 0 ? Double.NaN : model.score(new double[][] {x[x.length - 1]}).scores()[0]);
        }
        try (LoadedModel m = LoadedModel.load(registry, MODEL + "@production")) {
            FleetReport.Result r = FleetReport.generate(m, new FleetReport.Request(TestModels.azureData(), OptionalLong.of(asOf),
                    Optional.empty(), dir.resolve("report"), 2, 3), n -> { });
            assertEquals(want.size(), r.rows().size());
            int differ = 0;
            for (ReportRow row : r.rows()) {
                double score = want.get(row.asset());
                assertEquals(score, row.risk(), TOLERANCE, row.asset());
                assertEquals(AdaptiveAnswers.bands(SETTINGS).band(score).label(), row.band(), row.asset());
                assertEquals(AdaptiveAnswers.health(SETTINGS, score), row.healthIndex(), TOLERANCE, row.asset());
                differ += Math.abs(score - fitted.get(row.asset())) > TOLERANCE ? 1 : 0;
            }
            assertTrue(r.rows().get(0).risk() >= r.rows().get(r.rows().size() - 1).risk(), "ranked by the adaptive score");
            JsonNode json = new ObjectMapper().readTree(r.json().toFile());
            assertEquals(SETTINGS.alarmLevel(), json.path("threshold").asDouble(), 0.0, "the threshold is the alarm level");
            assertTrue(differ > r.rows().size() / 2, "the adaptive score is not the fitted one: " + differ + " differ");
        }
    }

    /**
     * Scans taken elsewhere with each asset's adaptive score (what the Spark job's {@code --report-input} writes for such
     * a model: {@link AdaptiveScans#carried} from the same scan pass) make the report that scanning the history makes,
     * row for row and report.csv byte for byte (machines 1-8, at their last readings, as scans are taken).
     */
    @Test
    void scans_carrying_each_assets_adaptive_score_make_the_report_of_the_history() throws Exception {
        ModelRegistry registry = publish();
        Dataset data = TestModels.onlyAssets(TestModels.azureData(), a -> Integer.parseInt(a) <= 8);
        try (LoadedModel m = LoadedModel.load(registry, MODEL + "@production")) {
            FleetReport.Result direct = FleetReport.generate(m, new FleetReport.Request(data, OptionalLong.empty(),
                    Optional.empty(), dir.resolve("direct"), 2, 3), n -> { });
            Path scans = writeScans(m, data, m.name() + ":" + m.version());
            FleetReport.Result fromScans = FleetReport.generate(m, request(scans), n -> { });
            assertEquals(8, direct.rows().size());
            assertEquals(direct.rows().size(), fromScans.rows().size());
            for (int i = 0; i < direct.rows().size(); i++) {
                ReportRow want = direct.rows().get(i);
                ReportRow got = fromScans.rows().get(i);
                assertEquals(want.asset(), got.asset(), "rank " + i);
                assertEquals(want.risk(), got.risk(), TOLERANCE, want.asset());
                assertEquals(want.band(), got.band(), want.asset());
                assertEquals(want.healthIndex(), got.healthIndex(), TOLERANCE, want.asset());
            }
            assertTrue(direct.rows().stream().anyMatch(r -> r.risk() > 0), "some machine scores above 0: a real run");
            assertEquals(Files.readString(direct.csv()), Files.readString(fromScans.csv()), "report.csv");
            String when = "written [0-9T:.Z-]+";
            String page = Files.readString(direct.html()).replace(data.telemetry().name(), "SOURCE").replaceAll(when, "");
            assertEquals(page, Files.readString(fromScans.html()).replace("scans " + scans, "SOURCE").replaceAll(when, ""),
                    "report.html, risk charts included, but for the source it names and when it was written");

            Path other = writeScans(m, data, MODEL + ":99");
            InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> FleetReport.generate(m, request(other),
                    n -> { }));
            assertTrue(e.getMessage().contains("carries adaptive scores of " + MODEL + ":99"), e.getMessage());
        }
    }

    @Test
    void scans_holding_only_the_latest_window_are_refused_for_a_model_scored_adaptively() throws Exception {
        ModelRegistry registry = publish();
        Dataset data = TestModels.onlyAssets(TestModels.azureData(), a -> Integer.parseInt(a) <= 2);
        try (LoadedModel m = LoadedModel.load(registry, MODEL + "@production")) {
            Path scans = dir.resolve("plain.json");
            List<String> lines = new ArrayList<>();
            for (AssetScan s : FleetScan.run(m.extractor(), data, OptionalLong.empty(), 1, n -> { })) {
                lines.add(ScanJson.write(s, m.extractor().spec().hash()));
            }
            Files.write(scans, lines);
            InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> FleetReport.generate(m, request(scans),
                    n -> { }));
            assertTrue(e.getMessage().contains("scored adaptively") && e.getMessage().contains("--data")
                    && e.getMessage().contains("asset 1"), e.getMessage());
        }
    }

    /** Publishes the adaptive Azure knn as {@value #MODEL}, production. */
    private ModelRegistry publish() {
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        AdaptiveAzureKnn.publish(registry, MODEL, SETTINGS);
        return registry;
    }

    /** {@code data}'s scans with their assets' adaptive scores, as {@code scorer}, in a file as the Spark job writes. */
    private Path writeScans(LoadedModel m, Dataset data, String scorer) throws java.io.IOException {
        AdaptiveScans adaptive = new AdaptiveScans(m.adaptiveAnomaly().orElseThrow(), FleetScan.bucket(m.extractor().axis()));
        List<String> lines = new ArrayList<>();
        for (AssetScan s : FleetScan.run(m.extractor(), data, OptionalLong.empty(), 1, n -> { }, adaptive)) {
            lines.add(ScanJson.write(s.withStream(adaptive.carried(s, scorer)), m.extractor().spec().hash()));
        }
        Path file = dir.resolve("scans-" + scorer.replace(':', '-') + ".json");
        Files.write(file, lines);
        return file;
    }

    private FleetReport.Request request(Path scans) {
        return new FleetReport.Request(new ReportInput.Scanned(scans), OptionalLong.empty(), Optional.empty(),
                dir.resolve("from-" + scans.getFileName()), 2, 3, ReportActions.defaults());
    }
}
