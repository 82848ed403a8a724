package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.PrognosException;
import org.prognos.features.io.Datasets;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.models.bundle.Task;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.calibration.ProbabilityCalibration;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.Scorer;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.data.FleetRows;
import org.prognos.training.data.LabeledRows;

/**
 * The bundled Azure 24 h job, CI-sized (40 trees, 3 asset folds; machines 51–70 held out for test): the calibration
 * fitted on out-of-fold predictions of the training machines lowers the expected calibration error on the held-out
 * machines, travels in the bundle and is what the runtime answers with; the threshold comes from the folds with its
 * spread; the alarm-count rule and the logistic model are printed beside the model. A time split whose threshold is
 * chosen on its validation period (the 7-day job cut at 2015-11-01: the full job's threshold there came out at 0.0037,
 * the 0.0007 kind a review found) is flagged degenerate, or refused.
 */
class AzureCalibrationTest {
    static final Path JOBS = Path.of("../notebooks-data/jobs").toAbsolutePath().normalize();
    private static final double EXACT = 1e-9;

    @TempDir
    static Path tmp;

    static TrainingJob.Result result;
    static List<String> output = new ArrayList<>();

    static Path config(String name, String extra, String splitReplacement) throws Exception {
        return config("azure-24h-xgboost.yaml", name, extra, splitReplacement);
    }

    static Path config(String job, String name, String extra, String splitReplacement) throws Exception {
        Path cfg = tmp.resolve(name + ".yaml");
        String text = Files.readString(JOBS.resolve(job))
                .replaceAll("registry: .*", "registry: " + tmp.resolve("registry"))
                .replace("../", JOBS.getParent() + "/")
                .replace("trees: 300", "trees: 40").replace("eta: 0.05", "eta: 0.2")
                .replace("components: [comp1, comp2, comp3, comp4]", "components: [comp1, comp2, comp3, comp4]\n" + extra);
        if (splitReplacement != null) {
            text = text.replaceAll("(?s)split:.*?costs:", splitReplacement + "\ncosts:");
        }
        Files.writeString(cfg, text);
        return cfg;
    }

    @BeforeAll
    static void train() throws Exception {
        result = new TrainingJob(ConfigReader.read(config("azure", "  calibration: {folds: 3}", null)), tmp, output::add).run();
    }

    @Test
    void calibration_lowers_the_expected_calibration_error_on_held_out_machines() {
        JsonNode test = result.metrics().at("/calibration/test");
        double before = test.at("/before/expectedCalibrationError").asDouble();
        double after = test.at("/after/expectedCalibrationError").asDouble();
        assertTrue(after < before, "ECE before " + before + ", after " + after);
        assertTrue(result.metrics().at("/decision/calibrated").asBoolean());
        assertTrue(result.metrics().at("/baselines/uncalibrated/eventRecall").isNumber());
    }

    @Test
    void the_calibration_is_monotone_travels_in_the_bundle_and_the_runtime_answers_with_it() throws Exception {
        LoadedBundle bundle = new ModelRegistry(tmp.resolve("registry")).load(result.published());
        ProbabilityCalibration c = bundle.calibration().orElseThrow();
        double last = -1;
        for (int i = 0; i <= 1000; i++) {
            double v = c.apply(i / 1000.0);
            assertTrue(v >= last, "not monotone at " + i / 1000.0);
            last = v;
        }
        Task.FailureWithinHorizon task = (Task.FailureWithinHorizon) bundle.manifest().task();
        LabeledRows rows = FleetRows.extract(bundle.spec(), Datasets.open(JOBS.resolve("../azure-pdm"), null),
                FailureWithinHorizon.perComponent(task.horizonTicks(), task.classes().subList(1, task.classes().size())), 1)
                .filter(i -> i < 200);
        try (LoadedModel model = LoadedModel.load(bundle); Predictor raw = Predictors.load(bundle)) {
            double[] risks = Scorer.risks(model, rows.x());
            double[][] p = ((Predictions.Probabilities) raw.predict(rows.x())).probabilities();
            for (int r = 0; r < risks.length; r++) {
                assertEquals(c.apply(1 - p[r][0]), risks[r], EXACT, "row " + r);
            }
        }
    }

    @Test
    void the_threshold_comes_from_the_folds_with_its_spread_and_the_baselines_are_printed_beside() {
        JsonNode tc = result.metrics().get("thresholdChoice");
        assertEquals("folds", tc.get("basis").asText());
        assertEquals(3, tc.get("foldThresholds").size());
        assertTrue(tc.get("failureEvents").asInt() >= 30, tc.toString());
        assertEquals(result.metrics().at("/decision/threshold").asDouble(), tc.get("threshold").asDouble(), EXACT);
        for (String b : List.of("class-prior", "alarm-count", "logistic")) {
            assertTrue(result.metrics().at("/baselines/" + b + "/eventRecall").isNumber(), b);
        }
        assertTrue(output.stream().anyMatch(l -> l.contains("fold thresholds min")), String.join("\n", output));
    }

    @Test
    void a_threshold_chosen_on_a_time_splits_validation_period_is_flagged_degenerate_or_refused() throws Exception {
        // the 7-day job, trained on the three weeks before November less the validation week and the purge gaps
        String split = "split: {method: time, cutoff: \"2015-11-01 00:00:00\", gap: 7d, validationFraction: 0.2}";
        List<String> lines = new ArrayList<>();
        TrainingJob.Result warned = new TrainingJob(ConfigReader.read(config("azure-7d-xgboost.yaml", "azure-time",
                "  calibration: {method: none}\n  threshold: {basis: validation}", split)), tmp, lines::add).run();
        JsonNode warnings = warned.metrics().at("/decision/warnings");
        assertTrue(warnings.toString().contains("degenerate"), warnings + "\n" + String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARNING: degenerate")));
        PrognosException e = assertThrows(PrognosException.class, () -> new TrainingJob(ConfigReader.read(config(
                "azure-7d-xgboost.yaml", "azure-refuse",
                "  calibration: {method: none}\n  threshold: {basis: validation, onDegenerate: refuse}", split)), tmp, s -> { }).run());
        assertTrue(e.getMessage().contains("degenerate"), e.getMessage());
    }
}
