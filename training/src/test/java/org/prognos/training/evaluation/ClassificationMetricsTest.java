package org.prognos.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
    static final double EXACT = 1e-12;
    static final List<String> CLASSES = List.of("none", "comp1", "comp2");

    // six rows: truth, a hard prediction that never says comp2, and probabilities off the bin edges
    static final int[] TRUTH = {0, 0, 1, 1, 2, 0};
    static final int[] PREDICTED = {0, 1, 1, 0, 0, 0};
    static final double[][] PROBABILITIES = {
        {0.75, 0.15, 0.10},
        {0.35, 0.55, 0.10},
        {0.15, 0.70, 0.15},
        {0.45, 0.40, 0.15},
        {0.55, 0.10, 0.35},
        {0.85, 0.05, 0.10}};

    static ClassificationMetrics handWorked() {
        return ClassificationMetrics.of(TRUTH, PROBABILITIES, CLASSES, PREDICTED);
    }

    @Test
    void per_class_scores_match_a_hand_count() {
        ClassificationMetrics m = handWorked();
        // none: TP 2 of 4 predicted, 2 of 3 true; comp1: TP 1 of 2 and 1 of 2; comp2: never predicted, 1 true
        ClassificationMetrics.ClassScores none = m.perClass().get(0);
        assertEquals(0.5, none.precision(), EXACT);
        assertEquals(2.0 / 3, none.recall(), EXACT);
        assertEquals(4.0 / 7, none.f1(), EXACT);
        assertEquals(3, none.support());
        assertEquals(4, none.predicted());
        ClassificationMetrics.ClassScores comp1 = m.perClass().get(1);
        assertEquals(0.5, comp1.precision(), EXACT);
        assertEquals(0.5, comp1.recall(), EXACT);
        assertEquals(0.5, comp1.f1(), EXACT);
        ClassificationMetrics.ClassScores comp2 = m.perClass().get(2);
        assertEquals(0, comp2.precision());
        assertEquals(0, comp2.recall());
        assertEquals(0, comp2.f1());
        assertEquals(1, comp2.support());
    }

    @Test
    void macro_f1_averages_all_classes_and_separately_the_failure_classes() {
        ClassificationMetrics m = handWorked();
        assertEquals((4.0 / 7 + 0.5 + 0) / 3, m.macroF1(), EXACT);
        assertEquals((0.5 + 0) / 2, m.macroF1Failures(), EXACT);
        assertEquals(0.5, m.accuracy(), EXACT);
    }

    @Test
    void confusion_matrix_counts_truth_by_prediction() {
        long[][] c = handWorked().confusion();
        assertArrayEquals(new long[] {2, 1, 0}, c[0]);
        assertArrayEquals(new long[] {1, 1, 0}, c[1]);
        assertArrayEquals(new long[] {1, 0, 0}, c[2]);
    }

    @Test
    void brier_scores_match_a_hand_computation() {
        ClassificationMetrics m = handWorked();
        // Σ_k (p_k − y_k)² per row: 0.095, 0.735, 0.135, 0.585, 0.735, 0.035
        assertEquals(2.32 / 6, m.brier(), EXACT);
        // any failure 0.25 0.65 0.85 0.55 0.45 0.15 against 0 0 1 1 1 0
        assertEquals((0.0625 + 0.4225 + 0.0225 + 0.2025 + 0.3025 + 0.0225) / 6, m.brierAnyFailure(), EXACT);
    }

    @Test
    void any_failure_ranking_uses_one_minus_p_none() {
        ClassificationMetrics m = handWorked();
        // failures score 0.85 0.55 0.45, others 0.65 0.25 0.15: 7 of 9 pairs ordered right
        assertEquals(7.0 / 9, m.anyFailure().rocAuc(), EXACT);
        assertEquals(ClassificationMetrics.ANY_FAILURE, m.anyFailure().positive());
        // comp2's only row has the highest P(comp2)
        RankingMetrics comp2 = m.perClassRanking().get(1);
        assertEquals("comp2", comp2.positive());
        assertEquals(1, comp2.rocAuc(), EXACT);
        assertEquals(1, comp2.averagePrecision(), EXACT);
    }

    @Test
    void calibration_puts_each_row_in_its_tenth_and_leaves_empty_bins_nan() {
        List<ClassificationMetrics.CalibrationBin> bins = handWorked().calibration();
        assertEquals(ClassificationMetrics.CALIBRATION_BINS, bins.size());
        long[] counts = bins.stream().mapToLong(ClassificationMetrics.CalibrationBin::rows).toArray();
        assertArrayEquals(new long[] {0, 1, 1, 0, 1, 1, 1, 0, 1, 0}, counts);
        assertTrue(Double.isNaN(bins.get(0).meanPredicted()));
        assertTrue(Double.isNaN(bins.get(0).observedRate()));
        assertEquals(0.65, bins.get(6).meanPredicted(), EXACT);
        assertEquals(0, bins.get(6).observedRate());
        assertEquals(0.85, bins.get(8).meanPredicted(), EXACT);
        assertEquals(1, bins.get(8).observedRate());
    }

    @Test
    void expected_calibration_error_weighs_each_bins_gap_by_its_rows() {
        // P(any) 0.2, 0.2 (neither fails: bin 2 gap 0.2) and 0.9 (fails: bin 9 gap 0.1): (2·0.2 + 1·0.1) / 3
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {0, 0, 1},
                new double[][] {{0.8, 0.2}, {0.8, 0.2}, {0.1, 0.9}}, List.of("none", "failure"));
        assertEquals((2 * 0.2 + 0.1) / 3, m.expectedCalibrationError(), 1e-9);
    }

    @Test
    void a_probability_of_one_falls_in_the_last_bin() {
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {1, 0}, new double[][] {{0, 1}, {1, 0}},
                List.of("none", "failure"));
        assertEquals(1, m.calibration().get(9).rows());
        assertEquals(1, m.calibration().get(0).rows());
    }

    @Test
    void a_class_without_support_scores_zero_counts_in_the_macro_average_and_has_nan_auc_with_a_reason() {
        int[] truth = {0, 1, 0, 1};
        double[][] p = {{0.8, 0.1, 0.1}, {0.2, 0.7, 0.1}, {0.6, 0.1, 0.3}, {0.3, 0.6, 0.1}};
        ClassificationMetrics m = ClassificationMetrics.of(truth, p, CLASSES);
        ClassificationMetrics.ClassScores comp2 = m.perClass().get(2);
        assertEquals(0, comp2.support());
        assertEquals(0, comp2.recall());
        assertEquals(0, comp2.f1());
        assertEquals((1 + 1 + 0) / 3.0, m.macroF1(), EXACT);
        RankingMetrics r = m.perClassRanking().get(1);
        assertTrue(Double.isNaN(r.rocAuc()));
        assertTrue(r.undefinedReason().orElseThrow().contains("no positive row of 'comp2'"));
    }

    @Test
    void without_hard_predictions_the_argmax_is_used_and_ties_go_to_the_lower_class() {
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {1, 0}, new double[][] {{0.2, 0.4, 0.4}, {0.5, 0.5, 0}},
                CLASSES);
        long[][] c = m.confusion();
        assertEquals(1, c[1][1]);
        assertEquals(1, c[0][0]);
    }

    @Test
    void binary_task_ranks_its_one_failure_class_like_any_failure() {
        int[] truth = {0, 1, 1, 0, 0};
        double[][] p = {{0.9, 0.1}, {0.3, 0.7}, {0.6, 0.4}, {0.5, 0.5}, {0.8, 0.2}};
        ClassificationMetrics m = ClassificationMetrics.of(truth, p, List.of("none", "failure"));
        assertEquals(m.anyFailure().rocAuc(), m.perClassRanking().get(0).rocAuc(), EXACT);
        assertEquals(m.anyFailure().averagePrecision(), m.perClassRanking().get(0).averagePrecision(), EXACT);
        assertEquals(List.of("failure"), m.failureClasses());
    }

    @Test
    void probabilities_that_do_not_sum_to_one_are_rejected_naming_the_row() {
        double[][] p = PROBABILITIES.clone();
        p[2] = new double[] {0.5, 0.5, 0.5};
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> ClassificationMetrics.of(TRUTH, p, CLASSES, PREDICTED));
        assertTrue(e.getMessage().startsWith("row 2: probabilities sum to 1.5"), e.getMessage());
    }

    @Test
    void a_truth_outside_the_classes_is_rejected_naming_the_row() {
        int[] truth = TRUTH.clone();
        truth[1] = 5;
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> ClassificationMetrics.of(truth, PROBABILITIES, CLASSES, PREDICTED));
        assertEquals("truth of row 1 is class 5, outside 0..2", e.getMessage());
    }

    @Test
    void inputs_of_different_lengths_are_rejected() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> ClassificationMetrics.of(new int[] {0, 1}, PROBABILITIES, CLASSES, PREDICTED));
        assertTrue(e.getMessage().contains("2 truths, 6 probability rows, 6 predictions"), e.getMessage());
    }

    @Test
    void metrics_are_immutable_values() {
        ClassificationMetrics m = handWorked();
        m.confusion()[0][0] = 99;
        assertEquals(2, m.confusion()[0][0]);
        assertEquals(handWorked(), m);
        assertEquals(handWorked().hashCode(), m.hashCode());
    }
}
