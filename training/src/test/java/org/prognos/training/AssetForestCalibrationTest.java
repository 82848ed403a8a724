package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.extract.FeatureTable;
import org.prognos.models.anomaly.AnomalyJson;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.Detector;
import org.prognos.models.anomaly.ScoreCalibration;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.training.config.ModelFamily;
import org.prognos.training.config.TrainingConfig;

/**
 * Why a forest per file loses on the NAB folder (training/ANOMALY.md, "Per-asset detectors"): the bundled
 * {@code nab-known-cause-learn-own-detector} job with {@code model.family: isolation-forest} ({@code trees: 100,
 * sampleSize: 256}, the docs' variant). An isolation forest's score is bounded: a row far beyond its fitting rows is
 * isolated where the trees' outermost splits are, not sooner, so however far out it lies it scores no more than the
 * forest's ceiling. One file's held-out rows (machine temperature, later in its learning period than its fitting rows)
 * score near its own forest's ceiling and alone set the one pooled threshold, which lies above what another file's own
 * forest gives any far-out row and any row of that file (NYC taxi; its exact ceiling, 0.7217 against 0.7198, is just
 * above: {@code DetectorCeilingJobTest}); the forest fitted on every file's rows has one ceiling for all, with the
 * threshold well below it. Per-file figures go to {@code target/asset-forest-calibration.txt}.
 */
class AssetForestCalibrationTest {
    private static final String DRIFTED = "machine_temperature_system_failure";
    private static final String SILENCED = "nyc_taxi";
    /** Far out: every column this many standard deviations from the file's fitting mean, in 200 sign patterns. */
    private static final double FAR = 1e3;

    @TempDir
    Path tmp;

    @Test
    void one_file_whose_held_out_rows_score_near_its_forests_ceiling_sets_a_threshold_another_files_forest_never_reaches()
            throws IOException {
        TrainingConfig c = AnomalyJobTest.jobIn("nab-known-cause-learn-own-detector.yaml", tmp.resolve("registry"));
        Map<String, JsonNode> params = Map.of("trees", IntNode.valueOf(100), "sampleSize", IntNode.valueOf(256));
        TrainingConfig forest = new TrainingConfig(c.name(), c.data(), c.spec(), c.task(),
                new TrainingConfig.ModelConfig(ModelFamily.ISOLATION_FOREST, params, Optional.empty()), c.split(),
                c.costs(), c.registry(), c.seed(), c.evaluation());
        new TrainingJob(forest, AnomalyJobTest.JOBS, s -> { }).run();
        AnomalyModel model = AnomalyJson.parse(Files.readAllBytes(new ModelRegistry(tmp.resolve("registry"))
                .load(c.name() + "@candidate").payloadPath()), c.name());
        AnomalyPlan plan = new AnomalyPlanner(forest, s -> { }, 1).plan(JobData.open(forest, AnomalyJobTest.JOBS,
                Optional.empty()));
        AnomalyModel fleetForest = model.withAssetDetectors(Map.of());     // one forest, each file its own scaling
        ScoreCalibration fleetCalibration = ScoreCalibration.fit(heldOut(plan, fleetForest).values().stream()
                .flatMapToDouble(Arrays::stream).toArray(), 0.01);

        Map<String, double[]> own = heldOut(plan, model);
        double threshold = model.calibration().threshold();
        StringBuilder table = new StringBuilder("file | held-out rows | median | alarming at " + threshold
                + " | far-out max (own forest) | far-out max (fleet forest, threshold " + fleetCalibration.threshold() + ")\n");
        for (Map.Entry<String, double[]> e : own.entrySet()) {
            String asset = e.getKey();
            long alarming = Arrays.stream(e.getValue()).filter(model.calibration()::alarm).count();
            table.append(asset).append(" | ").append(e.getValue().length).append(" | ").append(median(e.getValue()))
                    .append(" | ").append(alarming).append(" | ").append(farOut(model, asset)).append(" | ")
                    .append(farOut(fleetForest, asset)).append('\n');
            if (!asset.equals(DRIFTED)) {
                assertEquals(0, alarming, asset + ": every held-out row over the pooled threshold is " + DRIFTED + "'s");
                assertTrue(median(e.getValue()) < median(own.get(DRIFTED)), asset + " scores its held-out rows lower");
            }
            assertTrue(farOut(fleetForest, asset) > fleetCalibration.threshold(), asset + ": the fleet's forest can alarm");
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "asset-forest-calibration.txt"), table);

        assertTrue(farOut(model, SILENCED) < threshold, SILENCED + "'s own forest gives no far-out row the threshold "
                + threshold + ": " + table);
        FeatureTable test = plan.test();
        for (int i = 0; i < test.size(); i++) {
            if (test.asset(i).equals(SILENCED)) {
                assertFalse(model.calibration().alarm(raw(model, test.asset(i), test.row(i))), "row " + i + " alarms");
            }
        }
    }

    /** Each file's held-out normal rows, scored as {@code model} scores its rows. */
    private static Map<String, double[]> heldOut(AnomalyPlan plan, AnomalyModel model) {
        Map<String, List<Double>> raw = new TreeMap<>();
        for (int i : plan.calibration()) {
            String asset = plan.table().asset(i);
            raw.computeIfAbsent(asset, a -> new ArrayList<>()).add(raw(model, asset, plan.table().row(i)));
        }
        Map<String, double[]> out = new TreeMap<>();
        raw.forEach((a, v) -> out.put(a, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    private static double raw(AnomalyModel model, String asset, double[] row) {
        return model.score(new double[][] {row}, List.of(Optional.of(asset))).raw()[0];
    }

    /** The highest score of the file's detector over 200 scaled rows every column of which is ±{@value #FAR}. */
    private static double farOut(AnomalyModel model, String asset) {
        Detector d = model.detectorOf(Optional.of(asset));
        double[] z = new double[d.width()];
        double[] scratch = new double[d.width()];
        Random signs = new Random(1);
        double max = 0;
        for (int t = 0; t < 200; t++) {
            for (int c = 0; c < z.length; c++) {
                z[c] = signs.nextBoolean() ? FAR : -FAR;
            }
            max = Math.max(max, d.score(z, scratch));
        }
        return max;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
