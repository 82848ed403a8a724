package org.prognos.cli.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.cli.CliRun;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.api.AtRiskResponse;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.catalog.ModelService;
import org.prognos.inference.drift.DriftMonitor;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.report.FleetReport;
import org.prognos.inference.report.ReportRow;
import org.prognos.inference.state.StreamingService;
import org.prognos.inference.tenant.Tenant;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ColumnScaling;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.Scorer;
import org.prognos.models.runtime.answer.FeatureContribution;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * An anomaly model that scales each asset by its own normal rows ({@code AnomalyModel.assetScaling}) is served so:
 * {@code prognos score}, the streaming service (readings ingested, the asset's answer read) and the at-risk report give
 * each machine the same answer to {@value #TOLERANCE}, scored with the machine's own scaling, statically and
 * adaptively; a machine without a scaling of its own is scored on the fleet's and its answer says so; explanations
 * occlude to the machine's own normal means.
 *
 * <p>The model: the bundled Azure knn job scored adaptively ({@code azure-anomaly-knn-adaptive}), trained here, and a
 * per-asset copy published through the registry with {@link ColumnScaling#fitOwn} of the first quarter of machines
 * {@link #OWN}'s feature rows (about three months: a stand-in for their normal rows, chosen for this test; what the
 * table holds does not matter here, only that it is served the same everywhere). Machine {@value #JOINED} has none (it joined after
 * training). Each copy is published statically and adaptively, and the fleet-scaled model statically beside them, and
 * the per-asset copy adaptively with {@code learnScaling} ({@value #OWN_LEARNS}): there machine {@value #JOINED} learns
 * its own scaling in its warm-up, in {@code prognos score} as in the service; with a warm-up in time
 * ({@value #LEARNS_IN_TIME}, and {@value #LEARNS_STILL} with one in rows and in time longer than the stream) its
 * answer's warning says where it stands.
 */
class OwnScalingServeTest {
    static final double TOLERANCE = 1e-9;
    static final String JOB = "azure-anomaly-knn-adaptive";
    static final String OWN_ADAPTIVE = "azure-knn-own-adaptive";
    static final String OWN_STATIC = "azure-knn-own";
    /** The per-asset copy scored adaptively with {@code learnScaling}: machine {@value #JOINED} learns its own. */
    static final String OWN_LEARNS = "azure-knn-own-learns";
    /** {@value #OWN_LEARNS} with a warm-up in time alone, {@value #WARM_UP_HOURS} h: machine {@value #JOINED} learns in it. */
    static final String LEARNS_IN_TIME = "azure-knn-own-learns-in-time";
    /** {@value #OWN_LEARNS} with a warm-up in rows and in time, both longer than the stream: {@value #JOINED} still learns. */
    static final String LEARNS_STILL = "azure-knn-own-learns-still";
    /** The warm-up in time of {@value #LEARNS_IN_TIME}: a week, about 56 rows at one every 3 h. */
    static final long WARM_UP_HOURS = 168;
    /** The warm-up of {@value #LEARNS_STILL}: more rows and more time than the test machines' year of readings. */
    static final int STILL_ROWS = 100_000;
    static final long STILL_HOURS = 100_000;
    static final String FLEET_STATIC = "azure-knn-fleet";
    /** Test machines of the job (it is fitted on others) with a scaling of their own. */
    static final List<String> OWN = List.of("51", "57", "63");
    /** A test machine without one. */
    static final String JOINED = "64";
    static final List<String> MACHINES = List.of("51", "57", "63", JOINED);

    @TempDir
    static Path dir;
    static Path registry;
    static Path azure;
    static Dataset data;
    static AnomalyModel own;
    static AnomalyModel fleet;
    /** The machines' spec rows (batch extraction), sorted by asset and time. */
    static FeatureTable table;

    @BeforeAll
    static void trainAndPublish() throws IOException {
        registry = dir.resolve("registry");
        TrainedJobs.Assets job = TrainedJobs.assets(JOB, registry, MACHINES);
        azure = job.trainData();
        data = job.data();
        fleet = job.fleet();
        table = job.table();
        own = fleet.withAssetScaling(TrainedJobs.ownScalings(table, OWN, fleet.scaling()));
        job.publishAs(OWN_ADAPTIVE, own);
        job.publishAs(OWN_STATIC, own.withScoring(AnomalyScoring.STATIC));
        job.publishAs(OWN_LEARNS, learns());
        job.publishAs(LEARNS_IN_TIME, learns(0, WARM_UP_HOURS));
        job.publishAs(LEARNS_STILL, learns(STILL_ROWS, STILL_HOURS));
        job.publishAs(FLEET_STATIC, fleet.withScoring(AnomalyScoring.STATIC));
    }

    @Test
    void every_spec_row_is_scored_with_its_machines_own_scaling_and_a_joined_machine_with_the_fleets() throws Exception {
        List<Map<String, String>> rows = score(OWN_STATIC);
        assertEquals(table.size(), rows.size(), "one row per spec row");
        int differ = 0;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            String asset = table.asset(i);
            assertEquals(asset, row.get("asset"), "row " + i);
            double want = own.score(new double[][] {table.row(i)}, List.of(Optional.of(asset))).scores()[0];
            double fleetScore = fleet.score(new double[][] {table.row(i)}).scores()[0];
            assertNear(want, row.get("risk"), "risk of " + asset + " at row " + i);
            if (asset.equals(JOINED)) {
                assertEquals(fleetScore, want, 0.0, "a machine without its own scaling is scored on the fleet's, row " + i);
            } else {
                differ += Math.abs(want - fleetScore) > 1e-6 ? 1 : 0;
            }
        }
        assertTrue(differ > rows.size() / 4, "own scaling changes the score of the machines that have one: " + differ
                + " of " + rows.size() + " rows differ from the fleet-scaled model's");
    }

    @Test
    void score_the_service_and_the_report_answer_each_machine_alike_statically() throws Exception {
        Map<String, Map<String, String>> last = byAsset(score(OWN_STATIC, "--last", "--explain", "3"));
        Map<String, ScoreResponse> served = streamed(OWN_STATIC, Map.of());
        Map<String, ReportRow> ranked = report(OWN_STATIC);
        Map<String, ScoreResponse> fleetServed = streamed(FLEET_STATIC, Map.of());
        int differ = 0;
        for (String asset : MACHINES) {
            ScoreResponse s = served.get(asset);
            Map<String, String> row = last.get(asset);
            assertEquals(s.scoredAt(), row.get("time"), asset);
            assertNear(s.risk().score(), row.get("risk"), "prognos score = service, " + asset);
            assertNear(s.anomaly().orElseThrow().score(), row.get("anomaly_score"), "anomaly score, " + asset);
            assertEquals(s.risk().band(), row.get("band"), asset);
            assertEquals(s.risk().score(), ranked.get(asset).risk(), TOLERANCE, "report = service, " + asset);
            for (int k = 1; k <= 3; k++) {
                FeatureContribution f = s.explanation().orElseThrow().topFeatures().get(k - 1);
                assertEquals(f.feature(), row.get("feature_" + k), "feature_" + k + ", " + asset);
                assertNear(f.contribution(), row.get("contribution_" + k), "contribution_" + k + ", " + asset);
            }
            double fleetRisk = fleetServed.get(asset).risk().score();
            if (asset.equals(JOINED)) {
                assertEquals(fleetRisk, s.risk().score(), 0.0, JOINED + " is scored on the fleet's scaling");
            } else {
                differ += Math.abs(fleetRisk - s.risk().score()) > 1e-6 ? 1 : 0;
            }
        }
        assertTrue(differ > 0, "a machine with its own scaling scores otherwise than on the fleet's");
    }

    @Test
    void score_the_service_and_the_report_answer_each_machine_alike_adaptively() throws Exception {
        List<Map<String, String>> all = score(OWN_ADAPTIVE);
        Map<String, AdaptiveScorer.Step> lastSteps = new HashMap<>();
        Map<String, AdaptiveScorer.Step> fleetSteps = new HashMap<>();
        for (Map.Entry<String, int[]> e : table.rowsByAsset().entrySet()) {
            int[] mine = e.getValue();
            long[] times = IntStream.of(mine).mapToLong(table::time).toArray();
            double[][] rows = IntStream.of(mine).mapToObj(table::row).toArray(double[][]::new);
            AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(own.forAsset(Optional.of(e.getKey())),
                    own.adaptive().orElseThrow(), times, rows);
            for (int k = 0; k < mine.length; k++) {
                assertNear(steps[k].score(), all.get(mine[k]).get("risk"), "adaptive risk of " + e.getKey() + " row " + k);
            }
            lastSteps.put(e.getKey(), steps[steps.length - 1]);
            fleetSteps.put(e.getKey(), AdaptiveScorer.scoreAll(fleet, fleet.adaptive().orElseThrow(), times, rows)[mine.length - 1]);
        }
        Map<String, Map<String, String>> last = byAsset(score(OWN_ADAPTIVE, "--last"));
        Map<String, ScoreResponse> served = streamed(OWN_ADAPTIVE, Map.of());
        Map<String, ReportRow> ranked = report(OWN_ADAPTIVE);
        int differ = 0;
        for (String asset : MACHINES) {
            ScoreResponse s = served.get(asset);
            assertNear(s.risk().score(), last.get(asset).get("risk"), "prognos score --last = service, " + asset);
            assertEquals(s.risk().score(), ranked.get(asset).risk(), TOLERANCE, "report = service, " + asset);
            assertEquals(lastSteps.get(asset).likelihood(), s.anomaly().orElseThrow().adaptive().orElseThrow().likelihood(),
                    TOLERANCE, "the service's step is the batch path's, " + asset);
            differ += Math.abs(lastSteps.get(asset).likelihood() - fleetSteps.get(asset).likelihood()) > 1e-6 ? 1 : 0;
        }
        assertTrue(differ > 0, "a machine with its own scaling steps otherwise than on the fleet's");
    }

    /** {@link #own} scored adaptively with its settings and {@code learnScaling}. */
    private static AnomalyModel learns() {
        return own.withScoring(new AnomalyScoring.Adaptive(own.adaptive().orElseThrow().withLearnedScaling(true)));
    }

    /** {@link #learns()} with a warm-up of {@code rows} (0: none) and {@code hours} in time. */
    private static AnomalyModel learns(int rows, long hours) {
        return own.withScoring(new AnomalyScoring.Adaptive(own.adaptive().orElseThrow().withLearnedScaling(true)
                .withWarmUpTime(hours * TimeAxis.Timestamps.MICROS_PER_HOUR).withWarmUp(rows)));
    }

    /**
     * A warm-up in time: the warning says the asset is learning in it, with its rows so far (its end is a row's time,
     * which a count of rows cannot give), then learned; the service's answers, and through the one function each stage,
     * the first row at or past the warm-up's span the first learned.
     */
    @Test
    void a_joined_machine_learning_in_a_warm_up_in_time_is_told_its_rows_so_far_then_that_it_learned() throws Exception {
        String lacks = "asset '" + JOINED + "' has no scaling of its own in model ";
        String learning = ":1: scored on the fleet's scaling; its adaptive score is learning a scaling of its own in its"
                + " warm-up of ";
        ScoreResponse learned = streamed(LEARNS_IN_TIME, Map.of()).get(JOINED);
        assertTrue(learned.warnings().contains(lacks + LEARNS_IN_TIME + ":1: its fitted score and explanation are on the"
                + " fleet's scaling; its adaptive score is on the scaling it learned in its warm-up (learnScaling)"),
                learned.warnings().toString());
        ScoreResponse still = streamed(LEARNS_STILL, Map.of()).get(JOINED);
        int[] mine = table.rowsByAsset().get(JOINED);
        assertEquals(mine.length, still.anomaly().orElseThrow().adaptive().orElseThrow().rows(), "every row of " + JOINED);
        assertTrue(still.warnings().contains(lacks + LEARNS_STILL + learning + STILL_ROWS + " rows or " + STILL_HOURS
                + " h, whichever ends first: " + mine.length + " rows so far (learnScaling)"), still.warnings().toString());
        AnomalyModel inTime = learns(0, WARM_UP_HOURS);
        long[] times = IntStream.of(mine).mapToLong(table::time).toArray();
        AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(inTime.forAsset(Optional.of(JOINED)),
                inTime.adaptive().orElseThrow(), times, IntStream.of(mine).mapToObj(table::row).toArray(double[][]::new));
        long span = WARM_UP_HOURS * TimeAxis.Timestamps.MICROS_PER_HOUR;
        int firstPast = IntStream.range(0, times.length).filter(k -> times[k] - times[0] >= span).findFirst().orElseThrow();
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(registry), LEARNS_IN_TIME)) {
            assertEquals(Optional.of(lacks + LEARNS_IN_TIME + learning + WARM_UP_HOURS + " h: 1 row so far (learnScaling)"),
                    m.scalingWarning(Optional.of(JOINED), Optional.of(steps[0])));
            assertEquals(Optional.of(lacks + LEARNS_IN_TIME + learning + WARM_UP_HOURS + " h: " + firstPast
                    + " rows so far (learnScaling)"), m.scalingWarning(Optional.of(JOINED), Optional.of(steps[firstPast - 1])),
                    "the last row within the warm-up's span");
            assertEquals(learned.warnings().stream().filter(w -> w.startsWith(lacks)).findFirst(),
                    m.scalingWarning(Optional.of(JOINED), Optional.of(steps[firstPast])), "the first row past it");
        }
    }

    @Test
    void a_joined_machine_learns_its_own_scaling_in_its_warm_up_alike_in_score_and_the_service() throws Exception {
        AnomalyModel learns = learns();
        List<Map<String, String>> all = score(OWN_LEARNS);
        Map<String, AdaptiveScorer.Step> lastSteps = new HashMap<>();
        for (Map.Entry<String, int[]> e : table.rowsByAsset().entrySet()) {
            int[] mine = e.getValue();
            long[] times = IntStream.of(mine).mapToLong(table::time).toArray();
            double[][] rows = IntStream.of(mine).mapToObj(table::row).toArray(double[][]::new);
            AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(learns.forAsset(Optional.of(e.getKey())),
                    learns.adaptive().orElseThrow(), times, rows);
            AdaptiveScorer.Step[] onFleets = AdaptiveScorer.scoreAll(own.forAsset(Optional.of(e.getKey())),
                    own.adaptive().orElseThrow(), times, rows);
            int differ = 0;
            for (int k = 0; k < mine.length; k++) {
                assertNear(steps[k].score(), all.get(mine[k]).get("risk"), "adaptive risk of " + e.getKey() + " row " + k);
                differ += steps[k].equals(onFleets[k]) ? 0 : 1;
            }
            if (e.getKey().equals(JOINED)) {
                assertTrue(differ > mine.length / 2, JOINED + " is scored on its learned scaling after its warm-up: " + differ);
            } else {
                assertEquals(0, differ, e.getKey() + " has its own scaling and learns none");
            }
            lastSteps.put(e.getKey(), steps[steps.length - 1]);
        }
        Map<String, Map<String, String>> last = byAsset(score(OWN_LEARNS, "--last"));
        Map<String, ScoreResponse> served = streamed(OWN_LEARNS, Map.of());
        for (String asset : MACHINES) {
            ScoreResponse s = served.get(asset);
            assertNear(s.risk().score(), last.get(asset).get("risk"), "prognos score --last = service, " + asset);
            assertEquals(lastSteps.get(asset).likelihood(), s.anomaly().orElseThrow().adaptive().orElseThrow().likelihood(),
                    TOLERANCE, "the service's step is the batch path's, " + asset);
        }
        // the answer's warning tells where the asset stands: past its warm-up, its adaptive score is on its learned scaling
        String lacks = "asset '" + JOINED + "' has no scaling of its own in model " + OWN_LEARNS + ":1: ";
        String learned = lacks + "its fitted score and explanation are on the fleet's scaling; its adaptive score is on"
                + " the scaling it learned in its warm-up (learnScaling)";
        assertTrue(served.get(JOINED).warnings().contains(learned), served.get(JOINED).warnings().toString());
        for (String asset : OWN) {
            assertTrue(served.get(asset).warnings().stream().noneMatch(w -> w.contains("scaling")), asset);
        }
        // the three states, by the one function the service and Flink's ScoreRow call, with the joined machine's steps
        int warmUp = learns.adaptive().orElseThrow().warmUp();
        assertEquals(0, learns.adaptive().orElseThrow().warmUpTicks(), "a warm-up in rows");
        int[] mine = table.rowsByAsset().get(JOINED);
        AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(learns.forAsset(Optional.of(JOINED)),
                learns.adaptive().orElseThrow(), IntStream.of(mine).mapToLong(table::time).toArray(),
                IntStream.of(mine).mapToObj(table::row).toArray(double[][]::new));
        assertTrue(steps.length > warmUp, JOINED + " passes its warm-up of " + warmUp + " rows: " + steps.length);
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(registry), OWN_LEARNS)) {
            assertEquals(Optional.of(lacks + "scored on the fleet's scaling; its adaptive score learns a scaling of its own"
                    + " in its warm-up and is on it after (learnScaling)"), m.scalingWarning(Optional.of(JOINED)),
                    "without the scorer: neither stage");
            assertEquals(Optional.of(lacks + "scored on the fleet's scaling; its adaptive score is learning a scaling of its"
                    + " own: 1 of " + warmUp + " warm-up rows (learnScaling)"),
                    m.scalingWarning(Optional.of(JOINED), Optional.of(steps[0])));
            assertEquals(Optional.of(lacks + "scored on the fleet's scaling; its adaptive score is learning a scaling of its"
                    + " own: " + warmUp + " of " + warmUp + " warm-up rows (learnScaling)"),
                    m.scalingWarning(Optional.of(JOINED), Optional.of(steps[warmUp - 1])));
            assertEquals(Optional.of(learned), m.scalingWarning(Optional.of(JOINED), Optional.of(steps[warmUp])));
            assertEquals(Optional.empty(), m.scalingWarning(Optional.of(OWN.get(0)), Optional.of(steps[0])),
                    "a machine with its own scaling is told nothing");
        }
    }

    @Test
    void a_machine_without_its_own_scaling_is_scored_on_the_fleets_and_told_so() throws Exception {
        Map<String, ScoreResponse> served = streamed(OWN_STATIC, Map.of("51", "new-51"));
        Map<String, ScoreResponse> fleetServed = streamed(FLEET_STATIC, Map.of());
        ScoreResponse joined = served.get("new-51");
        assertEquals(fleetServed.get("51").risk().score(), joined.risk().score(), 0.0, "new-51 is 51's readings, fleet-scaled");
        assertTrue(joined.warnings().contains("asset 'new-51' has no scaling of its own in model " + OWN_STATIC
                + ":1: scored on the fleet's scaling"), joined.warnings().toString());
        assertNotEquals("asset", joined.explanation().orElseThrow().references());
        assertTrue(served.get(JOINED).warnings().stream().anyMatch(w -> w.contains("asset '" + JOINED + "' has no scaling")));
        for (String asset : List.of("57", "63")) {
            assertFalse(served.get(asset).warnings().stream().anyMatch(w -> w.contains("scaling")), asset);
        }
        assertFalse(fleetServed.get(JOINED).warnings().stream().anyMatch(w -> w.contains("scaling")),
                "a fleet-scaled model warns of nothing");
    }

    @Test
    void explanations_occlude_to_the_machines_own_normal_means() throws Exception {
        Map<String, ScoreResponse> served = streamed(OWN_STATIC, Map.of());
        for (String asset : OWN) {
            var e = served.get(asset).explanation().orElseThrow();
            assertEquals("asset", e.references(), asset);
            double[] center = own.assetScaling().get(asset).center();
            for (FeatureContribution f : e.topFeatures()) {
                int c = own.columns().indexOf(f.feature());
                assertEquals(center[c], f.reference().orElseThrow(), 0.0, asset + " " + f.feature());
            }
        }
    }

    @Test
    void risks_without_assets_are_refused_for_a_model_with_per_asset_scaling() throws Exception {
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(registry), OWN_STATIC)) {
            assertEquals(OWN.size(), m.ownScaledAssets());
            double[][] one = {table.row(0)};
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scorer.risks(m, one));
            assertTrue(e.getMessage().contains("scales each asset by its own"), e.getMessage());
        }
    }

    @Test
    void the_models_details_say_how_many_assets_have_a_scaling_of_their_own() throws Exception {
        try (ModelCatalog catalog = ModelCatalog.open(new ModelRegistry(registry), List.of(OWN_STATIC, FLEET_STATIC),
                Predictors.standard(), new ServiceMetrics())) {
            ModelService models = new ModelService(catalog);
            assertEquals(OWN.size(), models.details(OWN_STATIC).ownScaledAssets());
            assertEquals(0, models.details(FLEET_STATIC).ownScaledAssets());
        }
        try (InputStream in = ModelService.class.getResourceAsStream("/org/prognos/inference/openapi.json")) {
            JsonNode doc = new ObjectMapper().readTree(in);
            assertFalse(doc.at("/components/schemas/ModelDetails/properties/ownScaledAssets").isMissingNode(),
                    "openapi.json documents ownScaledAssets");
            assertTrue(doc.at("/components/schemas/Explanation/properties/references/enum").toString().contains("asset"));
        }
    }

    /**
     * {@code prognos score} closes, for a model with {@code learnScaling}, with where each learning machine stood at its
     * last row written: {@value #JOINED} learned its own past a warm-up in rows or in time, and is still learning within
     * one longer than its stream; a model without the setting says nothing of it.
     */
    @Test
    void score_closes_with_which_machines_learned_their_own_scaling_and_which_still_learn() throws Exception {
        String learned = ", at each asset's last row written: 1 asset(s) had learned a scaling of their own in their"
                + " warm-up (their adaptive score on it): " + JOINED + "\n";
        for (String model : List.of(OWN_LEARNS, LEARNS_IN_TIME)) {
            CliRun r = run(model, dir.resolve(model + "-closing.csv"), "--last");
            assertTrue(r.out().contains("learnScaling in " + model + ":1" + learned), r.out());
        }
        CliRun still = run(LEARNS_STILL, dir.resolve("still-closing.csv"));
        assertTrue(still.out().contains("learnScaling in " + LEARNS_STILL + ":1, at each asset's last row written: 1"
                + " asset(s) were still learning one: " + JOINED + "\n"), still.out());
        assertFalse(run(OWN_ADAPTIVE, dir.resolve("own-closing.csv"), "--last").out().contains("learnScaling"),
                "a model without learnScaling");
    }

    /** {@code prognos score} of {@link #MACHINES} with {@code model}; the written rows. */
    private static List<Map<String, String>> score(String model, String... options) throws IOException {
        Path out = dir.resolve(model + "-" + String.join("", options).replaceAll("[^a-z0-9]", "") + ".csv");
        run(model, out, options);
        return ScoreFixtures.csvRows(Files.readAllLines(out));
    }

    /** {@code prognos score} of {@link #MACHINES} with {@code model} to {@code out}, which names {@value #JOINED}. */
    private static CliRun run(String model, Path out, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("score", "--registry", registry.toString(), "--model", model,
                "--data", azure.toString(), "--assets", String.join(",", MACHINES), "--threads", "2", "--out", out.toString()));
        args.addAll(List.of(options));
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("1 asset(s) have no scaling of their own in " + model + ":1, which scales each asset by"
                + " its own: scored on the fleet's scaling: " + JOINED + "\n"), r.out());
        return r;
    }

    private static Map<String, Map<String, String>> byAsset(List<Map<String, String>> rows) {
        Map<String, Map<String, String>> out = new HashMap<>();
        rows.forEach(r -> out.put(r.get("asset"), r));
        return out;
    }

    /** The at-risk report of {@link #MACHINES} with {@code model}: each machine's row. */
    private static Map<String, ReportRow> report(String model) throws IOException {
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(registry), model)) {
            FleetReport.Result r = FleetReport.generate(m, new FleetReport.Request(data, OptionalLong.empty(), Optional.empty(),
                    dir.resolve("report-" + model), 2, 3), n -> { });
            Map<String, ReportRow> out = new HashMap<>();
            r.rows().forEach(row -> out.put(row.asset(), row));
            assertEquals(MACHINES.size(), out.size());
            return out;
        }
    }

    /**
     * Each machine's readings ingested by a streaming service over {@code model} in chunks of 500, as the asset
     * {@code renamed} names it (else its own id); its answer after the last, which the service's at-risk list (the
     * ingest path's cached risks) must equal.
     */
    private static Map<String, ScoreResponse> streamed(String model, Map<String, String> renamed) throws IOException {
        ServiceMetrics metrics = new ServiceMetrics();
        try (ModelCatalog catalog = ModelCatalog.open(new ModelRegistry(registry), List.of(model), Predictors.standard(), metrics)) {
            ServiceConfig config = ServiceConfig.defaults();
            StreamingService service = new StreamingService(catalog, metrics, config, System::nanoTime, Optional.empty(),
                    new DriftMonitor(catalog, metrics, config.drift(), Clock.systemUTC()));
            Map<String, ScoreResponse> answers = ServiceFeed.ingestEach(service, model, data, renamed);
            // the at-risk list: the risks the ingest path cached for each asset (scored with one call per commit)
            for (AtRiskResponse.AtRiskAsset a : service.atRisk(Tenant.DEFAULT, 100, Optional.of(model)).assets()) {
                assertEquals(answers.get(a.asset()).risk().score(), a.risk(), TOLERANCE, "at-risk list = answer, " + a.asset());
            }
            assertEquals(answers.size(), service.atRisk(Tenant.DEFAULT, 100, Optional.of(model)).assets().size());
            return answers;
        }
    }

    static void assertNear(double want, String got, String what) {
        AdaptiveScoreTest.assertNear(want, got, what);
    }
}
