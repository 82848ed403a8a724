package org.prognos.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
    /** Sums of a few dozen exact fractions: only rounding separates the two computations. */
    static final double EXACT = 1e-12;

    static boolean[] labels(int... ones) {
        boolean[] b = new boolean[ones.length];
        for (int i = 0; i < ones.length; i++) {
            b[i] = ones[i] == 1;
        }
        return b;
    }

    /** The Mann–Whitney U statistic over every (positive, negative) pair, ties counting one half, over P·N. */
    static double mannWhitney(boolean[] positive, double[] scores) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores.length; j++) {
                if (positive[i] && !positive[j]) {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }

    @Test
    void roc_auc_equals_the_mann_whitney_statistic_counted_over_all_pairs() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int n = 20 + random.nextInt(200);
            boolean[] positive = new boolean[n];
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                positive[i] = random.nextDouble() < 0.3;
                // one decimal: plenty of ties, the case trapezoids must get right
                scores[i] = Math.round((random.nextDouble() + (positive[i] ? 0.3 : 0)) * 10) / 10.0;
            }
            positive[0] = true;
            positive[1] = false;
            RankingMetrics m = RankingMetrics.of("p", positive, scores);
            assertEquals(mannWhitney(positive, scores), m.rocAuc(), EXACT, "trial " + trial);
        }
    }

    @Test
    void average_precision_matches_a_hand_computation_on_six_points() {
        // ranked: + - + + - -; thresholds 0.9 (R 1/3, P 1), 0.8 (R 1/3), 0.7 (R 2/3, P 2/3), 0.6 (R 1, P 3/4)
        // AP = 1/3·1 + 1/3·2/3 + 1/3·3/4 = 29/36
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
        RankingMetrics m = RankingMetrics.of("p", labels(1, 0, 1, 1, 0, 0), scores);
        assertEquals(29.0 / 36, m.averagePrecision(), EXACT);
        // 0.9 beats 3 negatives, 0.7 and 0.6 beat 2 each: 7 of 9 pairs
        assertEquals(7.0 / 9, m.rocAuc(), EXACT);
        assertEquals(3, m.positives());
        assertEquals(3, m.negatives());
        assertTrue(m.undefinedReason().isEmpty());
    }

    @Test
    void tied_scores_enter_the_precision_recall_curve_together() {
        // threshold 0.5 takes one positive and one negative at once: R 1/2, P 1/2; then 0.2: R 1, P 2/3
        RankingMetrics m = RankingMetrics.of("p", labels(1, 0, 1), new double[] {0.5, 0.5, 0.2});
        assertEquals(0.5 * 0.5 + 0.5 * 2.0 / 3, m.averagePrecision(), EXACT);
        assertEquals(2, m.precisionRecall().size());
        assertEquals(0.5, m.precisionRecall().x()[0], EXACT);
        assertEquals(0.5, m.precisionRecall().y()[0], EXACT);
    }

    @Test
    void roc_curve_starts_at_the_origin_above_every_score_and_ends_at_one_one() {
        RankingMetrics m = RankingMetrics.of("p", labels(1, 0, 1, 1, 0, 0), new double[] {0.9, 0.8, 0.7, 0.6, 0.5, 0.4});
        Curve roc = m.roc();
        assertEquals(7, roc.size());
        assertEquals(0, roc.x()[0]);
        assertEquals(0, roc.y()[0]);
        assertEquals(Double.POSITIVE_INFINITY, roc.thresholds()[0]);
        assertEquals(1, roc.x()[6], EXACT);
        assertEquals(1, roc.y()[6], EXACT);
        assertEquals(0.9, roc.thresholds()[1]);
    }

    @Test
    void constant_scores_rank_like_a_coin_auc_one_half_and_ap_the_prevalence() {
        RankingMetrics m = RankingMetrics.of("p", labels(1, 0, 0, 0), new double[] {0.3, 0.3, 0.3, 0.3});
        assertEquals(0.5, m.rocAuc(), EXACT);
        assertEquals(0.25, m.averagePrecision(), EXACT);
        assertTrue(m.undefinedReason().isEmpty());
    }

    @Test
    void all_negative_truth_makes_auc_and_ap_nan_with_a_reason() {
        RankingMetrics m = RankingMetrics.of("comp3", labels(0, 0, 0), new double[] {0.1, 0.5, 0.2});
        assertTrue(Double.isNaN(m.rocAuc()));
        assertTrue(Double.isNaN(m.averagePrecision()));
        assertEquals(0, m.precisionRecall().size());
        assertEquals(0, m.roc().size());
        assertTrue(m.undefinedReason().orElseThrow().contains("no positive row of 'comp3'"),
                m.undefinedReason().orElseThrow());
    }

    @Test
    void all_positive_truth_makes_auc_nan_while_ap_is_one() {
        RankingMetrics m = RankingMetrics.of("p", labels(1, 1), new double[] {0.1, 0.5});
        assertTrue(Double.isNaN(m.rocAuc()));
        assertEquals(1, m.averagePrecision(), EXACT);
        assertTrue(m.undefinedReason().orElseThrow().contains("no negative row"), m.undefinedReason().orElseThrow());
    }

    @Test
    void curves_keep_at_most_200_points_including_both_ends() {
        int n = 5000;
        boolean[] positive = new boolean[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            positive[i] = i % 3 == 0;
            scores[i] = i;
        }
        RankingMetrics m = RankingMetrics.of("p", positive, scores);
        assertEquals(Curve.MAX_POINTS, m.precisionRecall().size());
        assertEquals(Curve.MAX_POINTS, m.roc().size());
        assertEquals(0, m.roc().x()[0]);
        assertEquals(1, m.roc().x()[Curve.MAX_POINTS - 1], EXACT);
        assertEquals(1, m.precisionRecall().x()[Curve.MAX_POINTS - 1], EXACT);
        assertEquals(mannWhitney(positive, scores), m.rocAuc(), EXACT);
    }

    @Test
    void a_score_that_is_not_finite_is_rejected_naming_the_row() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> RankingMetrics.of("p", labels(1, 0), new double[] {0.2, Double.NaN}));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void labels_and_scores_of_different_lengths_are_rejected() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> RankingMetrics.of("p", labels(1, 0), new double[] {0.2}));
        assertTrue(e.getMessage().contains("2 labels but 1 scores"), e.getMessage());
    }
}
