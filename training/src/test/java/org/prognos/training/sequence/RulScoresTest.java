package org.prognos.training.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RulScoresTest {
    static final double EXACT = 1e-12;

    @Test
    void scores_follow_the_phm08_definitions_with_and_without_the_cap() {
        // unit 1: 10 cycles early; unit 2: true 150 (capped 125), predicted 125
        RulScores s = RulScores.of(new double[] {40, 125}, new double[] {50, 150}, 125);
        assertEquals(Math.sqrt((100 + 625) / 2.0), s.rmse(), EXACT);
        assertEquals(Math.sqrt(100 / 2.0), s.rmseCapped(), EXACT);
        assertEquals(5, s.mae(), EXACT);
        assertEquals(Math.exp(10 / 13.0) - 1 + Math.exp(25 / 13.0) - 1, s.phm08(), EXACT);
        assertEquals(Math.exp(10 / 13.0) - 1, s.phm08Capped(), EXACT);
    }

    @Test
    void late_predictions_cost_more_than_early_ones() {
        assertTrue(RulScores.phm08(10) > RulScores.phm08(-10));
        assertEquals(0, RulScores.phm08(0), EXACT);
    }

    @Test
    void the_linear_baseline_recovers_the_pace_of_wear() {
        long[] age = new long[300];
        double[] rul = new double[300];
        for (int i = 0; i < age.length; i++) {
            age[i] = i;
            rul[i] = Math.max(0, 125 - 0.5 * i);
        }
        LinearCycleBaseline b = LinearCycleBaseline.fit(age, rul, 125);
        assertEquals(0.5, b.slope(), 1e-6);
        assertEquals(75, b.predict(100), 1e-4);
        assertEquals(0, b.predict(1000), EXACT);
    }
}
