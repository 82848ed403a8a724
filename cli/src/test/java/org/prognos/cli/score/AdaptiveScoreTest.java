package org.prognos.cli.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.cli.CliRun;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.Datasets;
import org.prognos.features.telemetry.Dataset;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.drift.DriftMonitor;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.state.StreamingService;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.AdaptiveAnswers;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.Scorer;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * {@code prognos score} with an anomaly model scored adaptively ({@code task.scoring: adaptive}) writes the service's
 * adaptive answer: two of the bundled jobs trained and published ({@code nab-machine-temperature-adaptive}: NAB's
 * machine temperature, a row after every reading; {@code azure-anomaly-knn-adaptive}: Azure PdM, a row every 3 h from
 * data strictly before it), and every written row's risk, health index, band and alarm equal, to {@value #TOLERANCE},
 * the reference: each asset's batch-extracted rows, from its first, through {@link AdaptiveScorer#scoreAll}, the row
 * at T answered by the step after the asset's last row at or before T. With {@code --every}, {@code --as-of} and
 * {@code --last} every earlier row still reaches the scorer though few are written; {@code --last} on three Azure
 * machines equals the answers of a {@link StreamingService} the machines' readings were streamed into, the
 * {@code --explain} features included. The fitted model's score is written
 * beside ({@code fitted_risk}) and differs, so a path that scored with the fitted model alone would fail here.
 */
class AdaptiveScoreTest {
    static final double TOLERANCE = 1e-9;
    static final String NAB = "nab-machine-temperature-adaptive";
    static final String AZURE = "azure-anomaly-knn-adaptive";
    /** Test machines of the Azure job (it is fitted on others). */
    static final List<String> MACHINES = List.of("51", "57", "63");

    @TempDir
    static Path dir;
    static Path registry;
    static Path nabData;
    static Path azureData;

    @BeforeAll
    static void train() throws IOException {
        registry = dir.resolve("registry");
        nabData = publish(NAB);
        azureData = publish(AZURE);
    }

    /** Trains {@code job} into the test's registry, promotes it; returns its data. */
    private static Path publish(String job) throws IOException {
        TrainedJobs.Trained trained = TrainedJobs.train(job, registry);
        new ModelRegistry(registry).promote(trained.result().published().name(), trained.result().published().version(),
                "production");
        return trained.data();
    }

    @Test
    void every_row_of_machine_temperature_is_the_adaptive_scorers_step_of_that_row() throws Exception {
        Reference ref = Reference.of(NAB, nabData, List.of());
        List<Map<String, String>> rows = score(NAB, nabData);
        assertEquals(ref.table.size(), rows.size(), "one row per feature row");
        int alarms = 0;
        int fittedAlarms = 0;
        double[] fitted;
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(registry), NAB)) {
            double[][] vectors = new double[ref.table.size()][];
            Arrays.setAll(vectors, ref.table::row);
            fitted = Scorer.risks(m, vectors);
        }
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            ref.check(row, ref.steps[i], "row " + i);
            assertEquals(i + 1, Double.parseDouble(row.get("adaptive_rows")), 0.0, "rows seen at row " + i);
            assertNear(fitted[i], row.get("fitted_risk"), "fitted_risk at row " + i);
            assertNear(fitted[i], row.get("anomaly_score"), "anomaly_score at row " + i);
            alarms += Boolean.parseBoolean(row.get("alarm")) ? 1 : 0;
            fittedAlarms += fitted[i] >= 1 - 0.01 ? 1 : 0;
        }
        assertTrue(alarms > 0 && fittedAlarms > 10 * alarms, "the adaptive score alarms, on far fewer rows than the"
                + " fitted one: " + alarms + " against " + fittedAlarms);
    }

    @Test
    void azure_rows_on_a_grid_and_at_the_last_reading_see_every_earlier_row() throws Exception {
        Reference ref = Reference.of(AZURE, azureData, MACHINES);
        List<Map<String, String>> all = score(AZURE, azureData, "--assets", String.join(",", MACHINES));
        assertEquals(ref.table.size(), all.size(), "one row per feature row");
        for (int i = 0; i < all.size(); i++) {
            ref.check(all.get(i), ref.steps[i], "spec row " + i);
        }
        List<Map<String, String>> daily = score(AZURE, azureData, "--assets", String.join(",", MACHINES), "--every", "24h");
        assertTrue(daily.size() > 3 * 85, "three months of days for three machines: " + daily.size());
        for (Map<String, String> row : daily) {
            ref.check(row, ref.stepAt(row.get("asset"), ref.axisParse(row.get("time"))), row.get("asset") + " at " + row.get("time"));
        }
        assertTrue(daily.stream().anyMatch(r -> Double.parseDouble(r.get("adaptive_rows")) > 700),
                "the last days' rows come after 700 spec rows of their machine");
        List<Map<String, String>> asOf = score(AZURE, azureData, "--assets", String.join(",", MACHINES), "--as-of",
                "2015-12-01 00:00:00");
        assertEquals(MACHINES.size(), asOf.size());
        for (Map<String, String> row : asOf) {
            ref.check(row, ref.stepAt(row.get("asset"), ref.axisParse(row.get("time"))), row.get("asset") + " --as-of");
        }
        List<Map<String, String>> last = score(AZURE, azureData, "--assets", String.join(",", MACHINES), "--last",
                "--explain", "3");
        assertEquals(MACHINES.size(), last.size());
        Map<String, ScoreResponse> served = ref.streamedAnswers();
        for (Map<String, String> row : last) {
            String where = row.get("asset") + " --last";
            ref.check(row, ref.stepAt(row.get("asset"), ref.axisParse(row.get("time"))), where);
            ScoreResponse s = served.get(row.get("asset"));
            assertNear(s.risk().score(), row.get("risk"), "service risk, " + where);
            assertNear(s.healthIndex(), row.get("health_index"), "service health, " + where);
            assertEquals(s.risk().band(), row.get("band"), "service band, " + where);
            assertEquals(String.valueOf(s.risk().alarm()), row.get("alarm"), "service alarm, " + where);
            assertNear(s.anomaly().orElseThrow().score(), row.get("anomaly_score"), "service's fitted score, " + where);
            assertEquals(s.scoredAt(), row.get("time"), where);
            assertEquals((double) s.anomaly().orElseThrow().adaptive().orElseThrow().rows(),
                    Double.parseDouble(row.get("adaptive_rows")), 0.0, where);
            for (int k = 1; k <= 3; k++) {   // the service explains an adaptive answer with the fitted model's features
                var f = s.explanation().orElseThrow().topFeatures().get(k - 1);
                assertEquals(f.feature(), row.get("feature_" + k), "feature_" + k + ", " + where);
                assertNear(f.contribution(), row.get("contribution_" + k), "contribution_" + k + ", " + where);
            }
        }
        long differing = all.stream().filter(r -> Math.abs(Double.parseDouble(r.get("risk"))
                - Double.parseDouble(r.get("fitted_risk"))) > 1e-6).count();
        assertTrue(differing > all.size() / 2, "the adaptive risk is not the fitted one: " + differing + " of " + all.size());
    }

    private List<Map<String, String>> score(String model, Path data, String... options) throws IOException {
        Path out = dir.resolve(model + "-" + String.join("", options).replaceAll("[^a-z0-9]", "") + ".csv");
        List<String> args = new ArrayList<>(List.of("score", "--registry", registry.toString(), "--model", model,
                "--data", data.toString(), "--threads", "2", "--out", out.toString()));
        args.addAll(List.of(options));
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("scored adaptively, as the service"), r.out());
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.get(0).startsWith("asset,time,risk,health_index,anomaly_score,anomaly_raw,anomaly_threshold,"
                + "fitted_risk,fitted_health_index,adaptive_likelihood,adaptive_raw,adaptive_rows,band,alarm"), lines.get(0));
        List<Map<String, String>> rows = ScoreFixtures.csvRows(lines);
        return rows;
    }

    /** The reference: the bundle's spec over the data by batch extraction, each asset's rows through scoreAll. */
    private record Reference(String model, Dataset data, FeatureTable table, AdaptiveScorer.Step[] steps,
                             AdaptiveScoring settings, Map<String, List<Integer>> byAsset) {
        static Reference of(String model, Path path, List<String> assets) throws IOException {
            Dataset data = Datasets.open(path, null);
            if (!assets.isEmpty()) {
                data = AssetFilter.parse(String.join(",", assets)).apply(data);
            }
            try (LoadedModel m = LoadedModel.load(new ModelRegistry(registry), model)) {
                FeatureTable t = new FeatureTable(m.extractor().columns());
                new BatchExtractor(m.extractor(), 1, n -> { }).run(data, t);
                FeatureTable table = t.sorted();
                AnomalyModel anomaly = m.adaptiveAnomaly().orElseThrow();
                AdaptiveScoring settings = anomaly.adaptive().orElseThrow();
                AdaptiveScorer.Step[] steps = new AdaptiveScorer.Step[table.size()];
                Map<String, List<Integer>> byAsset = new HashMap<>();
                for (int i = 0; i < table.size(); i++) {
                    byAsset.computeIfAbsent(table.asset(i), a -> new ArrayList<>()).add(i);
                }
                for (List<Integer> rows : byAsset.values()) {
                    long[] times = rows.stream().mapToLong(table::time).toArray();
                    double[][] vectors = rows.stream().map(table::row).toArray(double[][]::new);
                    AdaptiveScorer.Step[] s = AdaptiveScorer.scoreAll(anomaly, settings, times, vectors);
                    for (int k = 0; k < s.length; k++) {
                        steps[rows.get(k)] = s[k];
                    }
                }
                return new Reference(model, data, table, steps, settings, byAsset);
            }
        }

        long axisParse(String time) {
            return data.axis().parse(time);
        }

        /** The step after {@code asset}'s last row at or before {@code t}. */
        AdaptiveScorer.Step stepAt(String asset, long t) {
            AdaptiveScorer.Step step = AdaptiveAnswers.NO_ROW_YET;
            for (int i : byAsset.get(asset)) {
                if (table.time(i) <= t) {
                    step = steps[i];
                }
            }
            return step;
        }

        void check(Map<String, String> row, AdaptiveScorer.Step want, String where) {
            assertNear(want.score(), row.get("risk"), "risk, " + where);
            assertNear(AdaptiveAnswers.health(settings, want.score()), row.get("health_index"), "health_index, " + where);
            assertNear(want.likelihood(), row.get("adaptive_likelihood"), "likelihood, " + where);
            assertEquals(String.valueOf(want.score() >= settings.alarmLevel()), row.get("alarm"), "alarm, " + where);
            assertEquals(AdaptiveAnswers.bands(settings).band(want.score()).label(), row.get("band"), "band, " + where);
            assertEquals((double) want.rows(), Double.parseDouble(row.get("adaptive_rows")), 0.0, "rows, " + where);
        }

        /** Each asset's readings streamed into a service over the published model, in chunks; its answer after. */
        Map<String, ScoreResponse> streamedAnswers() throws IOException {
            ServiceMetrics metrics = new ServiceMetrics();
            try (ModelCatalog catalog = ModelCatalog.open(new ModelRegistry(registry), List.of(model), Predictors.standard(), metrics)) {
                ServiceConfig config = ServiceConfig.defaults();
                StreamingService service = new StreamingService(catalog, metrics, config, System::nanoTime, Optional.empty(),
                        new DriftMonitor(catalog, metrics, config.drift(), Clock.systemUTC()));
                return ServiceFeed.ingestEach(service, model, data, Map.of());
            }
        }
    }

    static void assertNear(double want, String got, String what) {
        if (Double.isNaN(want)) {
            assertTrue(got.isEmpty() || got.equals("NaN"), what + ": " + got);
        } else {
            assertEquals(want, Double.parseDouble(got), TOLERANCE, what);
        }
    }
}
