package org.prognos.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ForestCeiling} on hand-built forests (synthetic edge cases whose ceiling is worked out by hand): the ceiling
 * is a score some row gets, to the bit, and no row scores above it, also where each tree's shortest path taken alone
 * would promise more than any one row can have. The bundled-data checks (a forest per NAB file against far-out rows)
 * are in training's {@code DetectorCeilingTest}.
 */
class ForestCeilingTest {
    private static final double[] SCRATCH = new double[2];

    /**
     * Two trees of ψ = 4 on one column that isolate at opposite ends: tree A cuts one row off below 0, tree B one row
     * above 1. A row below 0 takes A's short leaf (h = 1) and B's long one (h = 1 + c(3)); above 1 the reverse; between,
     * both long. No row gets both short leaves, so the path sum is at least 2 + c(3), not the 2 of each tree alone.
     */
    private static IsolationForestDetector oppositeEnds() {
        return new IsolationForestDetector(1, 4, new int[] {0, 3},
                new int[] {0, -1, -1, 0, -1, -1},
                new double[] {0, 0, 0, 1, 0, 0},
                new int[] {2, -1, -1, 5, -1, -1},
                new int[] {4, 1, 3, 4, 3, 1});
    }

    @Test
    void the_ceiling_is_the_score_of_the_best_row_not_the_sum_of_each_trees_shortest_path() {
        IsolationForestDetector f = oppositeEnds();
        double c4 = IsolationForestDetector.averagePath(4);
        double exact = Math.pow(2, -(2 + IsolationForestDetector.averagePath(3)) / 2 / c4);
        double eachTreeAlone = Math.pow(2, -2.0 / 2 / c4);

        ForestCeiling.Result r = ForestCeiling.of(f);

        assertTrue(r.exact(), "the search closes on two trees");
        assertEquals(exact, r.raw(), 1e-15, "by hand");
        assertEquals(f.score(r.row(), new double[1]), r.raw(), 0, "a row scores the ceiling, to the bit");
        assertEquals(f.score(new double[] {-1e6}, new double[1]), r.raw(), 0, "far below 0");
        assertEquals(f.score(new double[] {1e6}, new double[1]), r.raw(), 0, "far above 1");
        assertTrue(r.raw() < eachTreeAlone, r.raw() + " against " + eachTreeAlone);
        assertEquals(OptionalDouble.of(r.raw()), f.ceiling());
    }

    @Test
    void with_no_box_cut_the_ceiling_is_an_upper_bound_and_says_so() {
        IsolationForestDetector f = oppositeEnds();

        ForestCeiling.Result r = ForestCeiling.of(f, 0);

        assertFalse(r.exact());
        assertEquals(Math.pow(2, -2.0 / 2 / IsolationForestDetector.averagePath(4)), r.raw(), 1e-15,
                "each tree's shortest path alone");
        assertTrue(r.raw() > ForestCeiling.of(f).raw());
    }

    /** A random forest of ψ = 8 on two columns (synthetic): no row on a fine grid nor far out scores above the ceiling. */
    @Test
    void no_row_of_a_random_forest_scores_above_its_ceiling_and_one_row_scores_it() {
        IsolationForestDetector f = randomForest(new Random(3), 25, 8);

        ForestCeiling.Result r = ForestCeiling.of(f);

        assertTrue(r.exact(), "closes within " + ForestCeiling.MAX_BOXES + " boxes: " + r.boxes());
        assertEquals(f.score(r.row(), SCRATCH), r.raw(), 0);
        double max = 0;
        for (double x = -3; x <= 3; x += 0.01) {
            for (double y = -3; y <= 3; y += 0.01) {
                max = Math.max(max, f.score(new double[] {x, y}, SCRATCH));
            }
        }
        for (double x : new double[] {-1e9, 1e9}) {
            for (double y : new double[] {-1e9, 1e9}) {
                max = Math.max(max, f.score(new double[] {x, y}, SCRATCH));
            }
        }
        assertTrue(max <= r.raw(), max + " above the ceiling " + r.raw());
    }

    @Test
    void the_families_whose_score_grows_with_the_row_have_no_ceiling() {
        assertTrue(new ZScoreDetector(3).ceiling().isEmpty());
    }

    /** Trees grown as the grower grows them, on {@code psi} rows of a standard normal each (synthetic). */
    private static IsolationForestDetector randomForest(Random rnd, int trees, int psi) {
        int[] roots = new int[trees];
        int nodesPerTree = 2 * psi - 1;
        int[] feature = new int[trees * nodesPerTree];
        double[] split = new double[feature.length];
        int[] right = new int[feature.length];
        int[] size = new int[feature.length];
        int[] next = {0};
        for (int t = 0; t < trees; t++) {
            roots[t] = next[0];
            double[][] rows = new double[psi][2];
            for (double[] row : rows) {
                row[0] = rnd.nextGaussian();
                row[1] = rnd.nextGaussian();
            }
            grow(rows, 0, rnd, feature, split, right, size, next);
        }
        int n = next[0];
        return new IsolationForestDetector(2, psi, roots, java.util.Arrays.copyOf(feature, n),
                java.util.Arrays.copyOf(split, n), java.util.Arrays.copyOf(right, n), java.util.Arrays.copyOf(size, n));
    }

    private static void grow(double[][] rows, int depth, Random rnd, int[] feature, double[] split, int[] right,
                             int[] size, int[] next) {
        int node = next[0]++;
        size[node] = rows.length;
        int c = rnd.nextInt(2);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : rows) {
            lo = Math.min(lo, row[c]);
            hi = Math.max(hi, row[c]);
        }
        if (rows.length < 2 || depth >= 3 || lo == hi) {
            feature[node] = -1;
            right[node] = -1;
            return;
        }
        double s = lo + rnd.nextDouble() * (hi - lo);
        s = s == lo ? hi : s;      // both sides keep a row
        final double at = s;
        feature[node] = c;
        split[node] = at;
        grow(java.util.Arrays.stream(rows).filter(r -> r[c] < at).toArray(double[][]::new), depth + 1, rnd, feature,
                split, right, size, next);
        right[node] = next[0];
        grow(java.util.Arrays.stream(rows).filter(r -> r[c] >= at).toArray(double[][]::new), depth + 1, rnd, feature,
                split, right, size, next);
    }
}
