package org.prognos.training.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.prognos.PrognosException;
import org.prognos.models.interval.RulInterval;

class ConformalFitterTest {
    private static final double EXACT = 0.0;

    @Test
    void quantile_is_the_ceil_n_plus_1_times_coverage_th_smallest() {
        double[] scores = {9, 1, 8, 2, 7, 3, 6, 4, 5, 10};                   // n = 10
        assertEquals(10, ConformalFitter.quantile(scores, 0.9), EXACT);      // ⌈11 · 0.9⌉ = 10: the largest
        assertEquals(9, ConformalFitter.quantile(scores, 0.8), EXACT);       // ⌈11 · 0.8⌉ = 9
        assertEquals(6, ConformalFitter.quantile(scores, 0.5), EXACT);       // ⌈11 · 0.5⌉ = 6
    }

    @Test
    void refuses_too_few_residuals_for_the_coverage() {
        PrognosException e = assertThrows(PrognosException.class, () -> ConformalFitter.quantile(new double[8], 0.9));
        assertTrue(e.getMessage().contains("needs at least 9 calibration residuals, found 8"), e.getMessage());
    }

    @Test
    void binned_edges_split_the_estimates_into_equal_counts() {
        double[] estimates = new double[1000];
        Arrays.setAll(estimates, i -> i);
        assertTrue(Arrays.equals(new double[] {250, 500, 750}, ConformalFitter.edges(estimates, 4, 0.9)));
    }

    /**
     * Synthetic, exchangeable data (i.i.d. rows, noise growing with the truth): a fresh interval fitted on each
     * calibration draw covers new rows from the same distribution at least at the nominal rate on average, for every
     * method. The guarantee is marginal: averaged over draws, so the tolerance below is for that average.
     */
    @Test
    void coverage_holds_on_synthetic_exchangeable_data() {
        Random rnd = new Random(11);
        int draws = 200;
        int n = 500;
        for (RulInterval.Method method : RulInterval.Method.values()) {
            double covered = 0;
            int total = 0;
            for (int d = 0; d < draws; d++) {
                double[][] cal = rows(rnd, n);
                String[] assets = new String[n];
                Arrays.setAll(assets, i -> "u" + (i % 50));
                RulInterval iv = ConformalFitter.fit(cal[0], cal[1], assets, method, 0.9, 10, 4, 0, "synthetic");
                double[][] fresh = rows(rnd, 50);
                IntervalCoverage c = IntervalCoverage.of(iv, fresh[0], fresh[1]);
                covered += c.covered();
                total += c.count();
            }
            double rate = covered / total;
            assertTrue(rate >= 0.9 - 0.01 && rate <= 0.9 + 0.03, method + ": coverage " + rate);
        }
    }

    /** [0] estimates, [1] truths: truth uniform in [0, 150], estimate = truth + noise with sd 2 + 0.15 · truth. */
    private static double[][] rows(Random rnd, int n) {
        double[] e = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 150 * rnd.nextDouble();
            e[i] = y[i] + (2 + 0.15 * y[i]) * rnd.nextGaussian();
        }
        return new double[][] {e, y};
    }
}
