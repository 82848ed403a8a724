package org.prognos.models.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.BundleFormatException;
import org.prognos.models.Fixtures;
import org.prognos.models.PredictionException;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.bundle.Task;
import org.prognos.models.predict.Prediction;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;

class Dl4jPredictorTest {
    static final double CAP = 125;
    static final double[][] ROWS = TinyNetworks.rows(64, 11);

    @TempDir
    Path tmp;

    static SequenceEnsemble ensemble(SequenceInput input, MultiLayerNetwork... networks) {
        return new SequenceEnsemble(List.of(networks), input, CAP, OptionalDouble.of(CAP));
    }

    LoadedBundle publish(Task task, SequenceEnsemble ensemble) {
        ModelRegistry r = new ModelRegistry(tmp.resolve("registry"));
        return r.load(r.publish(BundleContents.of("pump-rul", task, TinyNetworks.spec(), Fixtures.provenance(),
                Fixtures.metrics(), ensemble.payload())));
    }

    @Test
    void a_cnn_predicts_identically_after_a_bundle_round_trip() {
        try (SequenceEnsemble trained = ensemble(TinyNetworks.both(), TinyNetworks.cnn(2, 1))) {
            double[] expected = trained.predict(ROWS, trained.input().indicesIn(TinyNetworks.columns()));
            LoadedBundle bundle = publish(Fixtures.RUL, trained);
            try (Predictor p = Predictors.standard().create(bundle)) {
                assertInstanceOf(Dl4jPredictor.class, p);
                double[] served = ((Predictions.Values) p.predict(ROWS)).values();
                assertArrayEquals(expected, served, 0.0, "bit-identical predictions");
                for (double v : served) {
                    assertTrue(v >= 0 && v <= CAP, "remaining life in [0, cap]: " + v);
                }
            }
        }
    }

    @Test
    void a_network_reading_a_scalar_predicts_identically_after_a_bundle_round_trip() {
        // any column of the spec can be a scalar; here the newest temperature, fed as a third, constant channel
        SequenceInput withScalar = new SequenceInput(TinyNetworks.WINDOW, TinyNetworks.CHANNELS, List.of("temp_seq_4"),
                new double[] {60, 3, 60}, new double[] {10, 2, 10});
        try (SequenceEnsemble trained = ensemble(withScalar, TinyNetworks.cnn(3, 1))) {
            double[] expected = trained.predict(ROWS, trained.input().indicesIn(TinyNetworks.columns()));
            LoadedBundle bundle = publish(Fixtures.RUL, trained);
            try (Predictor p = Predictors.standard().create(bundle)) {
                double[] served = ((Predictions.Values) p.predict(ROWS)).values();
                assertArrayEquals(expected, served, 0.0, "bit-identical predictions");
            }
        }
    }

    @Test
    void an_ensemble_averages_its_members_and_survives_the_round_trip() {
        SequenceInput vib = TinyNetworks.vibOnly();
        int[] idx = vib.indicesIn(TinyNetworks.columns());
        try (SequenceEnsemble cnn = ensemble(vib, TinyNetworks.cnn(1, 2));
             SequenceEnsemble lstm = ensemble(vib, TinyNetworks.lstm(1, 3));
             SequenceEnsemble both = ensemble(vib, TinyNetworks.cnn(1, 2), TinyNetworks.lstm(1, 3))) {
            double[] a = cnn.predict(ROWS, idx);
            double[] b = lstm.predict(ROWS, idx);
            double[] mean = both.predict(ROWS, idx);
            for (int r = 0; r < ROWS.length; r++) {
                assertEquals((a[r] + b[r]) / 2, mean[r], 1e-9 * CAP, "row " + r);
            }
            LoadedBundle bundle = publish(Fixtures.RUL, both);
            assertTrue(Files.exists(bundle.directory().resolve("model-2.zip")));
            try (Dl4jPredictor p = Dl4jPredictor.load(bundle)) {
                assertEquals(2, p.members());
                assertEquals(vib, p.input());
                assertArrayEquals(mean, ((Predictions.Values) p.predict(ROWS)).values(), 0.0);
            }
        }
    }

    @Test
    void a_single_row_goes_through_the_batch_path() {
        try (SequenceEnsemble trained = ensemble(TinyNetworks.both(), TinyNetworks.lstm(2, 4));
             Dl4jPredictor p = Dl4jPredictor.load(publish(Fixtures.RUL, trained))) {
            double[] batch = ((Predictions.Values) p.predict(ROWS)).values();
            for (int r = 0; r < 5; r++) {
                Prediction one = p.predict(ROWS[r]);
                assertEquals(batch[r], ((Prediction.Value) one).value(), 0.0);
            }
        }
    }

    @Test
    void bad_rows_are_refused_naming_the_row() {
        try (SequenceEnsemble trained = ensemble(TinyNetworks.both(), TinyNetworks.cnn(2, 1));
             Dl4jPredictor p = Dl4jPredictor.load(publish(Fixtures.RUL, trained))) {
            PredictionException e = assertThrows(PredictionException.class, () -> p.predict(new double[][] {{1, 2}}));
            assertEquals("row 0 has 2 values; the model takes 10 feature columns", e.getMessage());
        }
    }

    @Test
    void a_closed_predictor_refuses_to_predict() {
        try (SequenceEnsemble trained = ensemble(TinyNetworks.both(), TinyNetworks.cnn(2, 1))) {
            Dl4jPredictor p = Dl4jPredictor.load(publish(Fixtures.RUL, trained));
            p.close();
            p.close();
            PredictionException e = assertThrows(PredictionException.class, () -> p.predict(ROWS));
            assertEquals("predictor pump-rul:1: the sequence model is closed", e.getMessage());
        }
    }

    @Test
    void a_classification_task_is_refused() {
        try (SequenceEnsemble trained = ensemble(TinyNetworks.both(), TinyNetworks.cnn(2, 1))) {
            LoadedBundle bundle = publish(Fixtures.FAILURE, trained);
            BundleFormatException e = assertThrows(BundleFormatException.class, () -> Dl4jPredictor.load(bundle));
            assertTrue(e.getMessage().endsWith("a DL4J sequence model predicts remaining useful life; the bundle's task"
                    + " needs class probabilities over [none, failure]"), e.getMessage());
        }
    }

    @Test
    void a_network_that_does_not_take_the_declared_input_is_refused_at_load() {
        // the input declares two channels, the network takes one
        try (SequenceEnsemble trained = ensemble(TinyNetworks.both(), TinyNetworks.cnn(1, 1))) {
            LoadedBundle bundle = publish(Fixtures.RUL, trained);
            BundleFormatException e = assertThrows(BundleFormatException.class, () -> Dl4jPredictor.load(bundle));
            assertTrue(e.getMessage().contains("the networks do not take the declared input of 2 channels by 5"
                    + " positions"), e.getMessage());
        }
    }

    @Test
    void an_input_over_columns_the_spec_does_not_compute_is_refused_at_load() {
        SequenceInput pressure = new SequenceInput(5, List.of("pressure"), new double[] {0}, new double[] {1});
        try (SequenceEnsemble trained = ensemble(pressure, TinyNetworks.cnn(1, 1))) {
            LoadedBundle bundle = publish(Fixtures.RUL, trained);
            BundleFormatException e = assertThrows(BundleFormatException.class, () -> Dl4jPredictor.load(bundle));
            assertTrue(e.getMessage().startsWith("the sequence input reads columns the feature rows do not have:"
                    + " [pressure_seq_0"), e.getMessage());
        }
    }

    @Test
    void the_standard_adapters_load_dl4j_zip_payloads() {
        assertEquals(4, Predictors.standard().kinds().size(), "tribuo-protobuf, dl4j-zip, baseline-json, anomaly-json: "
                + Predictors.standard().kinds());
        assertTrue(Predictors.standard().kinds().contains(PayloadKind.DL4J_ZIP));
    }
}
