package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.Datasets;
import org.prognos.features.telemetry.Dataset;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyJson;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ColumnScaling;
import org.prognos.models.anomaly.Detector;
import org.prognos.models.anomaly.ScoreCalibration;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.predict.Predictions;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.training.anomaly.DetectorSettings;
import org.prognos.training.config.SplitConfig;
import org.prognos.training.config.TaskConfig;
import org.prognos.training.config.TrainingConfig;

/**
 * {@code task.scaling: asset} in the anomaly job, on bundled NAB data (the realKnownCause folder, one asset per file,
 * whose files' levels differ by orders of magnitude: a temperature, a CPU share, a latency, taxi counts): each asset's
 * scaling in the published payload is {@link ColumnScaling#fitOwn} of exactly its own fitting rows, selected here from
 * the readings, independently of the planner; the evaluated rows are scored on their asset's scaling; a fleet-scaled
 * job writes the payload it wrote before the option existed; the adaptive replay streams each asset through a scorer of
 * its own scaling; the drawn asset split is refused.
 */
class AssetScalingJobTest {
    private static final Path JOBS = AnomalyJobTest.JOBS;
    /** Of each file, the first 15 % of its readings learn; of those, the last 25 % calibrate (the job file's split). */
    private static final double LEARN = 0.15;
    private static final double CALIBRATE = 0.25;

    @TempDir
    Path tmp;

    private TrainingConfig job(String file) {
        return AnomalyJobTest.jobIn(file, tmp.resolve("registry"));
    }

    private static TrainingConfig withTask(TrainingConfig c, TaskConfig task, SplitConfig split) {
        return new TrainingConfig(c.name(), c.data(), c.spec(), task, c.model(), split, c.costs(), c.registry(), c.seed(),
                c.evaluation());
    }

    private AnomalyModel published(String name) throws IOException {
        LoadedBundle bundle = new ModelRegistry(tmp.resolve("registry")).load(name + "@candidate");
        return AnomalyJson.parse(Files.readAllBytes(bundle.payloadPath()), name);
    }

    /** Each file's reading times, in file order. */
    private static Map<String, List<Long>> readings(TrainingConfig c) throws IOException {
        Dataset folder = Datasets.open(JOBS.resolve(c.data().train()), null);
        Map<String, List<Long>> out = new LinkedHashMap<>();
        folder.telemetry().forEach((a, t, v) -> out.computeIfAbsent(a, k -> new ArrayList<>()).add(t));
        return out;
    }

    @Test
    void each_asset_is_scaled_by_its_own_fitting_rows_and_its_rows_are_scored_on_it() throws Exception {
        TrainingConfig c = job("nab-known-cause-learn-own-scaling.yaml");
        assertEquals(TaskConfig.Scaling.ASSET, ((TaskConfig.Anomaly) c.task()).scaling());
        List<String> log = new ArrayList<>();
        TrainingJob.Result r = new TrainingJob(c, JOBS, log::add).run();
        AnomalyModel model = published(c.name());   // read back from the registry: the table is in the payload
        AnomalyPlan plan = new AnomalyPlanner(c, s -> { }, 1).plan(JobData.open(c, JOBS, Optional.empty()));
        FeatureTable table = plan.table();

        // the fitting rows, from the readings: no normal selection, so an asset's fitting rows are those before its
        // calibration start, the reading at floor(75 %) of its first ceil(15 %) readings
        Map<String, Long> calibratedFrom = new LinkedHashMap<>();
        for (Map.Entry<String, List<Long>> e : readings(c).entrySet()) {
            List<Long> t = e.getValue();
            int learn = (int) Math.ceil(LEARN * t.size());
            calibratedFrom.put(e.getKey(), t.get((int) Math.floor((1 - CALIBRATE) * learn)));
        }
        Map<String, List<double[]>> fitRows = new LinkedHashMap<>();
        List<double[]> all = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {    // in the table's order (asset, then time), as the job sums them
            if (table.time(i) < calibratedFrom.get(table.asset(i))) {
                fitRows.computeIfAbsent(table.asset(i), k -> new ArrayList<>()).add(table.row(i));
                all.add(table.row(i));
            }
        }
        ColumnScaling fleet = ColumnScaling.fit(all.toArray(double[][]::new), table.columns().size());
        assertArrayEquals(fleet.center(), model.scaling().center(), 0, "the fleet's scaling as before, on every fitting row");
        assertArrayEquals(fleet.scale(), model.scaling().scale(), 0);
        assertEquals(fitRows.keySet(), model.assetScaling().keySet(), "every file has its own scaling");
        for (Map.Entry<String, List<double[]>> e : fitRows.entrySet()) {
            ColumnScaling own = ColumnScaling.fitOwn(e.getValue().toArray(double[][]::new), fleet);
            ColumnScaling got = model.assetScaling().get(e.getKey());
            assertArrayEquals(own.center(), got.center(), 0, e.getKey() + ": the mean of exactly its own fitting rows");
            assertArrayEquals(own.scale(), got.scale(), 0, e.getKey());
        }
        assertTrue(log.contains("scaling: each asset its own (7 assets; 0 on the fleet's: fewer than 2 normal fitting rows)"),
                log.toString());
        assertEquals("asset", r.metrics().path("scaling").asText());
        assertEquals(7, r.metrics().path("ownScalingAssets").asInt());

        // each evaluated row scored alone on its asset's scaling (the model a per-asset scorer is made with) gives the
        // alarms the job counted; the fleet's scaling gives other ones, so the count tells which scaling was used
        FeatureTable test = plan.test();
        long own = 0;
        long pooled = 0;
        for (int i = 0; i < test.size(); i++) {
            double[][] row = {test.row(i)};
            Predictions.Anomalies alone = model.forAsset(Optional.of(test.asset(i))).score(row);
            Predictions.Anomalies together = model.score(row, List.of(Optional.of(test.asset(i))));
            assertEquals(alone.raw()[0], together.raw()[0], 0, "row " + i);
            own += model.calibration().alarm(alone.raw()[0]) ? 1 : 0;
            pooled += model.calibration().alarm(model.score(row).raw()[0]) ? 1 : 0;
        }
        assertNotEquals(pooled, own, "the test can tell the two scalings apart");
        assertEquals(own, r.metrics().at("/evaluation/knn/alarmRows").asLong(), r.metrics().at("/evaluation/knn").toString());
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", c.name() + "-metrics.json"), r.metrics().toPrettyString());
    }

    @Test
    void the_adaptive_replay_streams_each_asset_through_a_scorer_of_its_own_scaling() throws Exception {
        TrainingConfig c = job("nab-known-cause-learn-own-scaling.yaml");
        new TrainingJob(c, JOBS, s -> { }).run();
        AdaptiveScoring settings = AdaptiveScoring.likelihood().withWarmUp(20);
        AnomalyModel served = published(c.name()).withScoring(new AnomalyScoring.Adaptive(settings));
        PerAssetReplay.assertStreamsEachAssetOnItsOwn(c, served, settings, asset -> served.withAssetScaling(Map.of()), "scalings");
    }

    @Test
    void fleet_scaling_writes_the_payload_a_job_without_the_option_wrote() throws Exception {
        TrainingConfig c = job("nab-known-cause-learn.yaml");
        TaskConfig.Anomaly task = (TaskConfig.Anomaly) c.task();
        assertEquals(TaskConfig.Scaling.FLEET, task.scaling(), "the default");
        TrainingJob.Result r = new TrainingJob(c, JOBS, s -> { }).run();
        String bytes = Files.readString(new ModelRegistry(tmp.resolve("registry")).load(c.name() + "@candidate").payloadPath());
        assertFalse(bytes.contains("assetScaling"), "no table written");
        assertEquals("fleet", r.metrics().path("scaling").asText());

        // the payload as the job computed it before 'task.scaling' existed: one scaling on every fitting row
        AnomalyPlan plan = new AnomalyPlanner(c, s -> { }, 1).plan(JobData.open(c, JOBS, Optional.empty()));
        double[][] train = rows(plan.table(), plan.train());
        double[][] held = rows(plan.table(), plan.calibration());
        int width = plan.table().columns().size();
        ColumnScaling scaling = ColumnScaling.fit(train, width);
        DetectorSettings settings = DetectorSettings.of(c.model().family(), c.model().params());
        Detector detector = settings.fit(scale(scaling, train), c.seed(), s -> { });
        double[] raw = new double[held.length];
        for (int i = 0; i < held.length; i++) {
            raw[i] = detector.score(scaling.apply(held[i]), new double[width]);
        }
        AnomalyModel before = AnomalyModel.of(plan.table().columns(), scaling, detector,
                ScoreCalibration.fit(raw, task.falseAlarmRate())).withScoring(task.scoring());
        assertEquals(AnomalyJson.write(before) + "\n", bytes, "bit-identical to the fleet-scaled payload");

        TrainingConfig explicit = withTask(job("nab-known-cause-learn.yaml"), task.withScaling(TaskConfig.Scaling.FLEET), c.split());
        Path second = tmp.resolve("second");
        TrainingConfig again = new TrainingConfig(c.name(), c.data(), c.spec(), explicit.task(), c.model(), c.split(),
                c.costs(), second.toString(), c.seed(), c.evaluation());
        new TrainingJob(again, JOBS, s -> { }).run();
        assertArrayEquals(bytes.getBytes(StandardCharsets.UTF_8),
                Files.readAllBytes(new ModelRegistry(second).load(c.name() + "@candidate").payloadPath()),
                "'task.scaling: fleet' written out is the default");
    }

    @Test
    void own_scaling_under_a_drawn_asset_split_is_refused_and_publishes_nothing() {
        TrainingConfig c = job("nab-known-cause-learn-own-scaling.yaml");
        TrainingConfig drawn = withTask(c, c.task(), SplitConfig.byAsset());
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> new TrainingJob(drawn, JOBS, s -> { }).run());
        assertEquals("'task.scaling: asset' learns each asset's normal from its own rows in training, and an asset split"
                + " (whole assets drawn for test by 'split.testFraction', the split of a job without 'split.method: time')"
                + " evaluates assets that have none there: split each asset in time ('split.learn' or 'split.cutoff' with"
                + " 'split.method: time'), or keep 'task.scaling: fleet'", e.getMessage());
        assertTrue(Files.notExists(tmp.resolve("registry").resolve(c.name())), "nothing published");
    }

    private static double[][] rows(FeatureTable t, int[] idx) {
        double[][] x = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            x[i] = t.row(idx[i]);
        }
        return x;
    }

    private static double[][] scale(ColumnScaling s, double[][] rows) {
        double[][] z = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            z[i] = s.apply(rows[i]);
        }
        return z;
    }
}
