package org.prognos.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionMetricsTest {
    static final double EXACT = 1e-12;

    @Test
    void phm08_score_punishes_late_predictions_harder_and_matches_a_hand_computation() {
        // d = −5 (early), 0, +10 (late): (e^{5/13} − 1) + 0 + (e^{1} − 1)
        RegressionMetrics m = RegressionMetrics.of(new double[] {10, 20, 30}, new double[] {5, 20, 40});
        assertEquals(Math.exp(5.0 / 13) - 1 + Math.E - 1, m.phm08(), EXACT);
        assertTrue(RegressionMetrics.phm08(10) > RegressionMetrics.phm08(-10));
    }

    @Test
    void rmse_mae_and_bias_match_a_hand_computation() {
        RegressionMetrics m = RegressionMetrics.of(new double[] {10, 20, 30}, new double[] {5, 20, 40});
        assertEquals(Math.sqrt((25 + 0 + 100) / 3.0), m.rmse(), EXACT);
        assertEquals(15 / 3.0, m.mae(), EXACT);
        assertEquals(5 / 3.0, m.bias(), EXACT);
        assertEquals(3, m.rows());
    }

    @Test
    void errors_are_broken_down_by_true_rul_bucket_with_empty_buckets_nan() {
        double[] truth = {10, 24.9, 25, 60, 130, 200};
        double[] predicted = {12, 20.9, 30, 60, 100, 150};
        RegressionMetrics m = RegressionMetrics.of(truth, predicted);
        List<RegressionMetrics.Bucket> b = m.buckets();
        assertEquals(6, b.size());
        assertEquals(List.of("< 25", "25–50", "50–75", "75–100", "100–125", "≥ 125"),
                b.stream().map(RegressionMetrics.Bucket::label).toList());
        assertEquals(2, b.get(0).rows());
        assertEquals(Math.sqrt((4 + 16) / 2.0), b.get(0).rmse(), 1e-9);
        assertEquals(-1, b.get(0).meanError(), 1e-9);
        assertEquals(1, b.get(1).rows());
        assertEquals(5, b.get(1).mae(), EXACT);
        assertEquals(0, b.get(3).rows());
        assertTrue(Double.isNaN(b.get(3).rmse()));
        assertEquals(2, b.get(5).rows());
        assertEquals(-40, b.get(5).meanError(), EXACT);
    }

    @Test
    void custom_bucket_edges_make_one_more_bucket_than_edges() {
        RegressionMetrics m = RegressionMetrics.of(new double[] {1, 5, 9}, new double[] {1, 5, 9}, new double[] {4});
        assertEquals(2, m.buckets().size());
        assertEquals(1, m.buckets().get(0).rows());
        assertEquals(0, m.buckets().get(1).rmse());
    }

    @Test
    void the_scatter_sample_keeps_at_most_a_thousand_points() {
        int n = 5000;
        double[] truth = new double[n];
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = i % 150;
            predicted[i] = truth[i] + 3;
        }
        RegressionMetrics m = RegressionMetrics.of(truth, predicted);
        assertEquals(RegressionMetrics.MAX_SCATTER_POINTS, m.scatter().size());
        assertEquals(3, m.bias(), EXACT);
    }

    @Test
    void a_prediction_that_is_not_finite_is_rejected_naming_the_row() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> RegressionMetrics.of(new double[] {1, 2}, new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().startsWith("row 1:"), e.getMessage());
    }

    @Test
    void bucket_edges_that_do_not_increase_are_rejected() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> RegressionMetrics.of(new double[] {1}, new double[] {1}, new double[] {50, 25}));
        assertEquals("bucket edges must be finite and strictly increasing, found [50.0, 25.0]", e.getMessage());
    }

    @Test
    void truth_and_predictions_of_different_lengths_are_rejected() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> RegressionMetrics.of(new double[] {1, 2}, new double[] {1}));
        assertEquals("regression needs one prediction per truth: 2 truths, 1 predictions", e.getMessage());
    }
}
