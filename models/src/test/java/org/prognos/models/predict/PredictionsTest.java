package org.prognos.models.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prognos.models.Fixtures;
import org.prognos.models.PredictionException;
import org.prognos.models.bundle.PayloadKind;

class PredictionsTest {
    static final List<String> CLASSES = List.of("none", "failure");

    /** Counts batch calls, to show a single prediction takes the batch path. */
    static final class CountingPredictor implements Predictor {
        int batches;
        int rows;

        @Override
        public ModelInfo info() {
            return new ModelInfo("pump", 1, Fixtures.RUL, Fixtures.columns(), Fixtures.spec().hash(),
                    PayloadKind.BASELINE_JSON, Instant.EPOCH);
        }

        @Override
        public Predictions predict(double[][] featureRows) {
            batches++;
            rows += featureRows.length;
            double[] v = new double[featureRows.length];
            for (int r = 0; r < v.length; r++) {
                v[r] = featureRows[r][0] * 2;
            }
            return new Predictions.Values(v);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void a_single_row_is_predicted_through_the_batch_path() {
        try (CountingPredictor p = new CountingPredictor()) {
            Prediction one = p.predict(new double[] {21, 0, 0, 0, 0, 0});
            assertEquals(new Prediction.Value(42), one);
            assertEquals(1, p.batches);
            assertEquals(1, p.rows);
        }
    }

    @Test
    void probabilities_are_copied_in_and_out() {
        double[][] p = {{0.75, 0.25}, {0.5, 0.5}};
        Predictions.Probabilities batch = new Predictions.Probabilities(CLASSES, p);
        p[0][0] = 0;
        batch.probabilities()[0][1] = 0;
        assertArrayEquals(new double[] {0.75, 0.25}, batch.get(0).probabilities());
        assertArrayEquals(new double[] {0.25, 0.5}, batch.column("failure"));
        assertEquals(0.25, batch.get(0).probability("failure"));
        assertEquals("none", batch.get(0).mostLikely());
        assertEquals(new Predictions.Probabilities(CLASSES, new double[][] {{0.75, 0.25}, {0.5, 0.5}}), batch);
    }

    @Test
    void values_are_copied_in_and_out() {
        double[] v = {1, 2};
        Predictions.Values batch = new Predictions.Values(v);
        v[0] = 9;
        batch.values()[1] = 9;
        assertArrayEquals(new double[] {1, 2}, batch.values());
    }

    @Test
    void probabilities_that_do_not_sum_to_one_are_refused() {
        PredictionException e = assertThrows(PredictionException.class,
                () -> new Predictions.Probabilities(CLASSES, new double[][] {{0.5, 0.5}, {0.5, 0.4}}));
        assertEquals("row 1: probabilities sum to 0.9, not 1", e.getMessage());
        e = assertThrows(PredictionException.class,
                () -> new Predictions.Probabilities(CLASSES, new double[][] {{Double.NaN, 1}}));
        assertEquals("row 0: probability of 'none' is NaN, outside [0, 1]", e.getMessage());
    }

    @Test
    void float_arithmetic_past_zero_or_one_is_taken_as_zero_or_one_and_more_is_refused() {
        Predictions.Probabilities p = new Predictions.Probabilities(CLASSES,
                new double[][] {{-3.03e-8, 1.0000000303}, {0.25, 0.75}});
        assertEquals(0.0, p.probabilities()[0][0]);
        assertEquals(1.0, p.probabilities()[0][1]);
        assertEquals(0.75, p.probabilities()[1][1]);
        PredictionException e = assertThrows(PredictionException.class,
                () -> new Predictions.Probabilities(CLASSES, new double[][] {{-0.001, 1.001}}));
        assertEquals("row 0: probability of 'none' is -0.001, outside [0, 1]", e.getMessage());
    }

    @Test
    void an_unknown_class_is_refused() {
        Prediction.Probabilities p = new Prediction.Probabilities(CLASSES, new double[] {1, 0});
        PredictionException e = assertThrows(PredictionException.class, () -> p.probability("bearing"));
        assertEquals("no class 'bearing'; classes: [none, failure]", e.getMessage());
    }

    @Test
    void rows_of_the_wrong_width_or_with_infinities_are_refused_by_row_and_column() {
        List<String> columns = List.of("a", "b");
        PredictionException e = assertThrows(PredictionException.class,
                () -> FeatureRows.check(new double[][] {{1, 2}, {1}}, columns));
        assertEquals("row 1 has 1 values; the model takes 2 feature columns", e.getMessage());
        e = assertThrows(PredictionException.class,
                () -> FeatureRows.check(new double[][] {{1, Double.NEGATIVE_INFINITY}}, columns));
        assertEquals("row 0, column 'b' is -Infinity; features must be finite or NaN (missing)", e.getMessage());
        FeatureRows.check(new double[][] {{Double.NaN, 0}}, columns);
    }
}
