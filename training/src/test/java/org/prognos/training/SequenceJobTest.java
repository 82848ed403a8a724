package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prognos.models.interval.RulInterval;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.io.Datasets;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.sequence.EpochReport;
import org.prognos.training.sequence.SequenceTrainingException;

/**
 * A {@code cnn} job config on C-MAPSS FD001, CI-sized (one small network, at most 4 epochs), through the whole path:
 * job → dl4j-zip bundle with report and learning curves → reload from the registry (checksums verified) →
 * {@code prognos evaluate}'s code on the FD001 test units, which must give the job's own figures. Quality of the
 * full-size model: {@code training/SEQUENCE_MODELS.md}.
 */
class SequenceJobTest {
    static final Path DATA = Path.of("../notebooks-data").toAbsolutePath().normalize();

    @TempDir
    static Path tmp;

    static TrainingJob.Result result;
    static final List<String> log = new ArrayList<>();
    static final List<EpochReport> epochs = new ArrayList<>();

    static String config(Path registry, String params) {
        return """
                {"name": "fd001-cnn",
                 "data": {"train": "%1$s/cmapss", "subset": "FD001", "test": "%1$s/cmapss", "testSubset": "FD001:test", "evaluateAt": "last"},
                 "spec": "%1$s/specs/cmapss-sequence30.json",
                 "task": {"type": "remaining-useful-life", "cap": 125, "unit": "1"},
                 "model": {"family": "cnn", "params": %3$s},
                 "split": {"method": "asset", "validationFraction": 0.2},
                 "registry": "%2$s", "seed": 42}
                """.formatted(DATA, registry, params);
    }

    /**
     * What CI affords on two cores: the small CNN of {@code SequenceSettings.ciCnn}, one network, 4 epochs, reading the
     * cycles elapsed beside the sequences (so the reload test below covers a scalar input too).
     */
    static final String CI_PARAMS = """
            {"layers": 1, "filters": 12, "kernel": 5, "denseUnits": 24, "dropout": 0.3, "learningRate": 0.002,
             "learningRateDecay": 0.9, "maxEpochs": 4, "patience": 2, "members": 1, "scalars": ["elapsed"]}""";

    @BeforeAll
    static void train() throws Exception {
        Path cfg = tmp.resolve("job.json");
        Files.writeString(cfg, config(tmp.resolve("registry"), CI_PARAMS));
        result = new TrainingJob(ConfigReader.read(cfg), tmp, log::add, epochs::add).run();
    }

    @AfterAll
    static void clear() {
        log.clear();
        epochs.clear();
    }

    @Test
    void a_cnn_job_beats_the_mean_rul_baseline_clearly_on_the_fd001_test_units() {
        JsonNode m = result.metrics();
        double model = m.at("/model/rmseCappedTruth").asDouble();
        double mean = m.at("/baselines/mean-rul/rmseCappedTruth").asDouble();
        assertEquals(100, m.at("/model/count").asInt());
        assertTrue(model < 0.6 * mean, "model " + model + ", mean-RUL baseline " + mean + "\n" + String.join("\n", log));
        assertTrue(m.at("/model/rmse").asDouble() >= model, "uncapped truth is reported too");
        assertTrue(m.at("/baselines/linear-degradation/rmse").isNumber(), "the linear baseline is beside the model");
    }

    @Test
    void every_epoch_is_heard_and_logged_and_the_last_one_says_it_stops() {
        assertTrue(epochs.size() >= 1 && epochs.size() <= 4, epochs.toString());
        assertTrue(epochs.get(epochs.size() - 1).stopping());
        assertTrue(epochs.subList(0, epochs.size() - 1).stream().noneMatch(EpochReport::stopping));
        assertEquals(epochs.size(), log.stream().filter(l -> l.startsWith("epoch network 1/1")).count(), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("cross-validated RMSE")), String.join("\n", log));
    }

    @Test
    void the_bundle_carries_a_dl4j_zip_payload_the_report_with_learning_curves_and_the_metrics() throws Exception {
        LoadedBundle bundle = new ModelRegistry(tmp.resolve("registry")).load("fd001-cnn@candidate");
        assertEquals(PayloadKind.DL4J_ZIP, bundle.manifest().payload().kind());
        assertEquals("cnn", bundle.manifest().provenance().hyperparameters().get("architecture").get("type").asText());
        assertEquals(12, bundle.manifest().provenance().hyperparameters().get("architecture").get("filters").asInt());
        String html = Files.readString(result.bundleDirectory().resolve("report.html"));
        assertTrue(html.contains("<section id=\"learning\">"), "learning curves section");
        assertTrue(html.contains("Learning curve of cnn, the network, weights of epoch"), "one curve per network");
        assertTrue(html.contains("<svg"), "inline SVG charts");
        JsonNode curve = bundle.manifest().metrics().path("learningCurves").get(0);
        assertEquals("epoch", curve.path("step").asText());
        assertEquals(epochs.size(), curve.path("trainLoss").size());
        assertEquals(epochs.get(0).validationLoss(), curve.path("validationLoss").get(0).asDouble(), 0.0);
        assertEquals(1, bundle.manifest().metrics().at("/sequence/networks").size());
        assertEquals("elapsed", bundle.manifest().metrics().at("/sequence/scalars/0").asText());
        JsonNode served = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                bundle.readVerified("sequence-model.json"));
        assertEquals("elapsed", served.at("/input/scalars/0").asText(), "the input the served model reads: " + served);
    }

    @Test
    void prognos_evaluate_reloads_the_bundle_and_reproduces_the_jobs_test_figures() throws Exception {
        LoadedBundle bundle = new ModelRegistry(tmp.resolve("registry")).load("fd001-cnn@candidate");
        JsonNode again = BundleEvaluation.evaluate(bundle, Datasets.open(DATA.resolve("cmapss"), "FD001:test"), true,
                Predictors.standard(), s -> { });
        assertEquals(100, again.at("/model/count").asInt());
        assertEquals(result.metrics().at("/model/rmseCappedTruth").asDouble(), again.at("/model/rmseCappedTruth").asDouble(),
                SAME_PREDICTIONS);
        assertEquals(result.metrics().at("/model/rmse").asDouble(), again.at("/model/rmse").asDouble(), SAME_PREDICTIONS);
        assertEquals(result.metrics().at("/baselines/mean-rul/rmse").asDouble(), again.at("/baselines/mean-rul/rmse").asDouble(),
                SAME_PREDICTIONS);
    }

    @Test
    void the_sequence_bundle_publishes_a_conformal_interval_from_its_networks_out_of_fold_residuals() throws Exception {
        // one network (CI-sized): its early-stopping fold, 1 of 5 of the training units, gives the calibration rows
        JsonNode iv = result.metrics().path("interval");
        assertEquals("binned", iv.path("method").asText(), iv.toString());
        assertEquals(100, iv.path("count").asInt());
        assertTrue(iv.path("coverage").asDouble() >= 0.8, "coverage on the FD001 test units: " + iv);
        assertTrue(iv.path("meanWidth").asDouble() > 0, iv.toString());
        assertTrue(iv.path("baselines").path("absolute").path("coverage").isNumber(), "the plain baseline beside: " + iv);
        RulInterval read = new ModelRegistry(tmp.resolve("registry")).load("fd001-cnn@candidate").interval().orElseThrow();
        assertEquals(125, read.cap(), 0.0);
        assertEquals(20, read.assets(), "the units of the one network's fold: " + read.calibration());
        assertTrue(read.calibration().startsWith("out-of-fold residuals of the ensemble's 1 network(s)"), read.calibration());
    }

    /** The reloaded networks run the same float32 code on the same rows. */
    static final double SAME_PREDICTIONS = 1e-9;

    @Test
    void a_hyperparameter_the_family_does_not_take_is_named() throws Exception {
        Path cfg = tmp.resolve("bad.json");
        Files.writeString(cfg, config(tmp.resolve("registry-bad"), "{\"trees\": 300}"));
        var job = new TrainingJob(ConfigReader.read(cfg), tmp, s -> { });
        InvalidSpecException e = assertThrows(InvalidSpecException.class, job::run);
        assertTrue(e.getMessage().startsWith("at 'model.params.trees': unknown hyperparameter of cnn; expected one of [layers,"
                + " filters, kernel,"), e.getMessage());
        Files.writeString(cfg, config(tmp.resolve("registry-bad"), "{\"units\": 16}"));
        e = assertThrows(InvalidSpecException.class, new TrainingJob(ConfigReader.read(cfg), tmp, s -> { })::run);
        assertTrue(e.getMessage().startsWith("at 'model.params.units': unknown hyperparameter of cnn"), e.getMessage());
        Files.writeString(cfg, config(tmp.resolve("registry-bad"), "{\"filters\": 2.5}"));
        e = assertThrows(InvalidSpecException.class, new TrainingJob(ConfigReader.read(cfg), tmp, s -> { })::run);
        assertEquals("at 'model.params.filters': expected a whole number, found 2.5", e.getMessage());
        Files.writeString(cfg, config(tmp.resolve("registry-bad"), "{\"dropout\": 1.5}"));
        e = assertThrows(InvalidSpecException.class, new TrainingJob(ConfigReader.read(cfg), tmp, s -> { })::run);
        assertEquals("at 'model.params' of cnn: dropout must be in [0, 1), found 1.5", e.getMessage());
        Files.writeString(cfg, config(tmp.resolve("registry-bad"), "{\"scalars\": \"elapsed\"}"));
        e = assertThrows(InvalidSpecException.class, new TrainingJob(ConfigReader.read(cfg), tmp, s -> { })::run);
        assertEquals("at 'model.params.scalars': expected a list of column names, found \"elapsed\"", e.getMessage());
        Files.writeString(cfg, config(tmp.resolve("registry-bad"), "{\"scalars\": [\"age\"], \"maxEpochs\": 1}"));
        SequenceTrainingException missing = assertThrows(SequenceTrainingException.class,
                new TrainingJob(ConfigReader.read(cfg), tmp, s -> { })::run);
        assertTrue(missing.getMessage().startsWith("scalars [age] are not columns of the feature rows; the spec emits"
                + " [elapsed] besides the sequences"), missing.getMessage());
        assertTrue(Files.notExists(tmp.resolve("registry-bad").resolve("fd001-cnn")), "nothing published");
    }

    @Test
    void a_sequence_family_refuses_a_failure_task_and_a_search_naming_the_field() throws Exception {
        Path cfg = tmp.resolve("bad-task.json");
        Files.writeString(cfg, config(tmp.resolve("registry-bad"), "{}")
                .replace("{\"type\": \"remaining-useful-life\", \"cap\": 125, \"unit\": \"1\"}",
                        "{\"type\": \"failure-within-horizon\", \"horizon\": \"30\"}"));
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                new TrainingJob(ConfigReader.read(cfg), tmp, s -> { })::run);
        assertTrue(e.getMessage().startsWith("at 'task.type': model family cnn predicts remaining useful life"), e.getMessage());
        Files.writeString(cfg, config(tmp.resolve("registry-bad"), "{}")
                .replace("\"params\": {}", "\"search\": {\"space\": {\"filters\": [8, 16]}}"));
        e = assertThrows(InvalidSpecException.class, new TrainingJob(ConfigReader.read(cfg), tmp, s -> { })::run);
        assertTrue(e.getMessage().startsWith("at 'model.search': hyperparameter search is for the tree families"),
                e.getMessage());
    }
}
