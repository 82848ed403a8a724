package org.prognos.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prognos.models.BundleFormatException;

/**
 * The isolation-forest and autoencoder detectors as payload parts, on tiny hand-built (SYNTHETIC) detectors whose
 * numbers can be checked by hand: the scores are the documented formulas, and a payload whose shapes do not fit is
 * refused when read, naming the problem. Fitting on real data: {@code org.prognos.training.anomaly}.
 */
class FamilyPayloadTest {
    private static final double EXACT = 1e-12;
    private static final ScoreCalibration CALIBRATION = ScoreCalibration.fit(new double[] {0.1, 0.2, 0.3}, 0.1);

    /** One tree on 4 rows: the root splits column 1 at 0.5; left is a leaf of 1 row, right a leaf of 3. */
    private static IsolationForestDetector stump() {
        return new IsolationForestDetector(2, 4, new int[] {0}, new int[] {1, -1, -1}, new double[] {0.5, 0, 0},
                new int[] {2, -1, -1}, new int[] {4, 1, 3});
    }

    @Test
    void an_isolation_tree_scores_by_liu_et_al_and_credits_the_column_split_on() {
        IsolationForestDetector f = stump();
        double[] c = new double[2];
        double isolated = f.score(new double[] {0, 0}, c);           // depth 1, leaf of 1 row: h = 1
        assertEquals(Math.pow(2, -1 / IsolationForestDetector.averagePath(4)), isolated, EXACT);
        assertEquals(0, c[0], 0);
        assertEquals(isolated, c[1], EXACT);
        double crowd = f.score(new double[] {0, 1}, c);              // depth 1, leaf of 3 rows: h = 1 + c(3)
        assertEquals(Math.pow(2, -(1 + IsolationForestDetector.averagePath(3)) / IsolationForestDetector.averagePath(4)),
                crowd, EXACT);
        assertTrue(isolated > crowd);
        assertEquals(1, IsolationForestDetector.averagePath(2), 0);
        assertEquals(0, IsolationForestDetector.averagePath(1), 0);
    }

    @Test
    void a_forest_whose_node_sizes_do_not_add_up_is_refused() {
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> new IsolationForestDetector(2, 4,
                new int[] {0}, new int[] {1, -1, -1}, new double[] {0.5, 0, 0}, new int[] {2, -1, -1}, new int[] {4, 1, 1}));
        assertTrue(e.getMessage().contains("holds 4 rows but its children 1 and 1"), e.getMessage());
    }

    @Test
    void an_autoencoder_scores_the_squared_reconstruction_error_of_the_columns_it_reads() {
        // reads columns 0 and 2 of 3; encodes to their sum (identity), decodes to half of it each: ẑ = ((a+b)/2, (a+b)/2)
        AutoencoderDetector d = new AutoencoderDetector(3, new int[] {0, 2}, List.of(
                new AutoencoderDetector.Layer(new double[][] {{1, 1}}, new double[] {0}, AutoencoderDetector.Activation.IDENTITY),
                new AutoencoderDetector.Layer(new double[][] {{0.5}, {0.5}}, new double[] {0, 0}, AutoencoderDetector.Activation.IDENTITY)));
        double[] c = new double[3];
        double raw = d.score(new double[] {3, 100, 1}, c);            // ẑ = (2, 2): errors 1 and −1
        assertEquals(2, raw, EXACT);
        assertEquals(1, c[0], EXACT);
        assertEquals(0, c[1], 0, "a column the network does not read contributes nothing");
        assertEquals(1, c[2], EXACT);
        AnomalyModel m = AnomalyModel.of(List.of("a", "b", "c"), new ColumnScaling(new double[3], new double[] {1, 0, 1}), d,
                CALIBRATION);
        AnomalyModel back = AnomalyJson.parse(AnomalyJson.write(m).getBytes(StandardCharsets.UTF_8), "test");
        assertEquals(m, back);
    }

    @Test
    void an_autoencoder_whose_layers_do_not_chain_is_refused() {
        AutoencoderDetector.Layer twoToOne = new AutoencoderDetector.Layer(new double[][] {{1, 1}}, new double[] {0},
                AutoencoderDetector.Activation.TANH);
        BundleFormatException e = assertThrows(BundleFormatException.class,
                () -> new AutoencoderDetector(2, new int[] {0, 1}, List.of(twoToOne, twoToOne)));
        assertTrue(e.getMessage().contains("layer 1 takes 2 values; the layer before gives 1"), e.getMessage());
        String json = AnomalyJson.write(AnomalyModel.of(List.of("a"), new ColumnScaling(new double[1], new double[] {1}),
                new ZScoreDetector(1), CALIBRATION)).replace("\"zscore\"", "\"autoencoder\"");
        e = assertThrows(BundleFormatException.class, () -> AnomalyJson.parse(json.getBytes(StandardCharsets.UTF_8), "x.json"));
        assertTrue(e.getMessage().startsWith("x.json: not an anomaly model"), e.getMessage());
    }
}
