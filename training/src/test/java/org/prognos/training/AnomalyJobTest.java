package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.PrognosException;
import org.prognos.features.InvalidSpecException;
import org.prognos.models.bundle.Task;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.config.TrainingConfig;
import java.util.Optional;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.Datasets;
import org.prognos.models.anomaly.HealthIndex;
import org.prognos.models.predict.Predictions;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.models.runtime.Scorer;
import org.prognos.models.runtime.answer.AnomalyOutlook;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * The bundled anomaly jobs on the bundled data, trained without labels and evaluated against the failures of
 * held-out assets: the bundle loads through the standard runtime, the alarm rate on held-out normal rows is near the
 * configured false-alarm rate, and a bad normal selection fails naming its key.
 */
class AnomalyJobTest {
    static final Path JOBS = Path.of("../notebooks-data/jobs").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    /** The job file {@code name} with its registry moved into the test's directory. */
    private TrainingConfig job(String name) {
        TrainingConfig c = ConfigReader.read(JOBS.resolve(name));
        return new TrainingConfig(c.name(), c.data(), c.spec(), c.task(), c.model(), c.split(), c.costs(),
                tmp.resolve("registry").toString(), c.seed());
    }

    @Test
    void cmapss_pca_health_index_falls_before_failure_and_the_bundle_loads_in_the_runtime() throws Exception {
        List<String> log = new ArrayList<>();
        TrainingJob.Result r = new TrainingJob(job("cmapss-fd001-anomaly-pca.yaml"), JOBS, log::add).run();
        JsonNode pca = r.metrics().at("/evaluation/pca/healthIndex");
        assertEquals(20, pca.path("assets").asInt(), log.toString());
        assertTrue(pca.path("detected").asInt() >= 18, "most test units alarm before failing: " + pca);
        assertTrue(pca.path("medianLeadTime").asDouble() > 10, pca.toString());
        assertTrue(pca.path("spearman").asDouble() < -0.5, "health falls with time: " + pca);
        assertTrue(r.metrics().at("/columnsLeftOut").size() >= 5, "FD001's constant sensors are left out: " + r.metrics());
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(tmp.resolve("registry")), "cmapss-fd001-anomaly-pca@candidate")) {
            assertTrue(m.manifest().task() instanceof Task.Anomaly a && a.family().equals("pca"));
            assertEquals(0.99, m.policy().threshold(), 0.0);
            answers_match_the_batch_path(m);
        }
    }

    /** The runtime's answers (Scorer, as the service and streaming score) carry the batch path's numbers. */
    private static void answers_match_the_batch_path(LoadedModel m) throws Exception {
        FeatureTable table = new FeatureTable(m.extractor().columns());
        new BatchExtractor(m.extractor()).run(Datasets.open(JOBS.resolve("../cmapss"), "FD001"), table);
        FeatureTable rows = table.sorted();
        List<FeatureVector> vectors = new ArrayList<>();
        double[][] x = new double[40][];
        for (int i = 0; i < x.length; i++) {
            int r = i * (rows.size() / x.length);
            x[i] = rows.row(r);
            vectors.add(new FeatureVector(Optional.of(rows.asset(r)), rows.time(r), x[i], 10, List.of()));
        }
        Predictions.Anomalies batch = (Predictions.Anomalies) m.predictor().predict(x);
        List<ScoreResponse> answers = Scorer.score(m, vectors, 3);
        for (int i = 0; i < x.length; i++) {
            AnomalyOutlook a = answers.get(i).anomaly().orElseThrow();
            assertEquals(batch.scores()[i], a.score(), SAME);
            assertEquals(batch.raw()[i], a.rawScore(), SAME);
            assertEquals(batch.scores()[i], answers.get(i).risk().score(), SAME);
            assertEquals(HealthIndex.of(a.score(), 0.01), answers.get(i).healthIndex(), SAME);
            assertEquals(a.rawScore() >= a.threshold(), answers.get(i).risk().alarm(), "alarm on the score and on the raw score agree");
            assertTrue(!a.sensors().isEmpty() && a.sensors().get(0).sensor().startsWith("sensor_"), a.toString());
            assertTrue(answers.get(i).explanation().isPresent());
        }
    }

    /** Batch and runtime answers: the same arithmetic, so the same bits up to this. */
    private static final double SAME = 1e-9;

    @Test
    void azure_pca_keeps_its_false_alarm_rate_on_unseen_machines_and_is_evaluated_beside_the_baseline() throws Exception {
        List<String> log = new ArrayList<>();
        TrainingJob.Result r = new TrainingJob(job("azure-anomaly-pca.yaml"), JOBS, log::add).run();
        JsonNode pca = r.metrics().at("/evaluation/pca");
        assertEquals(0.01, pca.path("normalRowAlarmRate").asDouble(), 0.01, "calibrated on other machines: " + pca);
        assertTrue(pca.at("/within7d/failures").asInt() >= 30, pca.toString());
        // the baseline is evaluated beside on the same rows and calibrated the same way (its figures: training/ANOMALY.md)
        JsonNode baseline = r.metrics().at("/evaluation/zscore baseline");
        assertEquals(pca.path("rows").asInt(), baseline.path("rows").asInt());
        assertEquals(0.01, baseline.path("normalRowAlarmRate").asDouble(), 0.01, baseline.toString());
    }

    @Test
    void one_nab_machine_splits_in_time_the_last_quarter_of_its_normal_period_only_calibrating() throws Exception {
        List<String> log = new ArrayList<>();
        TrainingJob.Result r = new TrainingJob(job("nab-machine-temperature-anomaly.yaml"), JOBS, log::add).run();
        String all = String.join("\n", log);
        // 3,403 normal rows before the cutoff: the first 75 % fit, the later 25 % calibrate
        assertTrue(all.contains("normal readings before 2013-12-14 16:50:00 fit until 2013-12-11 17:55:00, calibrate from then"), all);
        assertTrue(all.contains("rows: 2552 normal training, 851 normal calibration (later in time), 19280 test"), all);
        JsonNode knn = r.metrics().at("/evaluation/knn");
        assertEquals(19_280, knn.path("rows").asInt(), knn.toString());
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(tmp.resolve("registry")), "nab-machine-temperature-anomaly@candidate")) {
            assertTrue(m.manifest().task() instanceof Task.Anomaly a && a.family().equals("knn"));
        }
    }

    @Test
    void a_time_split_with_a_cutoff_off_the_axis_fails_naming_the_key() {
        TrainingConfig c = job("nab-machine-temperature-anomaly.yaml");
        TrainingConfig bad = new TrainingConfig(c.name(), c.data(), c.spec(), c.task(), c.model(),
                new org.prognos.training.config.SplitConfig.ByTime("soon", Optional.empty(), 0.25), c.costs(), c.registry(), c.seed());
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> new TrainingJob(bad, JOBS, s -> { }).run());
        assertTrue(e.getMessage().startsWith("at 'split.cutoff': not a time"), e.getMessage());
    }

    @Test
    void an_empty_normal_selection_fails_naming_the_key() {
        TrainingConfig c = job("cmapss-fd001-anomaly-pca.yaml");
        TrainingConfig empty = new TrainingConfig(c.name(), c.data(), c.spec(),
                new org.prognos.training.config.TaskConfig.Anomaly(
                        new org.prognos.training.config.NormalSelection.TimeRange(java.util.Optional.of("5000"),
                                java.util.Optional.empty()), 0.01),
                c.model(), c.split(), c.costs(), c.registry(), c.seed());
        PrognosException e = assertThrows(PrognosException.class, () -> new TrainingJob(empty, JOBS, s -> { }).run());
        assertTrue(e.getMessage().contains("'task.normal'") && e.getMessage().contains("selects no reading"), e.getMessage());
    }

    @Test
    void a_malformed_normal_selection_is_refused_naming_the_key() throws Exception {
        Path cfg = tmp.resolve("bad.yaml");
        Files.writeString(cfg, Files.readString(JOBS.resolve("cmapss-fd001-anomaly-pca.yaml"))
                .replace("normal: {from: \"10\", to: \"90\"}", "normal: {awayFromEvents: {before: 7d}}"));
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ConfigReader.read(cfg));
        assertTrue(e.getMessage().contains("task.normal.awayFromEvents"), e.getMessage());
    }
}
