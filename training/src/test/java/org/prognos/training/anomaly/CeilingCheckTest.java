package org.prognos.training.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.ColumnScaling;
import org.prognos.models.anomaly.IsolationForestDetector;
import org.prognos.models.anomaly.ScoreCalibration;
import org.prognos.training.evaluation.RowTimes;

/**
 * {@link CeilingCheck}'s verdicts and words on a hand-built forest (a synthetic edge case: two trees of ψ = 4 on one
 * column that isolate at opposite ends, whose ceiling 2^(−(2 + c(3)) / 2 / c(4)) = 0.5486 is worked out in
 * {@code ForestCeilingTest}); the bundled-data case is {@code DetectorCeilingJobTest}.
 */
class CeilingCheckTest {
    private static final IsolationForestDetector FOREST = new IsolationForestDetector(1, 4, new int[] {0, 3},
            new int[] {0, -1, -1, 0, -1, -1}, new double[] {0, 0, 0, 1, 0, 0}, new int[] {2, -1, -1, 5, -1, -1},
            new int[] {4, 1, 3, 4, 3, 1});
    /** One tree of ψ = 4 cutting one row off below 0: ceiling 2^(−1 / c(4)) = 0.688, above every threshold here. */
    private static final IsolationForestDetector ONE_SHORT_LEAF = new IsolationForestDetector(1, 4, new int[] {0},
            new int[] {0, -1, -1}, new double[] {0, 0, 0}, new int[] {2, -1, -1}, new int[] {4, 1, 3});
    private static final double CEILING = FOREST.ceiling().orElseThrow();
    private static final ScoreCalibration ANY = ScoreCalibration.fit(new double[] {0.4, 0.5}, 0.01);

    private static AnomalyModel fleet() {
        return AnomalyModel.of(List.of("x"), new ColumnScaling(new double[] {0}, new double[] {1}), FOREST, ANY);
    }

    /** One evaluated row for each of {@code n} assets named a00, a01, …, none alarming. */
    private static RowTimes assets(int n) {
        return new RowTimes(IntStream.range(0, n).mapToObj(i -> String.format("a%02d", i)).toArray(String[]::new), new long[n]);
    }

    @Test
    void a_threshold_above_the_fleet_detectors_ceiling_names_its_assets_first_ten_by_name() {
        List<String> w = new CeilingCheck(0.7).warnings("isolation-forest", fleet(), assets(12), new boolean[12]);

        assertEquals(List.of("isolation-forest: 12 of 12 assets can never alarm: the fleet's detector, which scores them,"
                + " scores at most 0.549, below the threshold 0.700 the calibration set: 'a00', 'a01', 'a02', 'a03', 'a04',"
                + " 'a05', 'a06', 'a07', 'a08', 'a09' and 2 more"), w);
        assertEquals(0.5486, CEILING, 5e-5);
    }

    @Test
    void a_threshold_at_the_ceiling_can_be_reached_and_says_nothing() {
        assertEquals(List.of(), new CeilingCheck(CEILING).warnings("isolation-forest", fleet(), assets(2), new boolean[2]));
    }

    @Test
    void an_asset_with_an_alarming_row_can_alarm_and_is_not_named() {
        List<String> w = new CeilingCheck(0.7).warnings("f", fleet(), assets(3), new boolean[] {false, true, false});

        assertEquals(List.of("f: 2 of 3 assets can never alarm: the fleet's detector, which scores them, scores at most"
                + " 0.549, below the threshold 0.700 the calibration set: 'a00', 'a02'"), w);
    }

    @Test
    void own_detectors_and_the_fleets_are_named_apart_and_the_digits_tell_a_ceiling_from_a_close_threshold() {
        ColumnScaling own = new ColumnScaling(new double[] {0}, new double[] {1});
        AnomalyModel model = fleet().withAssetScaling(Map.of("a00", own, "a01", own))
                .withAssetDetectors(Map.of("a00", FOREST, "a01", ONE_SHORT_LEAF));
        double threshold = CEILING + 1e-5;      // the same to three decimals

        List<String> w = new CeilingCheck(threshold).warnings("f", model, assets(3), new boolean[3]);

        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("f: 1 of 3 assets can never alarm: its own detector scores at most 0.54863, below"
                + " the threshold 0.54864 the pooled calibration set: 'a00'"), w.get(0));
        assertTrue(w.get(1).startsWith("f: 1 of 3 assets can never alarm: the fleet's detector, which scores it, scores"
                + " at most 0.54863, below the threshold 0.54864 the pooled calibration set: 'a02'"), w.get(1));
    }
}
