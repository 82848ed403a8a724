package org.prognos.inference.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.extract.RowSink;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.AdaptiveAzureKnn;
import org.prognos.models.TestModels;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.AdaptiveAnswers;
import org.prognos.models.runtime.LoadedModel;

/**
 * The at-risk report with an anomaly model scored adaptively (the Azure knn fixture of {@link TestModels} with a short
 * likelihood history, as {@code AdaptiveAnomalyHttpTest} serves it): every machine is ranked on its adaptive score
 * after its last row before the as-of time, which is {@link AdaptiveScorer#scoreAll} over the machine's feature rows
 * (the batch path the service's streamed answers equal, {@code cli/…/AdaptiveServiceParityTest}); band and health index
 * are the service's ({@link AdaptiveAnswers}); the threshold is the alarm level. Scans taken elsewhere, which hold only
 * each machine's latest window, are refused for such a model.
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

    @Test
    void scans_taken_elsewhere_are_refused_for_a_model_scored_adaptively() {
        ReportInput scanned = new ReportInput.Scanned(dir.resolve("scans"));
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> scanned.scan(null, OptionalLong.empty(), 1,
                n -> { }, RowSink.discard()));
        assertTrue(e.getMessage().contains("scored adaptively") && e.getMessage().contains("--data"), e.getMessage());
    }
}
