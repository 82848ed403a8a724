package org.prognos.cli.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.cli.CliRun;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.telemetry.Dataset;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.catalog.ModelService;
import org.prognos.inference.drift.DriftMonitor;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.state.StreamingService;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ColumnScaling;
import org.prognos.models.anomaly.Detector;
import org.prognos.models.anomaly.NeighbourDetector;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * An anomaly model that gives assets detectors of their own ({@code AnomalyModel.assetDetectors}) is served so:
 * {@code prognos score} and the streaming service give each machine the same answer to {@value #TOLERANCE}, scored by
 * the machine's own detector on its own scaling, statically and adaptively; a machine with its own scaling but no
 * detector of its own, and one with neither, are scored by the fleet's detector and their answers say so; the model's
 * details count the detectors.
 *
 * <p>The model: the bundled Azure knn job scored adaptively ({@code azure-anomaly-knn-adaptive}), trained here, and a
 * per-asset copy published through the registry: machines {@link #OWN} scaled by {@link ColumnScaling#fitOwn} of the
 * first quarter of their feature rows (a stand-in for their normal rows, chosen for this test), machines
 * {@link #OWN_DETECTOR} also judged by a knn (the job's k) remembering those rows scaled; machine {@value #JOINED} has
 * neither. What the tables hold does not matter here, only that it is served the same everywhere.
 */
class OwnDetectorServeTest {
    static final double TOLERANCE = OwnScalingServeTest.TOLERANCE;
    static final String JOB = OwnScalingServeTest.JOB;
    static final String ADAPTIVE = "azure-knn-own-detector-adaptive";
    static final String STATIC = "azure-knn-own-detector";
    static final String SCALING_ONLY = "azure-knn-own-scaling";
    /** {@link OwnScalingServeTest}'s machines: three with a scaling of their own, the first two of them a detector too. */
    static final List<String> OWN = OwnScalingServeTest.OWN;
    static final List<String> OWN_DETECTOR = List.of("51", "57");
    static final String JOINED = OwnScalingServeTest.JOINED;
    static final List<String> MACHINES = OwnScalingServeTest.MACHINES;

    @TempDir
    static Path dir;
    static Path registry;
    static Path azure;
    static Dataset data;
    static AnomalyModel own;
    static AnomalyModel scalingOnly;
    static FeatureTable table;

    @BeforeAll
    static void trainAndPublish() throws IOException {
        registry = dir.resolve("registry");
        TrainedJobs.Assets job = TrainedJobs.assets(JOB, registry, MACHINES);
        azure = job.trainData();
        data = job.data();
        table = job.table();
        AnomalyModel fleet = job.fleet();
        Map<String, ColumnScaling> scalings = TrainedJobs.ownScalings(table, OWN, fleet.scaling());
        Map<String, Detector> detectors = new TreeMap<>();
        int k = ((NeighbourDetector) fleet.detector()).k();
        for (String asset : OWN_DETECTOR) {
            ColumnScaling s = scalings.get(asset);
            detectors.put(asset, new NeighbourDetector(java.util.Arrays.stream(TrainedJobs.firstQuarter(table, asset))
                    .map(s::apply).toArray(double[][]::new), k));
        }
        scalingOnly = fleet.withAssetScaling(scalings);
        own = scalingOnly.withAssetDetectors(detectors);
        job.publishAs(ADAPTIVE, own);
        job.publishAs(STATIC, own.withScoring(AnomalyScoring.STATIC));
        job.publishAs(SCALING_ONLY, scalingOnly.withScoring(AnomalyScoring.STATIC));
    }

    @Test
    void every_spec_row_is_scored_by_its_machines_own_detector_in_score_and_the_service() throws Exception {
        List<Map<String, String>> rows = score(STATIC);
        assertEquals(table.size(), rows.size(), "one row per spec row");
        int differ = 0;
        for (int i = 0; i < rows.size(); i++) {
            String asset = table.asset(i);
            double want = own.forAsset(Optional.of(asset)).score(new double[][] {table.row(i)}).scores()[0];
            double scaled = scalingOnly.score(new double[][] {table.row(i)}, List.of(Optional.of(asset))).scores()[0];
            OwnScalingServeTest.assertNear(want, rows.get(i).get("risk"), "risk of " + asset + " at row " + i);
            if (OWN_DETECTOR.contains(asset)) {
                differ += Math.abs(want - scaled) > 1e-6 ? 1 : 0;
            } else {
                assertEquals(scaled, want, 0.0, asset + " is scored by the fleet's detector, row " + i);
            }
        }
        assertTrue(differ > 0, "an own detector changes the score of the machines that have one");
        Map<String, ScoreResponse> served = streamed(STATIC);
        Map<String, Map<String, String>> last = new HashMap<>();
        score(STATIC, "--last").forEach(r -> last.put(r.get("asset"), r));
        for (String asset : MACHINES) {
            OwnScalingServeTest.assertNear(served.get(asset).risk().score(), last.get(asset).get("risk"),
                    "prognos score = service, " + asset);
        }
    }

    @Test
    void the_service_steps_each_machine_adaptively_by_its_own_detector_as_the_batch_path() throws Exception {
        List<Map<String, String>> all = score(ADAPTIVE);
        Map<String, ScoreResponse> served = streamed(ADAPTIVE);
        int differ = 0;
        for (Map.Entry<String, int[]> e : table.rowsByAsset().entrySet()) {
            int[] mine = e.getValue();
            long[] times = IntStream.of(mine).mapToLong(table::time).toArray();
            double[][] rows = IntStream.of(mine).mapToObj(table::row).toArray(double[][]::new);
            Optional<String> asset = Optional.of(e.getKey());
            AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(own.forAsset(asset), own.adaptive().orElseThrow(), times, rows);
            AdaptiveScorer.Step[] scaled = AdaptiveScorer.scoreAll(scalingOnly.forAsset(asset), own.adaptive().orElseThrow(),
                    times, rows);
            for (int k = 0; k < mine.length; k++) {
                OwnScalingServeTest.assertNear(steps[k].score(), all.get(mine[k]).get("risk"), "adaptive risk of " + asset
                        + " row " + k);
            }
            AdaptiveScorer.Step lastStep = steps[steps.length - 1];
            assertEquals(lastStep.likelihood(), served.get(e.getKey()).anomaly().orElseThrow().adaptive().orElseThrow()
                    .likelihood(), TOLERANCE, "the service's step is the batch path's, " + asset);
            differ += OWN_DETECTOR.contains(e.getKey()) && lastStep.raw() != scaled[steps.length - 1].raw() ? 1 : 0;
        }
        assertEquals(OWN_DETECTOR.size(), differ, "each machine with its own detector steps on its own raw scores");
    }

    @Test
    void a_machine_without_its_own_detector_is_scored_by_the_fleets_and_told_so() throws Exception {
        Map<String, ScoreResponse> served = streamed(STATIC);
        assertTrue(served.get("63").warnings().contains("asset '63' has no detector of its own in model " + STATIC
                + ":1: scored on its own scaling by the fleet's detector"), served.get("63").warnings().toString());
        assertTrue(served.get(JOINED).warnings().contains("asset '" + JOINED + "' has no scaling or detector of its own in"
                + " model " + STATIC + ":1: scored on the fleet's scaling and detector"), served.get(JOINED).warnings().toString());
        for (String asset : OWN_DETECTOR) {
            assertFalse(served.get(asset).warnings().stream().anyMatch(w -> w.contains("of its own")), asset);
        }
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(registry), STATIC)) {
            assertEquals(Optional.of("a vector without an asset, and model " + STATIC + ":1 scales each asset by its own"
                    + " and gives assets detectors of their own: scored on the fleet's scaling and detector"),
                    m.scalingWarning(Optional.empty()));
        }
        try (ModelCatalog catalog = ModelCatalog.open(new ModelRegistry(registry), List.of(STATIC, SCALING_ONLY),
                Predictors.standard(), new ServiceMetrics())) {
            ModelService models = new ModelService(catalog);
            assertEquals(OWN_DETECTOR.size(), models.details(STATIC).ownDetectorAssets());
            assertEquals(OWN.size(), models.details(STATIC).ownScaledAssets());
            assertEquals(0, models.details(SCALING_ONLY).ownDetectorAssets());
        }
        try (java.io.InputStream in = ModelService.class.getResourceAsStream("/org/prognos/inference/openapi.json")) {
            assertFalse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(in)
                    .at("/components/schemas/ModelDetails/properties/ownDetectorAssets").isMissingNode(),
                    "openapi.json documents ownDetectorAssets");
        }
    }

    /** {@code prognos score} of {@link #MACHINES} with {@code model}; the written rows. */
    private static List<Map<String, String>> score(String model, String... options) throws IOException {
        Path out = dir.resolve(model + "-" + String.join("", options).replaceAll("[^a-z0-9]", "") + ".csv");
        List<String> args = new ArrayList<>(List.of("score", "--registry", registry.toString(), "--model", model,
                "--data", azure.toString(), "--assets", String.join(",", MACHINES), "--threads", "2", "--out", out.toString()));
        args.addAll(List.of(options));
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2 asset(s) have no scaling or no detector of their own in " + model + ":1, which gives"
                + " each asset its own: scored on the fleet's: 63, " + JOINED + "\n"), r.out());
        return ScoreFixtures.csvRows(Files.readAllLines(out));
    }

    /** Each machine's readings ingested by a streaming service over {@code model}; its answer after the last. */
    private static Map<String, ScoreResponse> streamed(String model) throws IOException {
        ServiceMetrics metrics = new ServiceMetrics();
        try (ModelCatalog catalog = ModelCatalog.open(new ModelRegistry(registry), List.of(model), Predictors.standard(), metrics)) {
            ServiceConfig config = ServiceConfig.defaults();
            StreamingService service = new StreamingService(catalog, metrics, config, System::nanoTime, Optional.empty(),
                    new DriftMonitor(catalog, metrics, config.drift(), Clock.systemUTC()));
            return ServiceFeed.ingestEach(service, model, data, Map.of());
        }
    }
}
