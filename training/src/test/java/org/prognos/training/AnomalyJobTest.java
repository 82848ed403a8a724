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

    /** The bundled job file {@code file} as written (its evaluation included), publishing into {@code registry}. */
    static TrainingConfig jobIn(String file, Path registry) {
        TrainingConfig c = ConfigReader.read(JOBS.resolve(file));
        return new TrainingConfig(c.name(), c.data(), c.spec(), c.task(), c.model(), c.split(), c.costs(),
                registry.toString(), c.seed(), c.evaluation());
    }

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
        // every lead time names its unit: cycles on a cycle axis, with no hours
        assertEquals("cycles", pca.path("leadTimeUnit").asText(), pca.toString());
        assertEquals("cycles", pca.at("/afterWarmup/leadTimeUnit").asText(), pca.toString());
        assertTrue(pca.path("leadTimeHours").isMissingNode(), pca.toString());
        assertEquals("cycles", r.metrics().at("/evaluation/pca/within30/leadTimeUnit").asText(), r.metrics().toString());
        assertTrue(pca.path("spearman").asDouble() < -0.5, "health falls with time: " + pca);
        assertTrue(r.metrics().at("/columnsLeftOut").size() >= 5, "FD001's constant sensors are left out: " + r.metrics());
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(tmp.resolve("registry")), "cmapss-fd001-anomaly-pca@candidate")) {
            assertTrue(m.manifest().task() instanceof Task.Anomaly a && a.family().equals("pca"));
            assertEquals(0.99, m.policy().threshold(), 0.0);
            // the drift reference is the normal training rows the detector was fitted on
            assertEquals(m.manifest().featureColumns(), m.profile().orElseThrow().columns());
            assertTrue(m.profile().get().source().startsWith("normal training rows"), m.profile().get().source());
            answers_match_the_batch_path(m);
        }
    }

    @Test
    void cmapss_isolation_forest_runs_through_the_job_and_its_bundle_answers_as_the_batch_path() throws Exception {
        List<String> log = new ArrayList<>();
        TrainingJob.Result r = new TrainingJob(job("cmapss-fd001-anomaly-iforest.yaml"), JOBS, log::add).run();
        JsonNode f = r.metrics().at("/evaluation/isolation-forest/healthIndex");
        assertEquals(20, f.path("assets").asInt(), log.toString());
        assertTrue(f.at("/afterWarmup/detected").asInt() >= 18, "most test units alarm before failing: " + f);
        assertTrue(f.at("/afterWarmup/medianLeadTime").asDouble() > 10, f.toString());
        assertTrue(f.path("spearman").asDouble() < -0.5, "health falls with time: " + f);
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(tmp.resolve("registry")), "cmapss-fd001-anomaly-iforest@candidate")) {
            assertTrue(m.manifest().task() instanceof Task.Anomaly a && a.family().equals("isolation-forest"));
            answers_match_the_batch_path(m);
        }
    }

    @Test
    void a_small_cmapss_autoencoder_trains_in_the_job_and_its_bundle_answers_as_the_batch_path() throws Exception {
        TrainingConfig c = job("cmapss-fd001-anomaly-autoencoder.yaml");
        var small = new java.util.LinkedHashMap<String, JsonNode>(c.model().params());
        small.put("maxEpochs", com.fasterxml.jackson.databind.node.IntNode.valueOf(5));
        small.put("learningRate", com.fasterxml.jackson.databind.node.DoubleNode.valueOf(0.01));
        TrainingConfig quick = new TrainingConfig(c.name(), c.data(), c.spec(), c.task(),
                new TrainingConfig.ModelConfig(c.model().family(), small, c.model().search()), c.split(), c.costs(),
                c.registry(), c.seed());
        List<String> log = new ArrayList<>();
        TrainingJob.Result r = new TrainingJob(quick, JOBS, log::add).run();
        assertTrue(log.stream().anyMatch(l -> l.startsWith("autoencoder: ") && l.contains("5 epochs (at most 5)")),
                "the log says how training ended: " + log);
        JsonNode ae = r.metrics().at("/evaluation/autoencoder");
        assertEquals(0.01, ae.path("normalRowAlarmRate").asDouble(), 0.01, "calibrated on other units: " + ae);
        assertTrue(ae.at("/healthIndex/afterWarmup/detected").asInt() >= 15, ae.toString());
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(tmp.resolve("registry")), "cmapss-fd001-anomaly-autoencoder@candidate")) {
            assertTrue(m.manifest().task() instanceof Task.Anomaly a && a.family().equals("autoencoder"));
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

    /**
     * One asset (IMS bearing 1 of test 2, the bundled archive as it is): the normal period is split in time, and the
     * health index falls well before the end of the run; the calibration holds on the later normal snapshots.
     */
    @Test
    void ims_bearing_health_index_falls_hours_before_the_end_of_the_run() throws Exception {
        List<String> log = new ArrayList<>();
        TrainingJob.Result r = new TrainingJob(job("ims-bearing1-anomaly.yaml"), JOBS, log::add).run();
        assertTrue(r.metrics().path("split").asText().startsWith("one asset"), r.metrics().path("split").asText());
        assertTrue(r.metrics().path("calibrationNormalRows").asInt() >= 20, r.metrics().toString());
        JsonNode pca = r.metrics().at("/evaluation/pca/healthIndex");
        assertEquals(1, pca.path("detected").asInt(), "a sustained alarm before the end: " + pca + " " + log);
        assertTrue(pca.path("leadTimeHours").asDouble() >= HOURS_AHEAD, "hours ahead of the end: " + pca);
        // the lead times in ticks name their unit (microseconds on timestamps) and come in hours beside them
        for (JsonNode lead : List.of(pca, pca.path("afterWarmup"))) {
            assertEquals("microseconds", lead.path("leadTimeUnit").asText(), lead.toString());
            assertEquals(lead.path("medianLeadTime").asDouble() / MICROS_PER_HOUR, lead.path("leadTimeHours").asDouble(),
                    1e-9, lead.toString());
            assertEquals(lead.path("meanLeadTime").asDouble() / MICROS_PER_HOUR, lead.path("meanLeadTimeHours").asDouble(),
                    1e-9, lead.toString());
        }
        assertEquals("h", r.metrics().at("/evaluation/pca/within24h/leadTimeUnit").asText(), r.metrics().toString());
        assertTrue(pca.path("healthAtEnd").asDouble() < 50, "the index ends below the alarm level: " + pca);
        assertTrue(pca.path("spearman").asDouble() < 0, "health falls over the evaluated run: " + pca);
        // the health index along the whole run through the published bundle, for training/ANOMALY.md
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(tmp.resolve("registry")), "ims-bearing1-anomaly@candidate")) {
            FeatureTable table = new FeatureTable(m.extractor().columns());
            new BatchExtractor(m.extractor()).run(Datasets.open(JOBS.resolve("../ims-bearing"), null), table);
            FeatureTable rows = table.sorted();
            double[][] x = new double[rows.size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = rows.row(i);
            }
            double[] scores = ((Predictions.Anomalies) m.predictor().predict(x)).scores();
            long end = rows.time(rows.size() - 1);
            StringBuilder out = new StringBuilder("ims-bearing1-anomaly: " + r.metrics().at("/evaluation/pca") + "\n"
                    + "hours before the last snapshot, health index (pca, alpha 0.05)\n");
            for (int i = 0; i < x.length; i++) {
                if (i % 10 == 0 || i >= x.length - 5) {
                    out.append(String.format(java.util.Locale.ROOT, "%.1f %.1f%n", (end - rows.time(i)) / 3.6e9,
                            HealthIndex.of(scores[i], 0.05)));
                }
            }
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "ims-bearing1-health.txt"), out.toString());
            assertEquals(HealthIndex.of(scores[x.length - 1], 0.05), pca.path("healthAtEnd").asDouble(), SAME,
                    "the job's last evaluated row is the run's last snapshot");
        }
    }

    /** How far ahead of the run's last snapshot the IMS index must alarm (sustained): a maintenance shift or more. */
    private static final double HOURS_AHEAD = 8;
    /** Ticks in an hour on a timestamp axis (a tick is a microsecond). */
    private static final double MICROS_PER_HOUR = 3.6e9;

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
