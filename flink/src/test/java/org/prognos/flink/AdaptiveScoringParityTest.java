package org.prognos.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.flink.job.ScoringJob;
import org.prognos.flink.score.AssetWindow;
import org.prognos.flink.score.ModelSource;
import org.prognos.flink.score.ScoreRow;
import org.prognos.flink.score.ScoringConfig;
import org.prognos.models.TestModels;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ColumnScaling;
import org.prognos.models.anomaly.Detector;
import org.prognos.models.anomaly.NeighbourDetector;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.LibraryVersions;
import org.prognos.models.bundle.Provenance;
import org.prognos.models.bundle.Task;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;

/**
 * A model scored adaptively ({@code task.scoring: adaptive}) on Flink's MiniCluster (2 slots) scores as the service
 * does: each asset's {@link AdaptiveScorer}, kept in keyed state, sees every row the asset's feature state emits, so
 * every score equals, to {@value #TOLERANCE}, the batch adaptive score of the same row ({@link AdaptiveScorer#scoreAll}
 * over the batch extractor's rows of the asset). The model is the Azure anomaly fixture (a kNN detector fitted on the
 * bundled Azure telemetry of machines 1-14), published with adaptive scoring; the machines streamed (3, 5, 12) are not
 * among those it was fitted on. The same fitted model scored without adaptive scoring gives other scores, so the test
 * fails if the job scores with the fitted detector alone. It holds whether the scorers stay decoded between messages
 * or go through their snapshot bytes in keyed state at every message. The same model scaling machines 3 and 5 by their
 * own ({@link ColumnScaling#fitOwn} of the first quarter of their streamed rows, a stand-in for their normal rows;
 * machine 12 has none and is scored on the fleet's) scores each machine with a scorer made with its own scaling, through
 * the snapshot bytes at every message, as the batch path does ({@link AnomalyModel#forAsset}); machine 12's rows, and
 * only those, carry the warning the service's answer carries ({@link LoadedModel#scalingWarning}). The same with a
 * detector of machine 3's own besides (a knn remembering its first quarter of rows, scaled by its own scaling; machine
 * {@value #FLEET_DETECTOR} keeps the fleet's detector) scores machine 3 by it, as the batch path does, and machines
 * {@value #FLEET_DETECTOR} and 12 by the fleet's, each with its warning. With {@code learnScaling} and a warm-up of 40
 * rows, machine 12 learns its own scaling in its warm-up, in the job as in the batch path, and its rows' warning says
 * where it stands; the same with a warm-up in time ({@value #OWN_LEARNS_IN_TIME}).
 */
class AdaptiveScoringParityTest {
    static final double TOLERANCE = 1e-9;
    static final String ADAPTIVE = "azure-anomaly-adaptive";
    static final String FITTED = "azure-anomaly-fitted";
    static final String OWN = "azure-anomaly-adaptive-own";
    static final String OWN_DETECTOR = "azure-anomaly-adaptive-own-detector";
    /** {@value #OWN} with a warm-up of 40 rows in which machine {@value #JOINED} learns its own scaling. */
    static final String OWN_LEARNS = "azure-anomaly-adaptive-own-learns";
    /** The warm-up, in rows, of {@value #OWN_LEARNS}. */
    static final int WARM_UP = 40;
    /** {@value #OWN} with a warm-up in time alone, {@value #WARM_UP_HOURS} h, in which machine {@value #JOINED} learns. */
    static final String OWN_LEARNS_IN_TIME = "azure-anomaly-adaptive-own-learns-in-time";
    /** The warm-up, in hours, of {@value #OWN_LEARNS_IN_TIME}: about 48 rows at one an hour. */
    static final long WARM_UP_HOURS = 48;
    /** The streamed machine of {@value #OWN_DETECTOR} with its own scaling and the fleet's detector. */
    static final String FLEET_DETECTOR = "5";
    /** The streamed machine without a scaling of its own in {@value #OWN}. */
    static final String JOINED = "12";
    static final String UNTIL = "2015-10-09 00:00:00";
    /** Short rings so that the eight days streamed (about 190 rows a machine) are mostly past the warm-up. */
    static final AdaptiveScoring SETTINGS = new AdaptiveScoring(0, 3, 0, 5, 100, 20, 0.999, 10,
            AdaptiveScoring.NO_RANGE_CHECK);

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path root;

    @BeforeAll
    static void publish() throws java.io.IOException {
        AnomalyModel fitted = TestModels.azureAnomaly();
        ModelRegistry registry = new ModelRegistry(root);
        AnomalyModel adaptive = fitted.withScoring(new AnomalyScoring.Adaptive(SETTINGS));
        publish(registry, ADAPTIVE, adaptive);
        publish(registry, FITTED, fitted);
        Map<String, ColumnScaling> own = new TreeMap<>();
        Map<String, Detector> detectors = new TreeMap<>();
        int k = ((NeighbourDetector) adaptive.detector()).k();
        try (LoadedModel model = source(ADAPTIVE).load()) {
            long until = TestModels.azureSpec().time().toAxis().parse(UNTIL);
            AzureStream.batchRows(model, until).forEach((asset, rows) -> {
                if (!asset.equals(JOINED)) {
                    ColumnScaling s = ColumnScaling.fitOwn(rows.stream().limit(rows.size() / 4).map(Map.Entry::getValue)
                            .toArray(double[][]::new), adaptive.scaling());
                    own.put(asset, s);
                    if (!asset.equals(FLEET_DETECTOR)) {
                        detectors.put(asset, new NeighbourDetector(rows.stream().limit(rows.size() / 4)
                                .map(r -> s.apply(r.getValue())).toArray(double[][]::new), k));
                    }
                }
            });
        }
        publish(registry, OWN, adaptive.withAssetScaling(own));
        publish(registry, OWN_DETECTOR, adaptive.withAssetScaling(own).withAssetDetectors(detectors));
        publish(registry, OWN_LEARNS, adaptive.withAssetScaling(own)
                .withScoring(new AnomalyScoring.Adaptive(SETTINGS.withWarmUp(WARM_UP).withLearnedScaling(true))));
        publish(registry, OWN_LEARNS_IN_TIME, adaptive.withAssetScaling(own).withScoring(new AnomalyScoring.Adaptive(
                SETTINGS.withWarmUpTime(WARM_UP_HOURS * TimeAxis.Timestamps.MICROS_PER_HOUR).withLearnedScaling(true))));
    }

    /**
     * With a cache of 0 every message decodes the asset's scorer from its bytes in keyed state and writes it back (the
     * path a restore takes), with 1 one machine stays decoded and two go through their bytes, with 1000 all stay decoded.
     */
    @ParameterizedTest(name = "cachedAssets {0}")
    @ValueSource(ints = {0, 1, 1000})
    void scoresEqualTheBatchAdaptiveScores(int cached, @TempDir Path out) throws Exception {
        scoresEqualTheBatchAdaptiveScores(ADAPTIVE, cached, out);
    }

    @Test
    void scoresOfAModelScalingEachMachineByItsOwnEqualTheBatchAdaptiveScores(@TempDir Path out) throws Exception {
        Run run = scoresEqualTheBatchAdaptiveScores(OWN, 0, out);
        Map<String, Double> own = run.expected();
        long lastReading = TestModels.azureSpec().time().toAxis().parse(UNTIL);
        Map<String, Double> fleet = batchScores(source(ADAPTIVE), lastReading);
        assertTrue(differing(own, fleet, k -> true) > 0, "own scaling changes the adaptive scores");
        own.keySet().stream().filter(k -> k.startsWith(JOINED + "@")).forEach(k ->
                assertEquals(fleet.get(k), own.get(k), 0.0, "machine " + JOINED + " is scored on the fleet's scaling, " + k));
        List<String> joined = List.of("asset '" + JOINED + "' has no scaling of its own in model " + OWN
                + ":1: scored on the fleet's scaling");
        for (ScoreRow s : run.scores()) {
            assertEquals(s.asset().equals(JOINED) ? joined : List.of(), s.warnings(),
                    "the warning the service's answer carries, on machine " + JOINED + "'s rows only: " + s.asset()
                            + " at " + s.timeText());
        }
    }

    /**
     * Machine {@value #JOINED} learns its own scaling in its warm-up; with no asset cached, its scorer (learning, then
     * learned) goes through its snapshot bytes at every message, as a restore would.
     */
    @Test
    void scoresOfAMachineThatLearnsItsOwnScalingEqualTheBatchAdaptiveScores(@TempDir Path out) throws Exception {
        Run run = scoresEqualTheBatchAdaptiveScores(OWN_LEARNS, 0, out);
        Map<String, Double> learns = run.expected();
        long lastReading = run.scores().stream().mapToLong(ScoreRow::time).max().orElseThrow();
        Map<String, Double> fleets = batchScores(source(OWN), lastReading);
        assertTrue(differing(learns, fleets, k -> k.startsWith(JOINED + "@")) > 0,
                "machine " + JOINED + " scores otherwise on its learned scaling");
        // the warning tells where machine 12 stands at each row: learning (k of 40 warm-up rows), then learned
        String lacks = "asset '" + JOINED + "' has no scaling of its own in model " + OWN_LEARNS + ":1: ";
        List<ScoreRow> joined = run.scores().stream().filter(s -> s.asset().equals(JOINED))
                .sorted(Comparator.comparingLong(ScoreRow::time)).toList();
        assertTrue(joined.size() > WARM_UP, "machine " + JOINED + " passes its warm-up: " + joined.size() + " rows");
        for (int k = 1; k <= joined.size(); k++) {
            ScoreRow s = joined.get(k - 1);
            String want = k <= WARM_UP
                    ? lacks + "scored on the fleet's scaling; its adaptive score is learning a scaling of its own: " + k
                    + " of " + WARM_UP + " warm-up rows (learnScaling)"
                    : lacks + "its fitted score and explanation are on the fleet's scaling; its adaptive score is on the"
                    + " scaling it learned in its warm-up (learnScaling)";
            assertEquals(List.of(want), s.warnings(), "row " + k + " of machine " + JOINED + " at " + s.timeText());
        }
        for (ScoreRow s : run.scores()) {
            if (!s.asset().equals(JOINED)) {
                assertEquals(List.of(), s.warnings(), s.asset() + " at " + s.timeText());
            }
        }
    }

    /**
     * Machine {@value #JOINED} learns its own scaling in a warm-up in time: each of its rows within {@value #WARM_UP_HOURS}
     * h of its first is told it is learning, with its rows so far; the first row at or past that span and every later
     * one, that it learned (through the snapshot bytes at every message).
     */
    @Test
    void aMachineLearningInAWarmUpInTimeIsToldItsRowsSoFarThenThatItLearned(@TempDir Path out) throws Exception {
        Run run = scoresEqualTheBatchAdaptiveScores(OWN_LEARNS_IN_TIME, 0, out);
        String lacks = "asset '" + JOINED + "' has no scaling of its own in model " + OWN_LEARNS_IN_TIME + ":1: ";
        List<ScoreRow> joined = run.scores().stream().filter(s -> s.asset().equals(JOINED))
                .sorted(Comparator.comparingLong(ScoreRow::time)).toList();
        long span = WARM_UP_HOURS * TimeAxis.Timestamps.MICROS_PER_HOUR;
        long first = joined.get(0).time();
        long learning = joined.stream().filter(s -> s.time() - first < span).count();
        assertTrue(learning > 1 && learning < joined.size(), "machine " + JOINED + " passes its warm-up: " + learning
                + " of " + joined.size() + " rows in it");
        for (int k = 1; k <= joined.size(); k++) {
            ScoreRow s = joined.get(k - 1);
            String want = s.time() - first < span
                    ? lacks + "scored on the fleet's scaling; its adaptive score is learning a scaling of its own in its"
                    + " warm-up of " + WARM_UP_HOURS + " h: " + k + (k == 1 ? " row" : " rows") + " so far (learnScaling)"
                    : lacks + "its fitted score and explanation are on the fleet's scaling; its adaptive score is on the"
                    + " scaling it learned in its warm-up (learnScaling)";
            assertEquals(List.of(want), s.warnings(), "row " + k + " of machine " + JOINED + " at " + s.timeText());
        }
    }

    @Test
    void scoresOfAModelWithADetectorOfEachMachinesOwnEqualTheBatchAdaptiveScores(@TempDir Path out) throws Exception {
        Run run = scoresEqualTheBatchAdaptiveScores(OWN_DETECTOR, 0, out);
        Map<String, Double> mine = run.expected();
        long lastReading = TestModels.azureSpec().time().toAxis().parse(UNTIL);
        Map<String, Double> scaled = batchScores(source(OWN), lastReading);
        assertTrue(differing(mine, scaled, k -> true) > 0, "an own detector changes the adaptive scores");
        mine.keySet().stream().filter(k -> k.startsWith(JOINED + "@") || k.startsWith(FLEET_DETECTOR + "@")).forEach(k ->
                assertEquals(scaled.get(k), mine.get(k), 0.0, "scored by the fleet's detector, " + k));
        for (ScoreRow s : run.scores()) {
            List<String> want = s.asset().equals(JOINED) ? List.of("asset '" + JOINED + "' has no scaling or detector of its"
                    + " own in model " + OWN_DETECTOR + ":1: scored on the fleet's scaling and detector")
                    : s.asset().equals(FLEET_DETECTOR) ? List.of("asset '" + FLEET_DETECTOR + "' has no detector of its own in"
                    + " model " + OWN_DETECTOR + ":1: scored on its own scaling by the fleet's detector") : List.of();
            assertEquals(want, s.warnings(), s.asset() + " at " + s.timeText());
        }
    }

    /** How many of {@code a}'s scores, among the keys {@code keys} picks, differ from {@code b}'s by more than 1e-6. */
    private static long differing(Map<String, Double> a, Map<String, Double> b, Predicate<String> keys) {
        return a.keySet().stream().filter(keys).filter(k -> Math.abs(a.get(k) - b.get(k)) > 1e-6).count();
    }

    /** The job's scores of a model, and the batch path's, by {@code asset@time}, that they equal. */
    private record Run(Map<String, Double> expected, List<ScoreRow> scores) {
    }

    /** The job's scores of {@code model} against the batch path's; the batch scores and the job's. */
    private static Run scoresEqualTheBatchAdaptiveScores(String model, int cached, Path out) throws Exception {
        long until = TestModels.azureSpec().time().toAxis().parse(UNTIL);
        List<AssetWindow> windows = AzureStream.messages(until);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        var source = new DataGeneratorSource<>(i -> windows.get((int) (long) i), windows.size(),
                TypeInformation.of(AssetWindow.class));
        var stream = env.fromSource(source, WatermarkStrategy.noWatermarks(), "azure readings").setParallelism(1);
        ScoringJob.Outputs job = ScoringJob.score(stream, ScoringConfig.defaults(source(model), AzureStream.attributes())
                .withCachedAssets(cached));
        job.scores().sinkTo(new FileSink<>(out.resolve("scores").toString()));
        env.execute("adaptive parity");

        List<ScoreRow> scores = FileSink.written(out.resolve("scores"));
        long lastReading = windows.get(windows.size() - 1).sampleMillis()[0] * 1000;
        Map<String, Double> expected = batchScores(source(model), lastReading);
        assertTrue(expected.size() > 300, "rows to compare: " + expected.size());
        Set<String> emitted = scores.stream().map(s -> s.asset() + "@" + s.time()).collect(Collectors.toSet());
        assertEquals(expected.keySet(), emitted, "rows emitted by the job and by the batch path");
        assertEquals(scores.size(), emitted.size(), "each row scored once");
        for (ScoreRow s : scores) {
            assertEquals(expected.get(s.asset() + "@" + s.time()), s.risk(), TOLERANCE, s.asset() + " at " + s.timeText());
            assertEquals(SETTINGS.alarmLevel(), s.threshold(), 0.0, "the adaptive alarm level is the threshold");
        }
        Map<String, Double> fitted = AzureStream.batchRisks(source(FITTED), lastReading);
        long differing = scores.stream()
                .filter(s -> Math.abs(fitted.get(s.asset() + "@" + s.time()) - s.risk()) > 1e-6).count();
        assertTrue(differing > scores.size() / 2, "adaptive scores differ from the fitted ones: " + differing
                + " of " + scores.size());
        assertTrue(scores.stream().anyMatch(s -> s.risk() > 0), "some rows past the warm-up score above 0");
        if (!model.startsWith(OWN)) {
            assertTrue(scores.stream().allMatch(s -> s.warnings().isEmpty()), "a model sharing the fleet's scaling warns of none");
        }
        return new Run(expected, scores);
    }

    /**
     * The batch adaptive scores of the streamed machines' rows up to {@code lastReading}, keyed by {@code asset@time}:
     * each asset's batch rows through one fresh {@link AdaptiveScorer} under the model's own settings (and the asset's own
     * scaling, when the model has one).
     */
    static Map<String, Double> batchScores(ModelSource adaptive, long lastReading) throws java.io.IOException {
        Map<String, Double> expected = new HashMap<>();
        try (LoadedModel model = adaptive.load()) {
            AnomalyModel anomaly = model.adaptiveAnomaly().orElseThrow();
            AzureStream.batchRows(model, lastReading).forEach((asset, rows) -> {
                AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(anomaly.forAsset(Optional.of(asset)),
                        anomaly.adaptive().orElseThrow(), rows.stream().mapToLong(Map.Entry::getKey).toArray(),
                        rows.stream().map(Map.Entry::getValue).toArray(double[][]::new));
                for (int i = 0; i < steps.length; i++) {
                    expected.put(asset + "@" + rows.get(i).getKey(), steps[i].score());
                }
            });
        }
        return expected;
    }

    private static ModelSource source(String name) {
        return new ModelSource(root.toString(), name + "@production");
    }

    /** Publishes the Azure anomaly fixture scored adaptively with {@link #SETTINGS} under {@code root}; where to load it. */
    static ModelSource publishAdaptive(Path root) {
        publish(new ModelRegistry(root), ADAPTIVE, TestModels.azureAnomaly().withScoring(new AnomalyScoring.Adaptive(SETTINGS)));
        return new ModelSource(root.toString(), ADAPTIVE + "@production");
    }

    static void publish(ModelRegistry registry, String name, AnomalyModel model) {
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        metrics.putObject("decision").put("threshold", 1 - TestModels.ANOMALY_FALSE_ALARM_RATE);
        Provenance provenance = new Provenance("sha256:" + "ab".repeat(32), "Azure machines 1-14 fit, 15-20 calibrate",
                42L, Map.of(), LibraryVersions.current());
        var ref = registry.publish(BundleContents.of(name, new Task.Anomaly("knn", TestModels.ANOMALY_FALSE_ALARM_RATE),
                TestModels.azureAnomalySpec(), provenance, metrics, model.payload()));
        registry.promote(ref.name(), ref.version(), "production");
    }
}
