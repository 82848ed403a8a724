package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.extract.FeatureTable;
import org.prognos.models.anomaly.AnomalyJson;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.ColumnScaling;
import org.prognos.models.anomaly.Detector;
import org.prognos.models.anomaly.ForestCeiling;
import org.prognos.models.anomaly.IsolationForestDetector;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.reports.Html;
import org.prognos.training.anomaly.CeilingCheck;
import org.prognos.training.config.ModelFamily;
import org.prognos.training.config.TaskConfig;
import org.prognos.training.config.TrainingConfig;

/**
 * The anomaly job names the assets that can never alarm ({@link CeilingCheck}), on the bundled NAB folder with a forest
 * per file (the variant of {@code AssetForestCalibrationTest}: {@code model.family: isolation-forest}, {@code trees: 100,
 * sampleSize: 256}). Each forest's ceiling bounds every row it scores (far out, held out, evaluated) and is the score of
 * a row: NYC taxi's own forest reaches 0.7217, not the 0.712 of the far-out rows, which is just above the pooled
 * threshold 0.7198, so at the job's 1 % nothing is said, and a feature row of NYC taxi scoring that much alarms. Asked
 * for 0.1 %, the threshold rises above it and the job names NYC taxi in its log, its metrics and its report. The bundled
 * knn job, whose detectors have no ceiling, says nothing of the kind. Per-file ceilings go to
 * {@code target/detector-ceilings.txt}.
 */
class DetectorCeilingJobTest {
    private static final String JOB = "nab-known-cause-learn-own-detector.yaml";
    private static final String SILENCED = "nyc_taxi";
    private static final String NEVER = "can never alarm";
    /** Far out: every scaled column this many standard deviations from the centre, in 200 sign patterns. */
    private static final double FAR = 1e3;

    @TempDir
    Path tmp;

    /** The bundled job with a forest per file, asked for {@code falseAlarmRate}. */
    private TrainingConfig forest(double falseAlarmRate) {
        TrainingConfig c = AnomalyJobTest.jobIn(JOB, tmp.resolve("registry"));
        TaskConfig.Anomaly t = (TaskConfig.Anomaly) c.task();
        return new TrainingConfig(c.name(), c.data(), c.spec(), new TaskConfig.Anomaly(t.normal(), falseAlarmRate,
                t.scoring(), t.scaling(), t.detector()), new TrainingConfig.ModelConfig(ModelFamily.ISOLATION_FOREST,
                Map.of("trees", IntNode.valueOf(100), "sampleSize", IntNode.valueOf(256)), Optional.empty()), c.split(),
                c.costs(), c.registry(), c.seed(), c.evaluation());
    }

    private AnomalyModel published(TrainingConfig c) throws IOException {
        return AnomalyJson.parse(Files.readAllBytes(new ModelRegistry(tmp.resolve("registry"))
                .load(c.name() + "@candidate").payloadPath()), c.name());
    }

    @Test
    void each_forests_ceiling_bounds_every_row_and_nyc_taxis_is_just_above_the_threshold_so_nothing_is_said()
            throws IOException {
        TrainingConfig c = forest(0.01);
        List<String> log = new ArrayList<>();
        TrainingJob.Result r = new TrainingJob(c, AnomalyJobTest.JOBS, log::add).run();
        AnomalyModel model = published(c);
        AnomalyPlan plan = new AnomalyPlanner(c, s -> { }, 1).plan(JobData.open(c, AnomalyJobTest.JOBS, Optional.empty()));
        Map<String, Double> highest = highestRaw(model, plan);
        double threshold = model.calibration().threshold();
        StringBuilder table = new StringBuilder("file | ceiling | exact | boxes | ms | far-out max | highest held-out or"
                + " evaluated raw | threshold " + threshold + "\n");
        for (String asset : plan.table().assetOrder()) {
            IsolationForestDetector d = (IsolationForestDetector) model.detectorOf(Optional.of(asset));
            long t0 = System.nanoTime();
            ForestCeiling.Result ceiling = ForestCeiling.of(d);
            long ms = (System.nanoTime() - t0) / 1_000_000;      // reported, never asserted
            double far = farOut(d);
            table.append(asset).append(" | ").append(ceiling.raw()).append(" | ").append(ceiling.exact()).append(" | ")
                    .append(ceiling.boxes()).append(" | ").append(ms).append(" | ").append(far).append(" | ").append(highest.get(asset)).append('\n');
            assertEquals(OptionalDouble.of(ceiling.raw()), d.ceiling());
            assertTrue(ceiling.exact(), asset + ": the search closes within " + ForestCeiling.MAX_BOXES + " boxes");
            assertEquals(ceiling.raw(), d.score(ceiling.row(), new double[d.width()]), 0, asset + ": a row scores it");
            assertTrue(far <= ceiling.raw(), asset + ": a far-out row " + far + " above the ceiling " + ceiling);
            assertTrue(highest.get(asset) <= ceiling.raw(), asset + ": a row " + highest.get(asset) + " above " + ceiling);
            assertTrue(ceiling.raw() >= threshold, asset + " can alarm");
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "detector-ceilings.txt"), table);

        // NYC taxi's best row, as a feature row of the file (unscaled by its own scaling), alarms through the model
        ForestCeiling.Result taxi = ForestCeiling.of((IsolationForestDetector) model.detectorOf(Optional.of(SILENCED)));
        ColumnScaling own = model.scalingOf(Optional.of(SILENCED));
        double[] x = new double[own.width()];
        for (int col = 0; col < x.length; col++) {
            x[col] = own.center()[col] + own.scale()[col] * taxi.row()[col];
        }
        double raw = model.score(new double[][] {x}, List.of(Optional.of(SILENCED))).raw()[0];
        assertEquals(taxi.raw(), raw, 0, "the feature row scores the ceiling");
        assertTrue(farOut(model.detectorOf(Optional.of(SILENCED))) < threshold && model.calibration().alarm(raw),
                "far-out rows stay below the threshold, the best row alarms: " + table);
        assertFalse(r.metrics().path("evaluation").toString().contains(NEVER), r.metrics().path("evaluation").toString());
        assertTrue(log.stream().noneMatch(s -> s.contains(NEVER)), "nothing said");
    }

    @Test
    void asked_for_a_tenth_of_the_rate_the_threshold_passes_nyc_taxis_ceiling_and_the_job_names_it() throws IOException {
        TrainingConfig c = forest(0.001);
        List<String> log = new ArrayList<>();
        TrainingJob.Result r = new TrainingJob(c, AnomalyJobTest.JOBS, log::add).run();
        AnomalyModel model = published(c);
        double threshold = model.calibration().threshold();
        double taxi = model.detectorOf(Optional.of(SILENCED)).ceiling().orElseThrow();
        assertTrue(taxi < threshold, taxi + " against " + threshold);

        List<String> deaf = new ArrayList<>();
        r.metrics().at("/evaluation/isolation-forest/warnings").forEach(w -> {
            if (w.asText().contains(NEVER)) {
                deaf.add(w.asText());
            }
        });
        String w = String.format(Locale.ROOT, "isolation-forest: 1 of 7 assets can never alarm: its own detector scores at"
                + " most %.3f, below the threshold %.3f the pooled calibration set: 'nyc_taxi'", taxi, threshold);
        assertEquals(List.of(w), deaf, r.metrics().at("/evaluation/isolation-forest").toString());
        assertTrue(log.contains("WARNING: " + w), "a WARNING line in the job log");
        assertTrue(Files.readString(r.bundleDirectory().resolve("report.html")).contains("<li>" + Html.escape(w) + "</li>"),
                "the report lists it");
        assertFalse(r.metrics().at("/evaluation/zscore baseline").toString().contains(NEVER), "no ceiling");
        assertFalse(Files.readString(new ModelRegistry(tmp.resolve("registry")).load(c.name() + "@candidate").payloadPath())
                .contains("ceiling"), "a ceiling is computed, never stored: the payload keeps its bytes");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "detector-ceiling-warning.txt"),
                r.metrics().at("/evaluation/isolation-forest/warnings").toPrettyString() + "\n");
        for (String asset : model.assetDetectors().keySet()) {
            assertEquals(asset.equals(SILENCED), model.detectorOf(Optional.of(asset)).ceiling().orElseThrow() < threshold,
                    asset);
        }
    }

    @Test
    void the_bundled_knn_job_has_no_ceiling_and_names_no_asset() throws IOException {
        TrainingConfig c = AnomalyJobTest.jobIn(JOB, tmp.resolve("registry"));
        List<String> log = new ArrayList<>();
        TrainingJob.Result r = new TrainingJob(c, AnomalyJobTest.JOBS, log::add).run();

        assertFalse(r.metrics().path("evaluation").toString().contains(NEVER), r.metrics().path("evaluation").toString());
        assertTrue(log.stream().noneMatch(s -> s.contains(NEVER)), log.toString());
        AnomalyModel model = published(c);
        assertEquals(7, model.assetDetectors().size());
        model.assetDetectors().values().forEach(d -> assertTrue(d.ceiling().isEmpty(), d.family()));
    }

    /** Per file, the highest raw score of its held-out and evaluated rows, each scored as the model scores its asset. */
    private static Map<String, Double> highestRaw(AnomalyModel model, AnomalyPlan plan) {
        Map<String, Double> out = new TreeMap<>();
        for (int i : plan.calibration()) {
            out.merge(plan.table().asset(i), raw(model, plan.table().asset(i), plan.table().row(i)), Math::max);
        }
        FeatureTable test = plan.test();
        for (int i = 0; i < test.size(); i++) {
            out.merge(test.asset(i), raw(model, test.asset(i), test.row(i)), Math::max);
        }
        return out;
    }

    private static double raw(AnomalyModel model, String asset, double[] row) {
        return model.score(new double[][] {row}, List.of(Optional.of(asset))).raw()[0];
    }

    /** The highest score of {@code d} over 200 scaled rows every column of which is ±{@value #FAR}. */
    private static double farOut(Detector d) {
        double[] z = new double[d.width()];
        double[] scratch = new double[d.width()];
        Random signs = new Random(1);
        double max = 0;
        for (int t = 0; t < 200; t++) {
            for (int col = 0; col < z.length; col++) {
                z[col] = signs.nextBoolean() ? FAR : -FAR;
            }
            max = Math.max(max, d.score(z, scratch));
        }
        return max;
    }
}
