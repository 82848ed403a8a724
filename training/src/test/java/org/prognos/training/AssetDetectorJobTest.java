package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyJson;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ColumnScaling;
import org.prognos.models.anomaly.Detector;
import org.prognos.models.anomaly.ScoreCalibration;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.ManifestJson;
import org.prognos.models.predict.Predictions;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.training.anomaly.DetectorSettings;
import org.prognos.training.config.SplitConfig;
import org.prognos.training.config.TaskConfig;
import org.prognos.training.config.TrainingConfig;

/**
 * {@code task.detector: asset} in the anomaly job, on bundled NAB data (the realKnownCause folder, one asset per file):
 * each asset's detector in the published payload is the family fitted with the job's seed on exactly its own fitting
 * rows scaled by its own scaling (selected here from the payload's scaling and the table, independently of the fitter),
 * i.e. what fitting that asset alone gives; the one calibration scores each held-out row by its asset's detector; the
 * evaluated rows are scored by their asset's detector; the adaptive replay streams each asset through a scorer of its
 * own detector; the drawn asset split is refused.
 */
class AssetDetectorJobTest {
    private static final Path JOBS = AnomalyJobTest.JOBS;
    private static final ObjectMapper JSON = ManifestJson.mapper();

    @TempDir
    Path tmp;

    private TrainingConfig job(String file) {
        return AnomalyJobTest.jobIn(file, tmp.resolve("registry"));
    }

    private AnomalyModel published(String name) throws IOException {
        LoadedBundle bundle = new ModelRegistry(tmp.resolve("registry")).load(name + "@candidate");
        return AnomalyJson.parse(Files.readAllBytes(bundle.payloadPath()), name);
    }

    @Test
    void each_asset_is_judged_by_the_detector_fitted_on_its_own_rows_alone() throws Exception {
        TrainingConfig c = job("nab-known-cause-learn-own-detector.yaml");
        TaskConfig.Anomaly task = (TaskConfig.Anomaly) c.task();
        assertEquals(TaskConfig.DetectorScope.ASSET, task.detector());
        List<String> log = new ArrayList<>();
        TrainingJob.Result r = new TrainingJob(c, JOBS, log::add).run();
        AnomalyModel model = published(c.name());   // read back from the registry: the table is in the payload
        AnomalyPlan plan = new AnomalyPlanner(c, s -> { }, 1).plan(JobData.open(c, JOBS, Optional.empty()));
        FeatureTable table = plan.table();
        DetectorSettings settings = DetectorSettings.of(c.model().family(), c.model().params());

        // each asset alone: its fitting rows, scaled by its own scaling, through the family with the job's seed
        Map<String, List<double[]>> own = new LinkedHashMap<>();
        for (int i : plan.train()) {
            String asset = table.asset(i);
            own.computeIfAbsent(asset, k -> new ArrayList<>()).add(model.scalingOf(Optional.of(asset)).apply(table.row(i)));
        }
        assertEquals(own.keySet(), model.assetDetectors().keySet(), "every file has a detector of its own");
        for (Map.Entry<String, List<double[]>> e : own.entrySet()) {
            Detector alone = settings.fit(e.getValue().toArray(double[][]::new), c.seed(), s -> { });
            assertEquals(JSON.writeValueAsString(alone), JSON.writeValueAsString(model.assetDetectors().get(e.getKey())),
                    e.getKey() + ": the detector fitting this asset alone gives");
        }
        assertTrue(log.contains("detector: each asset its own (7 assets; 0 on the fleet's: fewer than 6 normal fitting"
                + " rows, or none varying; one calibration on the held-out rows, each scored by its asset's detector)"),
                log.toString());
        assertEquals("asset", r.metrics().path("detector").asText());
        assertEquals(7, r.metrics().path("ownDetectorAssets").asInt());

        // one calibration: every held-out row scored by its own asset's detector
        double[] raw = new double[plan.calibration().length];
        for (int k = 0; k < raw.length; k++) {
            int i = plan.calibration()[k];
            raw[k] = model.score(new double[][] {table.row(i)}, List.of(Optional.of(table.asset(i)))).raw()[0];
        }
        assertEquals(ScoreCalibration.fit(raw, task.falseAlarmRate()).threshold(), model.calibration().threshold(), 0);

        // each evaluated row scored alone by its asset's view gives the alarms the job counted; the fleet's detector
        // (on the same own scaling) gives other ones, so the count tells which detector was used
        FeatureTable test = plan.test();
        AnomalyModel fleetDetector = model.withAssetDetectors(Map.of());
        long mine = 0;
        long fleet = 0;
        for (int i = 0; i < test.size(); i++) {
            double[][] row = {test.row(i)};
            Optional<String> asset = Optional.of(test.asset(i));
            Predictions.Anomalies alone = model.forAsset(asset).score(row);
            assertEquals(alone.raw()[0], model.score(row, List.of(asset)).raw()[0], 0, "row " + i);
            mine += model.calibration().alarm(alone.raw()[0]) ? 1 : 0;
            fleet += model.calibration().alarm(fleetDetector.score(row, List.of(asset)).raw()[0]) ? 1 : 0;
        }
        assertNotEquals(fleet, mine, "the test can tell the two detectors apart");
        assertEquals(mine, r.metrics().at("/evaluation/knn/alarmRows").asLong(), r.metrics().at("/evaluation/knn").toString());
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", c.name() + "-metrics.json"), r.metrics().toPrettyString());
    }

    @Test
    void the_adaptive_replay_streams_each_asset_through_a_scorer_of_its_own_detector() throws Exception {
        TrainingConfig c = job("nab-known-cause-learn-own-detector.yaml");
        new TrainingJob(c, JOBS, s -> { }).run();
        AdaptiveScoring settings = AdaptiveScoring.likelihood().withWarmUp(20);
        AnomalyModel served = published(c.name()).withScoring(new AnomalyScoring.Adaptive(settings));
        PerAssetReplay.assertStreamsEachAssetOnItsOwn(c, served, settings, asset -> served.withAssetDetectors(Map.of()).forAsset(asset), "detectors");
    }

    @Test
    void own_detectors_under_a_drawn_asset_split_are_refused_and_publish_nothing() {
        TrainingConfig c = job("nab-known-cause-learn-own-detector.yaml");
        TrainingConfig drawn = new TrainingConfig(c.name(), c.data(), c.spec(), c.task(), c.model(), SplitConfig.byAsset(),
                c.costs(), c.registry(), c.seed(), c.evaluation());
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> new TrainingJob(drawn, JOBS, s -> { }).run());
        assertEquals("'task.detector: asset' fits each asset's detector on its own rows in training, and an asset split"
                + " (whole assets drawn for test by 'split.testFraction', the split of a job without 'split.method: time')"
                + " evaluates assets that have none there: split each asset in time ('split.learn' or 'split.cutoff' with"
                + " 'split.method: time'), or keep 'task.detector: fleet'", e.getMessage());
        assertTrue(Files.notExists(tmp.resolve("registry").resolve(c.name())), "nothing published");
    }
}
