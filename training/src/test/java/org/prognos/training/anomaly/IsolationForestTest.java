package org.prognos.training.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.prognos.features.InvalidSpecException;
import org.prognos.models.BundleFormatException;
import org.prognos.models.anomaly.AnomalyJson;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.IsolationForestDetector;
import org.prognos.models.predict.Predictions;
import org.prognos.training.config.ModelFamily;

/**
 * The isolation forest on SYNTHETIC rows (a Gaussian cloud with one column constant, so that the edge cases are
 * known): outliers score above inliers and are credited to the column they stand out in, contributions sum to the
 * raw score, the payload reads back bit for bit, and the seed alone decides the forest. On real data it runs through
 * the anomaly job ({@code AnomalyJobTest}).
 */
class IsolationForestTest {
    private static final double SUM_TOLERANCE = 1e-12;
    private static final List<String> COLUMNS = List.of("a", "b", "constant", "d");

    /** 2000 normal rows: columns a, b, d standard normal (b correlated with a), column "constant" always 5. */
    private static double[][] normalRows(long seed, int n) {
        Random r = new Random(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian();
            rows[i] = new double[] {a, 0.8 * a + 0.6 * r.nextGaussian(), 5, r.nextGaussian()};
        }
        return rows;
    }

    private static AnomalyModel model(long seed) {
        return AnomalyFitter.fit(COLUMNS, normalRows(1, 2000), normalRows(2, 1000), DetectorSettings.IsolationForest.defaults(),
                0.01, seed);
    }

    @Test
    void an_outlier_scores_above_every_inlier_and_is_credited_to_the_column_it_stands_out_in() {
        AnomalyModel m = model(42);
        double[][] inliers = normalRows(3, 500);
        double[] raw = m.score(inliers).raw();
        double[] sorted = raw.clone();
        java.util.Arrays.sort(sorted);
        // far out in every varying column (and against the a-b correlation); far out in d alone; the normal centre
        Predictions.Anomalies out = m.score(new double[][] {{4, -4, 5, 4}, {0, 0, 5, 9}, {0, 0, 5, 0}});
        assertTrue(out.raw()[0] > sorted[sorted.length - 1], "outlier " + out.raw()[0] + " above every inlier, the largest "
                + sorted[sorted.length - 1]);
        assertTrue(out.scores()[0] > 0.99, "alarms: " + out.scores()[0]);
        // beyond the training range a split cannot separate it from the most extreme normal row: it scores like that row
        assertTrue(out.raw()[1] > sorted[sorted.length * 9 / 10], "a 9-sigma value in one column is in the top tenth");
        assertTrue(out.raw()[2] < sorted[sorted.length / 2], "the normal centre is hard to isolate: " + out.raw()[2]);
        double[] c = out.contributions()[1];
        assertTrue(c[3] > c[0] + c[1], "column d isolates the one-column outlier: " + java.util.Arrays.toString(c));
        assertEquals(0, c[2], 0, "a constant column is never split on");
        long alarms = java.util.Arrays.stream(raw).filter(m.calibration()::alarm).count();
        assertTrue(alarms <= 20, "about 1 % of 500 normal rows alarm, found " + alarms);
    }

    @Test
    void contributions_sum_to_the_raw_score() {
        AnomalyModel m = model(42);
        double[][] rows = normalRows(4, 200);
        rows[0] = new double[] {4, -4, 5, 0};
        rows[1] = new double[] {Double.NaN, 0, 5, 0};
        Predictions.Anomalies p = m.score(rows);
        for (int r = 0; r < rows.length; r++) {
            double sum = java.util.Arrays.stream(p.contributions()[r]).sum();
            assertEquals(p.raw()[r], sum, SUM_TOLERANCE, "row " + r);
            assertTrue(p.raw()[r] > 0 && p.raw()[r] <= 1, "Liu et al.'s score is in (0, 1]: " + p.raw()[r]);
        }
    }

    @Test
    void the_payload_reads_back_bit_for_bit_and_scores_the_same() {
        AnomalyModel m = model(42);
        String json = AnomalyJson.write(m);
        AnomalyModel back = AnomalyJson.parse(json.getBytes(StandardCharsets.UTF_8), "test");
        assertEquals(m, back);
        assertEquals(json, AnomalyJson.write(back));
        String flat = json.replaceAll("\\s", "");
        assertTrue(flat.contains("\"family\":\"isolation-forest\"") && flat.contains("\"roots\":[0,"), "parallel arrays");
        IsolationForestDetector f = (IsolationForestDetector) back.detector();
        assertEquals(100, f.trees());
        assertTrue(f.feature().length <= 100 * (2 * 256 - 1), "bounded: " + f);
        double[][] rows = normalRows(5, 50);
        Predictions.Anomalies a = m.score(rows);
        Predictions.Anomalies b = back.score(rows);
        for (int r = 0; r < rows.length; r++) {
            assertEquals(Double.doubleToLongBits(a.raw()[r]), Double.doubleToLongBits(b.raw()[r]));
        }
    }

    @Test
    void the_seed_alone_decides_the_forest() {
        assertEquals(model(42), model(42));
        assertNotEquals(model(42).detector(), model(43).detector());
    }

    @Test
    void a_forest_that_is_not_a_tree_is_refused() {
        // node 0 splits column 0, its right child points back at itself: a walk would never end
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> new IsolationForestDetector(2, 4,
                new int[] {0}, new int[] {0, -1, -1}, new double[] {0.5, 0, 0}, new int[] {0, -1, -1}, new int[] {2, 1, 1}));
        assertTrue(e.getMessage().contains("do not form a tree"), e.getMessage());
        e = assertThrows(BundleFormatException.class, () -> new IsolationForestDetector(2, 4,
                new int[] {0}, new int[] {5, -1, -1}, new double[] {0.5, 0, 0}, new int[] {2, -1, -1}, new int[] {2, 1, 1}));
        assertTrue(e.getMessage().contains("feature 5"), e.getMessage());
    }

    @Test
    void settings_come_from_model_params_and_bad_ones_name_the_key() {
        DetectorSettings s = DetectorSettings.of(ModelFamily.ISOLATION_FOREST,
                Map.of("trees", com.fasterxml.jackson.databind.node.IntNode.valueOf(50)));
        assertEquals(new DetectorSettings.IsolationForest(50, 256), s);
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> DetectorSettings.of(ModelFamily.ISOLATION_FOREST,
                Map.of("sampleSize", com.fasterxml.jackson.databind.node.IntNode.valueOf(1))));
        assertTrue(e.getMessage().contains("model.params.sampleSize"), e.getMessage());
        e = assertThrows(InvalidSpecException.class, () -> DetectorSettings.of(ModelFamily.ISOLATION_FOREST,
                Map.of("depth", com.fasterxml.jackson.databind.node.IntNode.valueOf(3))));
        assertTrue(e.getMessage().contains("model.params.depth"), e.getMessage());
        assertEquals("isolation-forest", ModelFamily.parse("isolation-forest").toString());
    }
}
