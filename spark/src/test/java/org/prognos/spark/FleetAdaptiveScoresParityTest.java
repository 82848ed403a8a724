package org.prognos.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.scan.AssetScan;
import org.prognos.features.scan.FleetScan;
import org.prognos.features.scan.ScanJson;
import org.prognos.features.scan.StreamScores;
import org.prognos.inference.report.FleetReport;
import org.prognos.inference.report.ReportActions;
import org.prognos.inference.report.ReportInput;
import org.prognos.inference.report.ReportRow;
import org.prognos.models.TestModels;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ColumnScaling;
import org.prognos.models.anomaly.Detector;
import org.prognos.models.anomaly.ForecastMember;
import org.prognos.models.anomaly.NeighbourDetector;
import org.prognos.models.anomaly.StuckValueCheck;
import org.prognos.models.batch.AdaptiveScans;
import org.prognos.models.batch.AdaptiveSteps;
import org.prognos.models.batch.DatasetScorer;
import org.prognos.models.batch.ScoredRow;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.LibraryVersions;
import org.prognos.models.bundle.Provenance;
import org.prognos.models.bundle.Task;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.AdaptiveAnswers;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.signing.BundleTrust;
import org.prognos.spark.partition.RowScores;

/**
 * Spark's scores of an anomaly model scored adaptively ({@code task.scoring: adaptive}) are the service's adaptive
 * answers: the Azure anomaly fixture (kNN fitted on the bundled Azure telemetry of machines 1-14, a row after every
 * reading) published with adaptive scoring, machines 1-{@value AzureInSpark#MACHINES} scored in {@code local[2]} (four
 * shuffle partitions, so a partition holds several machines). Every row's risk equals, to {@value #TOLERANCE}, the step
 * of that row when the machine's batch-extracted rows go through {@link AdaptiveScorer#scoreAll} from its first, and
 * every column, band and alarm equal {@code prognos score}'s ({@link DatasetScorer} with {@link AdaptiveSteps}). A
 * table whose machines' rows come apart is refused. The report's input carries each machine's adaptive score, and the
 * at-risk report rendered from it is the report from the data. The
 * same model with a scaling of each machine's own ({@link ColumnScaling#fitOwn} of its first quarter of rows, a
 * stand-in for its normal rows; machine {@value #JOINED} has none and is scored on the fleet's) is scored by Spark as
 * by the reference, each machine's scorer made with its own scaling ({@link AnomalyModel#forAsset}), and the driver's
 * line naming the machines on the fleet's scaling ({@link FleetScores#fleetScalingNote}) is {@code prognos score}'s,
 * naming machine {@value #JOINED} and no other. The same with a detector of each machine's own besides (a knn remembering
 * its first quarter of rows, scaled by its own scaling; machine {@value #FLEET_DETECTOR} keeps the fleet's detector) is
 * scored by Spark as by the reference and {@code prognos score}, each machine's scorer made with its own detector. The
 * per-asset model scored with {@code learnScaling} ({@value #LEARNS_MODEL}, a warm-up of {@value #LEARNS_WARM_UP} rows):
 * machine {@value #JOINED} learns its own scaling in its warm-up and is scored on it after, by Spark as by the reference
 * and {@code prognos score}. The fleet model with the forecast-residual member ({@value #FORECAST_MODEL}) likewise, its
 * scores differing from the model's without it, and the fleet model with the stuck-value check ({@value #STUCK_MODEL}
 * on {@value #STUCK_COLUMN}, a real count of error-1 events in 24 h that is mostly 0, so that quiet stretches are runs
 * of one value; configuration 63's widening 5 % and minimum run 10). Each model's Spark run is made once and shared by the cases that read it.
 */
class FleetAdaptiveScoresParityTest {
    private static final double TOLERANCE = 1e-9;
    private static final String MODEL = "azure-anomaly-adaptive";
    private static final String OWN_MODEL = "azure-anomaly-adaptive-own";
    private static final String OWN_DETECTOR_MODEL = "azure-anomaly-adaptive-own-detector";
    /** The per-asset model scored with {@code learnScaling}: machine {@value #JOINED} learns its own scaling. */
    private static final String LEARNS_MODEL = "azure-anomaly-adaptive-own-learns";
    private static final int LEARNS_WARM_UP = 40;
    /** The fleet model with the forecast-residual member on {@value #FORECAST_COLUMN} ({@code task.scoring.forecast}). */
    private static final String FORECAST_MODEL = "azure-anomaly-adaptive-forecast";
    private static final String FORECAST_COLUMN = "pressure_mean_3h";
    /** The fleet model with the stuck-value check on {@value #STUCK_COLUMN} ({@code task.scoring.stuck}). */
    private static final String STUCK_MODEL = "azure-anomaly-adaptive-stuck";
    private static final String STUCK_COLUMN = "error1_count_24h";
    /** The machine of {@value #OWN_DETECTOR_MODEL} with its own scaling and the fleet's detector. */
    private static final String FLEET_DETECTOR = "5";
    /** The machine without a scaling of its own in {@value #OWN_MODEL}. */
    private static final String JOINED = "6";
    /** Rings short enough that most of a machine's 2,200 rows (three months, hourly) are judged against a full history. */
    private static final AdaptiveScoring SETTINGS = new AdaptiveScoring(0, 3, 0, 5, 100, 20, 0.999, 10,
            AdaptiveScoring.NO_RANGE_CHECK);

    @TempDir
    static Path registry;
    /** Each model's {@link #scoresEqualTheReference}, checked once and shared: a run is deterministic. */
    private static final Map<String, Scored> SCORED = new HashMap<>();

    @BeforeAll
    static void publish() throws IOException {
        AnomalyModel adaptive = TestModels.azureAnomaly().withScoring(new AnomalyScoring.Adaptive(SETTINGS));
        publish(MODEL, adaptive);
        publish(FORECAST_MODEL, adaptive.withScoring(new AnomalyScoring.Adaptive(
                SETTINGS.withForecast(ForecastMember.remembering(FORECAST_COLUMN, 200)))));
        publish(STUCK_MODEL, adaptive.withScoring(new AnomalyScoring.Adaptive(
                SETTINGS.withStuckCheck(new StuckValueCheck(STUCK_COLUMN, 0.05, 10)))));
        FeatureTable table = AzureInSpark.singleMachineFeatures(new FeatureExtractor(TestModels.azureAnomalySpec()));
        Map<String, ColumnScaling> own = new TreeMap<>();
        table.rowsByAsset().forEach((asset, rows) -> {
            if (!asset.equals(JOINED)) {
                own.put(asset, ColumnScaling.fitOwn(IntStream.of(rows).limit(rows.length / 4).mapToObj(table::row)
                        .toArray(double[][]::new), adaptive.scaling()));
            }
        });
        publish(OWN_MODEL, adaptive.withAssetScaling(own));
        int k = ((NeighbourDetector) adaptive.detector()).k();
        Map<String, Detector> detectors = new TreeMap<>();
        table.rowsByAsset().forEach((asset, rows) -> {
            if (!asset.equals(JOINED) && !asset.equals(FLEET_DETECTOR)) {
                ColumnScaling s = own.get(asset);
                detectors.put(asset, new NeighbourDetector(IntStream.of(rows).limit(rows.length / 4)
                        .mapToObj(i -> s.apply(table.row(i))).toArray(double[][]::new), k));
            }
        });
        publish(OWN_DETECTOR_MODEL, adaptive.withAssetScaling(own).withAssetDetectors(detectors));
        publish(LEARNS_MODEL, adaptive.withAssetScaling(own).withScoring(new AnomalyScoring.Adaptive(
                SETTINGS.withWarmUp(LEARNS_WARM_UP).withLearnedScaling(true))));
    }

    private static void publish(String name, AnomalyModel model) {
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        metrics.putObject("decision").put("threshold", 1 - TestModels.ANOMALY_FALSE_ALARM_RATE);
        Provenance provenance = new Provenance("sha256:" + "ab".repeat(32), "Azure machines 1-14 fit, 15-20 calibrate",
                42L, Map.of(), LibraryVersions.current());
        ModelRegistry r = new ModelRegistry(registry);
        var ref = r.publish(BundleContents.of(name, new Task.Anomaly("knn", TestModels.ANOMALY_FALSE_ALARM_RATE),
                TestModels.azureAnomalySpec(), provenance, metrics, model.payload()));
        r.promote(ref.name(), ref.version(), "production");
    }

    @Test
    void adaptive_scores_equal_the_scorers_steps_and_prognos_score() throws IOException {
        scoresEqualTheReference(MODEL);
    }

    @Test
    void scores_with_the_forecast_member_equal_the_scorers_steps_and_prognos_score() throws IOException {
        Map<String, Double> forecast = scoresEqualTheReference(FORECAST_MODEL).risks();
        Map<String, Double> plain = scoresEqualTheReference(MODEL).risks();
        long differ = forecast.keySet().stream().filter(k -> Math.abs(forecast.get(k) - plain.get(k)) > 1e-6).count();
        assertTrue(differ > 0, "the member changes no score: " + differ + " of " + forecast.size());
    }

    @Test
    void scores_with_the_stuck_check_equal_the_scorers_steps_and_prognos_score() throws IOException {
        Map<String, Double> stuck = scoresEqualTheReference(STUCK_MODEL).risks();
        Map<String, Double> plain = scoresEqualTheReference(MODEL).risks();
        long differ = stuck.keySet().stream().filter(k -> Math.abs(stuck.get(k) - plain.get(k)) > 1e-6).count();
        assertTrue(differ > 0, "the check changes no score: " + differ + " of " + stuck.size());
    }

    @Test
    void scores_of_a_model_scaling_each_machine_by_its_own_equal_the_scorers_steps_and_prognos_score() throws IOException {
        Scored ownScored = scoresEqualTheReference(OWN_MODEL);
        Scored fleetScored = scoresEqualTheReference(MODEL);
        Map<String, Double> own = ownScored.risks();
        Map<String, Double> fleet = fleetScored.risks();
        long differ = own.keySet().stream().filter(k -> Math.abs(own.get(k) - fleet.get(k)) > 1e-6).count();
        long joinedDiffer = own.keySet().stream().filter(k -> k.startsWith(JOINED + "@"))
                .filter(k -> Math.abs(own.get(k) - fleet.get(k)) > 0).count();
        assertTrue(differ > own.size() / 4, "own scaling changes the scores: " + differ + " of " + own.size());
        assertEquals(0, joinedDiffer, "machine " + JOINED + " is scored on the fleet's scaling");
        assertEquals(Optional.of("1 asset(s) have no scaling of their own in " + OWN_MODEL + ":1, which scales each asset"
                + " by its own: scored on the fleet's scaling: " + JOINED), ownScored.note(),
                "the driver names machine " + JOINED + " and no other");
        assertEquals(Optional.empty(), fleetScored.note(), "a model sharing the fleet's scaling names no machine");
    }

    @Test
    void scores_of_a_model_with_a_detector_of_each_machines_own_equal_the_scorers_steps_and_prognos_score()
            throws IOException {
        Scored mine = scoresEqualTheReference(OWN_DETECTOR_MODEL);
        Map<String, Double> own = mine.risks();
        Map<String, Double> scaled = scoresEqualTheReference(OWN_MODEL).risks();
        long differ = own.keySet().stream().filter(k -> Math.abs(own.get(k) - scaled.get(k)) > 1e-6).count();
        long onFleetDetector = own.keySet().stream()
                .filter(k -> k.startsWith(JOINED + "@") || k.startsWith(FLEET_DETECTOR + "@"))
                .filter(k -> Math.abs(own.get(k) - scaled.get(k)) > 0).count();
        assertTrue(differ > 0, "own detectors change the scores: " + differ + " of " + own.size());
        assertEquals(0, onFleetDetector, "machines " + FLEET_DETECTOR + " and " + JOINED + " are scored by the fleet's detector");
        assertEquals(Optional.of("2 asset(s) have no scaling or no detector of their own in " + OWN_DETECTOR_MODEL + ":1,"
                + " which gives each asset its own: scored on the fleet's: " + FLEET_DETECTOR + ", " + JOINED), mine.note());
    }

    @Test
    void scores_of_a_machine_that_learns_its_own_scaling_equal_the_scorers_steps_and_prognos_score() throws IOException {
        Map<String, Double> learns = scoresEqualTheReference(LEARNS_MODEL).risks();
        Map<String, Double> own = scoresEqualTheReference(OWN_MODEL).risks();
        long joinedDiffer = learns.keySet().stream().filter(k -> k.startsWith(JOINED + "@"))
                .filter(k -> Math.abs(learns.get(k) - own.get(k)) > 1e-6).count();
        assertTrue(joinedDiffer > 0, "machine " + JOINED + " scores otherwise on its learned scaling");
    }

    /**
     * Spark's scores of a model: each row's risk by asset@time, and the line naming the assets scored on the fleet's
     * scaling ({@link FleetScores#fleetScalingNote}).
     */
    private record Scored(Map<String, Double> risks, Optional<String> note) {
    }

    /**
     * Spark's scores of {@code model} against the reference and {@code prognos score}'s, the line naming the assets on
     * the fleet's scaling against {@code prognos score}'s.
     */
    private static Scored scoresEqualTheReference(String model) throws IOException {
        Scored done = SCORED.get(model);
        if (done == null) {
            done = scoreAndCompare(model);
            SCORED.put(model, done);
        }
        return done;
    }

    private static Scored scoreAndCompare(String model) throws IOException {
        FleetScores job = FleetScores.load(registry.toString(), model, List.of());
        List<Row> rows = job.score(AzureInSpark.sparkFeatures(job.features())).collectAsList();

        FeatureTable table;
        List<ScoredRow> expected;
        AdaptiveScorer.Step[] reference;
        Optional<String> note = job.fleetScalingNote(LocalSpark.session().createDataFrame(rows,
                RowScores.schema(job.columns())));
        try (DatasetScorer scorer = DatasetScorer.load(registry, model, BundleTrust.unchecked())) {
            assertEquals(scorer.numericColumns(), job.columns(), "the scorer's columns");
            assertTrue(job.columns().containsAll(DatasetScorer.ADAPTIVE_COLUMNS), job.columns().toString());
            table = AzureInSpark.singleMachineFeatures(scorer.extractor());
            AnomalyModel anomaly = scorer.adaptiveAnomaly().orElseThrow();
            expected = scorer.score(table, 0, table.size(), 0, AdaptiveSteps.of(anomaly, table));
            reference = scoreAllPerAsset(anomaly, table);
            assertEquals(scorer.fleetScalingNote(table.assetOrder()), note, "the line prognos score closes with");
        }
        assertEquals(expected.size(), rows.size(), "one score per feature row");
        Map<String, Row> byKey = new HashMap<>();
        for (Row r : rows) {
            byKey.put(r.getString(0) + "@" + r.getLong(1), r);
        }
        int width = job.columns().size();
        int risk = job.columns().indexOf("risk");
        int fitted = job.columns().indexOf("fitted_risk");
        long differing = 0;
        for (int i = 0; i < expected.size(); i++) {
            String where = table.asset(i) + " @ " + table.time(i);
            Row r = byKey.get(table.asset(i) + "@" + table.time(i));
            assertNotNull(r, "Spark has no score for " + where);
            assertEquals(reference[i].score(), r.getDouble(risk + 2), TOLERANCE, where + ", risk against scoreAll");
            ScoredRow want = expected.get(i);
            for (int c = 0; c < width; c++) {
                assertEquals(want.number(c), r.getDouble(c + 2), TOLERANCE, where + ", " + job.columns().get(c));
            }
            assertEquals(want.band(), r.getString(width + 2), where + ", band");
            assertEquals(want.alarm(), r.getBoolean(width + 3), where + ", alarm");
            differing += Math.abs(r.getDouble(risk + 2) - r.getDouble(fitted + 2)) > 1e-6 ? 1 : 0;
        }
        assertTrue(differing > rows.size() / 2, "the adaptive risk is not the fitted one: " + differing + " of " + rows.size());
        assertTrue(rows.stream().anyMatch(r -> r.getBoolean(width + 3)), "some rows alarm: a real run");
        Map<String, Double> risks = new HashMap<>();
        byKey.forEach((k, r) -> risks.put(k, r.getDouble(risk + 2)));
        return new Scored(risks, note);
    }

    @Test
    void a_table_whose_assets_rows_come_apart_is_refused() {
        FleetScores job = FleetScores.load(registry.toString(), MODEL, List.of());
        Dataset<Row> byTime = AzureInSpark.sparkFeatures(job.features()).sort("time");
        Exception e = assertThrows(Exception.class, () -> job.score(byTime).collectAsList());
        String all = messages(e);
        assertTrue(all.contains("feature rows are not together in the partition"), all);
    }

    /**
     * The report's input for the adaptive model carries each machine's adaptive score as the single machine's scan pass
     * computes it ({@link AdaptiveScans} beside {@link FleetScan}, what {@code prognos report --data} runs): the last
     * step, which is {@link AdaptiveScorer#scoreAll}'s over the machine's rows, and the score at each chart day, to
     * {@value #TOLERANCE}, named with the model's version; and {@code prognos report --scans} on that output ranks as
     * {@code prognos report --data} on the machines' history ({@link #reportFromScansEqualsReportFromData}). Likewise
     * with the forecast member, whose carried numbers differ from the model's without it (all six machines), so a report
     * input that dropped it would fail. Not the stuck-value check: at the machines' last readings and chart days (the
     * only times Spark's report input has) it carries the plain model's numbers, so such a case could not fail; the
     * report of an earlier as-of time checks it ({@code inference/…/AdaptiveReportMembersTest}).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {MODEL, FORECAST_MODEL})
    void report_input_carries_each_assets_adaptive_score(String model, @TempDir Path dir) throws IOException {
        FleetScores job = FleetScores.load(registry.toString(), model, List.of());
        FleetFeatures f = job.features();
        Path out = dir.resolve("report-input");
        job.scans(f.readings(AzureInSpark.telemetry(), "machineID", "datetime"), f.events(AzureInSpark.events()),
                FleetFeatures.attributes(AzureInSpark.csv("PdM_machines.csv"), "machineID")).write().text(out.toString());
        List<AssetScan> spark = ScanJson.read(out, f.spec().hash());

        FeatureExtractor ex = new FeatureExtractor(f.spec());
        List<AssetScan> single;
        AdaptiveScans scores;
        Map<String, AdaptiveScorer.Step> lastSteps = new HashMap<>();
        try (DatasetScorer scorer = DatasetScorer.load(registry, model, BundleTrust.unchecked())) {
            scores = new AdaptiveScans(scorer.adaptiveAnomaly().orElseThrow(), FleetScan.bucket(ex.axis()));
            single = FleetScan.run(ex, AzureInSpark.singleMachineData(), OptionalLong.empty(), 1, n -> { }, scores);
            FeatureTable table = AzureInSpark.singleMachineFeatures(scorer.extractor());
            AdaptiveScorer.Step[] reference = scoreAllPerAsset(scorer.adaptiveAnomaly().orElseThrow(), table);
            for (int i = 0; i < table.size(); i++) {
                lastSteps.put(table.asset(i), reference[i]);   // the table is sorted by time within an asset
            }
        }
        assertEquals(single.size(), spark.size(), "one scan per asset");
        for (int i = 0; i < single.size(); i++) {
            String a = single.get(i).asset();
            StreamScores got = spark.get(i).stream().orElseThrow(() -> new AssertionError(a + " carries no adaptive score"));
            StreamScores want = scores.carried(single.get(i), model + ":1");
            assertEquals(a, spark.get(i).asset());
            assertEquals(want.scorer(), got.scorer(), a);
            assertArrayEquals(want.last(), got.last(), TOLERANCE, a + " last step");
            assertArrayEquals(want.history(), got.history(), TOLERANCE, a + " scores at the chart's days");
            AdaptiveScorer.Step last = AdaptiveScans.step(got);
            assertEquals(lastSteps.get(a).score(), last.score(), TOLERANCE, a + " against scoreAll");
            assertEquals(lastSteps.get(a).rows(), last.rows(), a + " rows seen");
        }
        assertTrue(spark.stream().anyMatch(s -> AdaptiveScans.step(s.stream().orElseThrow()).score() > 0), "a real run");
        if (!model.equals(MODEL)) {
            long differ = differFromThePlainModel(ex, spark);
            System.out.printf("%s: %d of %d machines' report input differs from %s's%n", model, differ, spark.size(), MODEL);
            assertTrue(differ > 0, model + ": the report input is the plain model's");
        }
        reportFromScansEqualsReportFromData(out, dir, model);
    }

    /** How many of {@code spark}'s scans carry other numbers than {@value #MODEL}'s single-machine pass. */
    private static long differFromThePlainModel(FeatureExtractor ex, List<AssetScan> spark) throws IOException {
        try (DatasetScorer scorer = DatasetScorer.load(registry, MODEL, BundleTrust.unchecked())) {
            AdaptiveScans plain = new AdaptiveScans(scorer.adaptiveAnomaly().orElseThrow(), FleetScan.bucket(ex.axis()));
            List<AssetScan> single = FleetScan.run(ex, AzureInSpark.singleMachineData(), OptionalLong.empty(), 1, n -> { },
                    plain);
            return IntStream.range(0, single.size()).filter(i -> {
                StreamScores p = plain.carried(single.get(i), MODEL + ":1");
                StreamScores got = spark.get(i).stream().orElseThrow();
                return IntStream.range(0, 4).anyMatch(k -> Math.abs(p.last()[k] - got.last()[k]) > 1e-6)
                        || IntStream.range(0, p.history().length).anyMatch(h -> !(Math.abs(p.history()[h]
                        - got.history()[h]) <= 1e-6) && !(Double.isNaN(p.history()[h]) && Double.isNaN(got.history()[h])));
            }).count();
        }
    }

    /**
     * End to end: the report input Spark wrote ({@code out}, its folder of part files) rendered as
     * {@code prognos report --scans} renders it, against {@code prognos report --data} over the same machines' history on
     * one machine ({@link FleetReport}, inference's report): the same machines in the same rank, each with the same
     * adaptive risk (to {@value #TOLERANCE}), band and health index, and report.csv the same text.
     */
    private static void reportFromScansEqualsReportFromData(Path out, Path dir, String model) throws IOException {
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(registry), model + "@production")) {
            FleetReport.Result fromData = FleetReport.generate(m, new FleetReport.Request(AzureInSpark.singleMachineData(),
                    OptionalLong.empty(), Optional.empty(), dir.resolve("report-data"), 1, 3), n -> { });
            FleetReport.Result fromScans = FleetReport.generate(m, new FleetReport.Request(new ReportInput.Scanned(out),
                    OptionalLong.empty(), Optional.empty(), dir.resolve("report-scans"), 1, 3, ReportActions.defaults()), n -> { });
            assertEquals(AzureInSpark.MACHINES, fromData.rows().size(), "one row per machine");
            assertEquals(fromData.rows().size(), fromScans.rows().size());
            for (int i = 0; i < fromData.rows().size(); i++) {
                ReportRow want = fromData.rows().get(i);
                ReportRow got = fromScans.rows().get(i);
                assertEquals(want.asset(), got.asset(), "rank " + i);
                assertEquals(want.risk(), got.risk(), TOLERANCE, want.asset() + " risk");
                assertEquals(want.band(), got.band(), want.asset() + " band");
                assertEquals(want.healthIndex(), got.healthIndex(), TOLERANCE, want.asset() + " health index");
            }
            assertEquals(Files.readString(fromData.csv()), Files.readString(fromScans.csv()), "report.csv");
            assertTrue(fromData.rows().stream().map(ReportRow::risk).distinct().count() > 1, "machines rank apart: a real run");
        }
    }

    /**
     * The reference: each asset's rows, in time order from its first, through one {@link AdaptiveScorer#scoreAll} made
     * with the asset's own scaling when the model has one, under the model's settings.
     */
    private static AdaptiveScorer.Step[] scoreAllPerAsset(AnomalyModel anomaly, FeatureTable table) {
        Map<String, List<Integer>> byAsset = new HashMap<>();
        for (int i = 0; i < table.size(); i++) {
            byAsset.computeIfAbsent(table.asset(i), a -> new ArrayList<>()).add(i);
        }
        AdaptiveScorer.Step[] steps = new AdaptiveScorer.Step[table.size()];
        for (List<Integer> mine : byAsset.values()) {
            AdaptiveScorer.Step[] s = AdaptiveScorer.scoreAll(anomaly.forAsset(Optional.of(table.asset(mine.get(0)))),
                    anomaly.adaptive().orElseThrow(),
                    mine.stream().mapToLong(table::time).toArray(),
                    mine.stream().map(table::row).toArray(double[][]::new));
            for (int k = 0; k < s.length; k++) {
                steps[mine.get(k)] = s[k];
            }
        }
        assertTrue(byAsset.size() == AzureInSpark.MACHINES && steps[0] != AdaptiveAnswers.NO_ROW_YET, "six machines");
        return steps;
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
