package org.prognos.models.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.BundleFormatException;
import org.prognos.models.Fixtures;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Payload;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.bundle.Task;
import org.prognos.models.predict.Prediction;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;

class BaselineTest {
    static final List<String> COLUMNS = Fixtures.columns();

    @TempDir
    Path tmp;

    LoadedBundle publish(String name, Task task, Payload payload) {
        ModelRegistry r = new ModelRegistry(tmp.resolve("registry"));
        return r.load(r.publish(Fixtures.contents(name, task, payload)));
    }

    static Map<String, Double> prior(double none, double failure) {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("none", none);
        p.put("failure", failure);
        return p;
    }

    @Test
    void class_prior_is_fitted_from_labels_skipping_censored_rows() {
        Baseline.ClassPrior p = Baseline.ClassPrior.fit(List.of("none", "failure"), new double[] {0, 0, 1, Double.NaN, 0});
        assertEquals(prior(0.75, 0.25), p.probabilities());
    }

    @Test
    void class_prior_is_published_and_served_for_every_row() {
        LoadedBundle b = publish("pump-prior", Fixtures.FAILURE, new Baseline.ClassPrior(prior(0.9, 0.1)).payload());
        try (Predictor p = Predictors.load(b)) {
            Predictions.Probabilities out = (Predictions.Probabilities) p.predict(Fixtures.rows(3, 1));
            assertEquals(3, out.size());
            assertArrayEquals(new double[] {0.1, 0.1, 0.1}, out.column("failure"));
        }
    }

    @Test
    void constant_is_the_mean_of_the_labelled_targets() {
        assertEquals(new Baseline.ConstantValue(20), Baseline.ConstantValue.fit(new double[] {10, Double.NaN, 30}));
        try (Predictor p = Predictors.load(publish("pump-mean", Fixtures.RUL, new Baseline.ConstantValue(20).payload()))) {
            assertEquals(new Prediction.Value(20), p.predict(Fixtures.rows(1, 2)[0]));
        }
    }

    @Test
    void linear_degradation_is_clipped_to_zero_and_the_cap_and_uses_its_fallback_for_nan() {
        Baseline b = new Baseline.LinearDegradation(COLUMNS.get(0), 300, -4, 80);
        try (Predictor p = Predictors.load(publish("pump-linear", Fixtures.RUL, b.payload()))) {
            double[][] rows = new double[4][COLUMNS.size()];
            rows[0][0] = 50;          // 300 - 200 = 100
            rows[1][0] = 10;          // 260, capped at 125
            rows[2][0] = 100;         // -100, clipped to 0
            rows[3][0] = Double.NaN;  // fallback
            assertArrayEquals(new double[] {100, 125, 0, 80}, ((Predictions.Values) p.predict(rows)).values());
        }
    }

    @Test
    void baseline_json_names_its_type_and_round_trips() {
        Baseline b = new Baseline.LinearDegradation("x", 1, -0.5, 0.25);
        String json = BaselineJson.write(b);
        assertTrue(json.contains("\"type\" : \"linear-degradation\""), json);
        assertEquals(b, BaselineJson.parse(json.getBytes(StandardCharsets.UTF_8), "baseline.json"));
    }

    @Test
    void an_unknown_baseline_type_is_refused() {
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> BaselineJson.parse(
                "{\"type\": \"java.lang.Runtime\"}".getBytes(StandardCharsets.UTF_8), "baseline.json"));
        assertTrue(e.getMessage().startsWith("baseline.json: not a baseline: Could not resolve type id 'java.lang.Runtime'"),
                e.getMessage());
    }

    @Test
    void a_prior_that_does_not_sum_to_one_is_refused() {
        BundleFormatException e = assertThrows(BundleFormatException.class,
                () -> new Baseline.ClassPrior(prior(0.5, 0.2)));
        assertEquals("class prior probabilities sum to 0.7, not 1", e.getMessage());
    }

    @Test
    void a_baseline_that_does_not_fit_the_task_is_refused_on_load() {
        LoadedBundle wrongClasses = publish("a", new Task.FailureWithinHorizon(1, "1h", List.of("ok", "failure")),
                new Baseline.ClassPrior(prior(0.5, 0.5)).payload());
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> Predictors.load(wrongClasses));
        assertEquals("a class prior over [none, failure] cannot serve a task with outputs [ok, failure]", e.getMessage());

        LoadedBundle wrongTask = publish("b", Fixtures.FAILURE, new Baseline.ConstantValue(3).payload());
        e = assertThrows(BundleFormatException.class, () -> Predictors.load(wrongTask));
        assertEquals("a constant baseline predicts a value; the task needs class probabilities over [none, failure]",
                e.getMessage());

        LoadedBundle wrongColumn = publish("c", Fixtures.RUL, new Baseline.LinearDegradation("age", 1, -1, 1).payload());
        e = assertThrows(BundleFormatException.class, () -> Predictors.load(wrongColumn));
        assertEquals("the linear-degradation baseline reads column 'age', which the spec does not compute", e.getMessage());
    }

    @Test
    void a_malformed_baseline_payload_names_its_file() {
        LoadedBundle b = publish("d", Fixtures.RUL, new Payload(PayloadKind.BASELINE_JSON, Baseline.FILE,
                dir -> Files.writeString(dir.resolve(Baseline.FILE), "{\"type\": \"constant\", \"value\": \"NaN\", \"x\": 1}")));
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> Predictors.load(b));
        assertTrue(e.getMessage().startsWith(b.payloadPath() + ": not a baseline: "), e.getMessage());
    }
}
