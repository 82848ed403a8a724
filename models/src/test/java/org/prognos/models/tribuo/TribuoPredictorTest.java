package org.prognos.models.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.BundleFormatException;
import org.prognos.models.Fixtures;
import org.prognos.models.PredictionException;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Payload;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.bundle.Task;
import org.prognos.models.predict.Prediction;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.models.registry.ModelRegistry;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

class TribuoPredictorTest {
    static final List<String> COLUMNS = Fixtures.columns();
    static final double[][] TEST_ROWS = Fixtures.rows(40, 99);
    static final double NORMALIZATION_TOLERANCE = 1e-12;

    @TempDir
    Path tmp;

    LoadedBundle publish(String name, Task task, Payload payload) {
        ModelRegistry r = new ModelRegistry(tmp.resolve("registry"));
        return r.load(r.publish(Fixtures.contents(name, task, payload)));
    }

    static double[][] tribuoProbabilities(Model<Label> m, double[][] rows, List<String> classes) {
        List<Example<Label>> ex = new ArrayList<>();
        for (double[] row : rows) {
            ex.add(TribuoExamples.of(COLUMNS, row, LabelFactory.UNKNOWN_LABEL));
        }
        double[][] out = new double[rows.length][classes.size()];
        List<org.tribuo.Prediction<Label>> ps = m.predict(ex);
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < classes.size(); c++) {
                out[r][c] = ps.get(r).getOutputScores().get(classes.get(c)).getScore();
            }
        }
        return out;
    }

    static double[] tribuoValues(Model<Regressor> m, double[][] rows) {
        double[] out = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            out[r] = m.predict(TribuoExamples.of(COLUMNS, rows[r], RegressionFactory.UNKNOWN_REGRESSOR))
                    .getOutput().getValues()[0];
        }
        return out;
    }

    @Test
    void xgboost_classifier_predicts_identically_after_a_bundle_round_trip() {
        Model<Label> model = TrainedModels.xgbClassifier(COLUMNS);
        double[][] expected = tribuoProbabilities(model, TEST_ROWS, Fixtures.FAILURE.classes());
        try (Predictor p = TribuoPredictor.load(publish("pump-failure", Fixtures.FAILURE, TribuoPayloads.of(model)))) {
            assertInstanceOf(TribuoPredictor.class, p);
            Predictions.Probabilities got = (Predictions.Probabilities) p.predict(TEST_ROWS);
            assertEquals(Fixtures.FAILURE.classes(), got.classes());
            assertTrue(Arrays.deepEquals(expected, got.probabilities()), "bit-identical probabilities");
            assertEquals(got.get(3), p.predict(TEST_ROWS[3]));
            assertEquals("pump-failure:1", p.info().reference());
        }
    }

    @Test
    void probabilities_follow_the_manifests_class_order() {
        Model<Label> model = TrainedModels.xgbClassifier(COLUMNS);
        Task.FailureWithinHorizon reversed = new Task.FailureWithinHorizon(48, "48 cycles", List.of("failure", "none"));
        double[][] expected = tribuoProbabilities(model, TEST_ROWS, reversed.classes());
        try (Predictor p = TribuoPredictor.load(publish("pump-failure", reversed, TribuoPayloads.of(model)))) {
            Predictions.Probabilities got = (Predictions.Probabilities) p.predict(TEST_ROWS);
            assertEquals(List.of("failure", "none"), got.classes());
            assertArrayEquals(expected[0], got.get(0).probabilities());
        }
    }

    @Test
    void a_class_the_model_never_saw_gets_probability_zero() {
        Model<Label> model = TrainedModels.xgbClassifier(COLUMNS);
        Task.FailureWithinHorizon wider = new Task.FailureWithinHorizon(48, "48h", List.of("none", "failure", "bearing"));
        try (Predictor p = TribuoPredictor.load(publish("pump-failure", wider, TribuoPayloads.of(model)))) {
            Predictions.Probabilities got = (Predictions.Probabilities) p.predict(TEST_ROWS);
            for (double v : got.column("bearing")) {
                assertEquals(0.0, v);
            }
        }
    }

    @Test
    void xgboost_regressor_predicts_identically_after_a_bundle_round_trip() {
        Model<Regressor> model = TrainedModels.xgbRegressor(COLUMNS);
        double[] expected = tribuoValues(model, TEST_ROWS);
        try (Predictor p = TribuoPredictor.load(publish("pump-rul", Fixtures.RUL, TribuoPayloads.of(model)))) {
            assertArrayEquals(expected, ((Predictions.Values) p.predict(TEST_ROWS)).values());
        }
    }

    @Test
    void cart_trees_predict_identically_after_a_bundle_round_trip() {
        Model<Label> classifier = TrainedModels.cartClassifier(COLUMNS);
        Model<Regressor> regressor = TrainedModels.cartRegressor(COLUMNS);
        double[][] expectedP = tribuoProbabilities(classifier, TEST_ROWS, Fixtures.FAILURE.classes());
        double[] expectedV = tribuoValues(regressor, TEST_ROWS);
        try (Predictor c = TribuoPredictor.load(publish("tree-failure", Fixtures.FAILURE, TribuoPayloads.of(classifier)));
             Predictor r = TribuoPredictor.load(publish("tree-rul", Fixtures.RUL, TribuoPayloads.of(regressor)))) {
            double[][] got = ((Predictions.Probabilities) c.predict(TEST_ROWS)).probabilities();
            for (int i = 0; i < TEST_ROWS.length; i++) {
                // CART leaves hold class fractions; the adapter normalizes them, which may move the last bit
                assertArrayEquals(expectedP[i], got[i], NORMALIZATION_TOLERANCE);
            }
            assertArrayEquals(expectedV, ((Predictions.Values) r.predict(TEST_ROWS)).values());
        }
    }

    @Test
    void a_nan_feature_is_omitted_from_the_example() {
        Model<Regressor> model = TrainedModels.xgbRegressor(COLUMNS);
        double[] row = {60, 3, 65, 55, 2, 57};
        row[1] = Double.NaN;
        var example = TribuoExamples.of(COLUMNS, row, RegressionFactory.UNKNOWN_REGRESSOR);
        assertEquals(COLUMNS.size() - 1, example.size());
        List<String> names = new ArrayList<>();
        example.forEach(f -> names.add(f.getName()));
        assertTrue(!names.contains(COLUMNS.get(1)) && names.contains(COLUMNS.get(0)), names.toString());
        double expected = model.predict(example).getOutput().getValues()[0];
        try (Predictor p = TribuoPredictor.load(publish("pump-rul", Fixtures.RUL, TribuoPayloads.of(model)))) {
            assertEquals(new Prediction.Value(expected), p.predict(row));
        }
    }

    @Test
    void zero_is_a_value_not_a_missing_feature() {
        double[] row = new double[COLUMNS.size()];
        assertEquals(COLUMNS.size(), TribuoExamples.of(COLUMNS, row, RegressionFactory.UNKNOWN_REGRESSOR).size());
    }

    @Test
    void a_row_without_any_value_the_model_uses_is_refused() {
        Model<Regressor> model = TrainedModels.xgbRegressor(COLUMNS);
        double[] empty = new double[COLUMNS.size()];
        Arrays.fill(empty, Double.NaN);
        try (Predictor p = TribuoPredictor.load(publish("pump-rul", Fixtures.RUL, TribuoPayloads.of(model)))) {
            PredictionException e = assertThrows(PredictionException.class,
                    () -> p.predict(new double[][] {TEST_ROWS[0], empty}));
            assertEquals("row 1 has no value for any feature the model pump-rul:1 uses (all NaN); a Tribuo model cannot"
                    + " score it", e.getMessage());
        }
    }

    @Test
    void a_closed_predictor_refuses_to_predict() {
        Predictor p = TribuoPredictor.load(publish("pump-rul", Fixtures.RUL, TribuoPayloads.of(TrainedModels.cartRegressor(COLUMNS))));
        p.close();
        PredictionException e = assertThrows(PredictionException.class, () -> p.predict(TEST_ROWS));
        assertEquals("predictor pump-rul:1 is closed", e.getMessage());
    }

    @Test
    void a_model_trained_on_other_feature_names_is_refused() {
        List<String> other = COLUMNS.stream().map(c -> "old_" + c).toList();
        Model<Regressor> model = new org.tribuo.regression.rtree.CARTRegressionTrainer(3)
                .train(TrainedModels.rulData(other, Fixtures.rows(50, 1)));
        LoadedBundle b = publish("pump-rul", Fixtures.RUL, TribuoPayloads.of(model));
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> TribuoPredictor.load(b));
        assertTrue(e.getMessage().contains("the model uses features [old_") && e.getMessage().endsWith(
                "that are not among the spec's columns; it was trained on other features"), e.getMessage());
    }

    @Test
    void a_model_of_the_wrong_output_type_is_refused() {
        LoadedBundle b = publish("pump-failure", Fixtures.FAILURE, TribuoPayloads.of(TrainedModels.cartRegressor(COLUMNS)));
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> TribuoPredictor.load(b));
        assertTrue(e.getMessage().endsWith("the task is classification but the model predicts Regressor outputs"),
                e.getMessage());
    }

    @Test
    void classes_outside_the_task_are_refused() {
        Task.FailureWithinHorizon other = new Task.FailureWithinHorizon(48, "48h", List.of("ok", "failure"));
        LoadedBundle b = publish("pump-failure", other, TribuoPayloads.of(TrainedModels.cartClassifier(COLUMNS)));
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> TribuoPredictor.load(b));
        assertTrue(e.getMessage().endsWith("the model predicts classes [none] that the task's classes [ok, failure] do"
                + " not include"), e.getMessage());
    }

    @Test
    void a_model_class_outside_the_allow_list_is_refused_before_it_is_loaded() {
        byte[] proto = ModelProto.newBuilder()
                .setClassName("org.tribuo.classification.liblinear.LibLinearClassificationModel").setVersion(0)
                .build().toByteArray();
        LoadedBundle b = publish("pump-failure", Fixtures.FAILURE, new Payload(PayloadKind.TRIBUO_PROTOBUF,
                TribuoPayloads.FILE, dir -> Files.write(dir.resolve(TribuoPayloads.FILE), proto)));
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> TribuoPredictor.load(b));
        assertTrue(e.getMessage().contains(": Tribuo model class 'org.tribuo.classification.liblinear."
                + "LibLinearClassificationModel' is not one this adapter loads; allowed: [org.tribuo."), e.getMessage());
    }

    @Test
    void bytes_that_are_not_a_tribuo_model_are_refused() {
        LoadedBundle b = publish("pump-failure", Fixtures.FAILURE, new Payload(PayloadKind.TRIBUO_PROTOBUF,
                TribuoPayloads.FILE, dir -> Files.writeString(dir.resolve(TribuoPayloads.FILE), "\u00ff\u00ffnot protobuf")));
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> TribuoPredictor.load(b));
        assertTrue(e.getMessage().startsWith(b.payloadPath() + ": not a Tribuo protobuf model"), e.getMessage());
    }
}
