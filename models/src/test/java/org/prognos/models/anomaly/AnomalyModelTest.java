package org.prognos.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.prognos.models.BundleFormatException;
import org.prognos.models.predict.Predictions;

/**
 * The anomaly payload's parts on synthetic rows (edge cases: a missing value, a constant column, a flat
 * calibration); the families fitted on real data are tested in {@code org.prognos.training.anomaly}.
 */
class AnomalyModelTest {
    private static final double SUM_TOLERANCE = 1e-12;

    @Test
    void calibrated_score_is_the_fraction_of_held_out_rows_below_and_orders_beyond_the_largest() {
        double[] held = new Random(1).doubles(5000).map(u -> -Math.log(1 - u)).toArray();   // exponential raw scores
        ScoreCalibration cal = ScoreCalibration.fit(held, 0.01);
        assertEquals(ScoreCalibration.MAX_POINTS, cal.reference().length);
        assertEquals(0.99, cal.score(cal.threshold()), 1e-12);
        long above = java.util.Arrays.stream(held).filter(cal::alarm).count();
        assertEquals(0.01, above / (double) held.length, 0.003);
        double last = -1;
        for (double raw = 0; raw < 40; raw += 0.01) {
            double s = cal.score(raw);
            assertTrue(s >= last && s >= 0 && s <= 1, "score at " + raw);
            last = s;
        }
        assertTrue(cal.score(15) < cal.score(16), "rows beyond every held-out row still order");
    }

    @Test
    void a_flat_calibration_still_has_a_threshold_and_a_tail() {
        ScoreCalibration cal = ScoreCalibration.fit(new double[] {2, 2, 2}, 0.05);
        assertTrue(cal.threshold() >= 2);
        assertTrue(cal.score(2.5) > cal.score(2) && cal.score(2.5) <= 1);
    }

    @Test
    void calibration_refuses_an_empty_held_out_set_and_a_threshold_that_does_not_match() {
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ScoreCalibration.fit(new double[0], 0.01));
        assertTrue(e.getMessage().contains("held-out normal rows"), e.getMessage());
        ScoreCalibration cal = ScoreCalibration.fit(new double[] {1, 2, 3}, 0.1);
        e = assertThrows(BundleFormatException.class, () -> new ScoreCalibration(cal.reference(), cal.tail(), 0.1,
                cal.threshold() * 2, 3));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void health_index_is_fifty_at_the_threshold_and_near_one_hundred_on_typical_normal_rows() {
        assertEquals(50, HealthIndex.of(0.99, 0.01), 1e-9);
        assertTrue(HealthIndex.of(0.5, 0.01) > 99.99);
        assertTrue(HealthIndex.of(0.999, 0.01) < HealthIndex.of(0.99, 0.01));
        assertEquals(0, HealthIndex.of(1, 0.01), 1e-12);
    }

    @Test
    void scaling_reads_a_missing_value_as_normal_and_leaves_a_constant_column_out() {
        double[][] rows = {{1, 5, 0}, {3, 5, 1}, {2, 5, 2}};
        ColumnScaling s = ColumnScaling.fit(rows, 3);
        assertEquals(0, s.scale()[1]);
        assertEquals(List.of("b"), s.leftOut(List.of("a", "b", "c")));
        assertArrayEquals(new double[] {0, 0, 0}, s.apply(new double[] {Double.NaN, 99, 1}), 0);
    }

    @Test
    void every_family_splits_its_raw_score_into_contributions_that_sum_to_it() {
        double s2 = Math.sqrt(0.5);
        PcaDetector pca = new PcaDetector(new double[][] {{s2, s2, 0}}, new double[] {1.8}, 6.0, 0.5);
        NeighbourDetector knn = new NeighbourDetector(new double[][] {{0, 0, 0}, {1, 1, 0}, {-1, -1, 0}, {0.5, 0.4, 0.1}}, 2);
        ZScoreDetector z = new ZScoreDetector(3);
        double[][] rows = {{0.3, 0.2, 0}, {2, -2, 0.5}, {0, 0, 0}, {-3, -3, 3}};
        for (Detector d : List.of(pca, knn, z)) {
            for (double[] row : rows) {
                double[] c = new double[3];
                double raw = d.score(row, c);
                assertTrue(raw >= 0, d + " raw " + raw);
                assertEquals(raw, c[0] + c[1] + c[2], SUM_TOLERANCE * Math.max(1, raw), d.family());
            }
        }
        // off the component's direction: the Q part names the columns that broke the correlation
        double[] c = new double[3];
        pca.score(new double[] {2, -2, 0}, c);
        assertTrue(c[0] > 0 && c[1] > 0 && c[2] == 0);
        assertEquals(2 * 2 * 2 / 0.5, pca.score(new double[] {2, -2, 0}, c), 1e-9);   // Q = 8, T² = 0
    }

    @Test
    void model_json_round_trips_bit_for_bit_and_scores_a_batch_like_its_rows() {
        Random rng = new Random(7);
        double[][] memory = new double[50][];
        for (int i = 0; i < memory.length; i++) {
            memory[i] = new double[] {rng.nextGaussian(), rng.nextGaussian(), 0};
        }
        AnomalyModel model = AnomalyModel.of(List.of("a_mean", "b_mean", "c_mean"),
                new ColumnScaling(new double[] {1, 2, 3}, new double[] {0.5, 2, 0}), new NeighbourDetector(memory, 3),
                ScoreCalibration.fit(rng.doubles(300, 0, 2).toArray(), 0.01));
        String json = AnomalyJson.write(model);
        AnomalyModel back = AnomalyJson.parse(json.getBytes(StandardCharsets.UTF_8), "test");
        assertEquals(model, back);
        assertEquals(json, AnomalyJson.write(back));
        double[][] rows = {{1, 2, 3}, {Double.NaN, 9, 3}, {5, -4, 100}};
        Predictions.Anomalies batch = back.score(rows);
        for (int r = 0; r < rows.length; r++) {
            Predictions.Anomalies one = back.score(new double[][] {rows[r]});
            assertEquals(batch.get(r), one.get(0));
            assertTrue(Double.isFinite(batch.raw()[r]));
        }
        assertTrue(batch.scores()[2] > batch.scores()[0]);
    }

    @Test
    void an_unknown_family_in_a_payload_is_refused_by_name() {
        String json = "{\"format\":\"prognos-anomaly/1\",\"columns\":[\"a\"],\"scaling\":{\"center\":[0],\"scale\":[1]},"
                + "\"detector\":{\"family\":\"forest\"},\"calibration\":{}}";
        BundleFormatException e = assertThrows(BundleFormatException.class,
                () -> AnomalyJson.parse(json.getBytes(StandardCharsets.UTF_8), "anomaly.json"));
        assertTrue(e.getMessage().contains("anomaly.json") && e.getMessage().contains("forest"), e.getMessage());
    }
}
