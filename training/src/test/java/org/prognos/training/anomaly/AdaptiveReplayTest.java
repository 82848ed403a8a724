package org.prognos.training.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.prognos.features.extract.FeatureTable;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;

/**
 * {@link AdaptiveReplay}'s edge cases, on synthetic rows (two Gaussian columns, a shift in one asset's last rows; the
 * bundled-data checks are in {@code training/…/AdaptiveEvaluationJobTest}): each evaluated asset is streamed from its
 * first history row, its evaluated rows are scored as the tail of {@link AdaptiveScorer#scoreAll} over that stream, and
 * a replay that would skip rows the service sees, or a model not scored adaptively, is refused with a clear message.
 */
class AdaptiveReplayTest {
    private static final List<String> COLUMNS = List.of("a", "b");
    private static final AdaptiveScoring SETTINGS = AdaptiveScoring.likelihood().withWarmUp(20);

    /** A z-score model fitted on 200 standard normal rows, calibrated on 200 more, served adaptively. */
    private static AnomalyModel model() {
        Random random = new Random(7);
        double[][] train = new double[200][];
        double[][] held = new double[200][];
        for (int i = 0; i < 200; i++) {
            train[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
            held[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
        }
        return AnomalyFitter.fit(COLUMNS, train, held, new DetectorSettings.ZScore(), 0.01, 42)
                .withScoring(new AnomalyScoring.Adaptive(SETTINGS));
    }

    /** Assets "1" and "2", 150 hourly rows each; asset 2's last 20 rows shifted by 6 sd in column a. */
    private static FeatureTable history() {
        Random random = new Random(11);
        FeatureTable t = new FeatureTable(COLUMNS);
        for (String asset : List.of("1", "2")) {
            for (int i = 0; i < 150; i++) {
                double shift = asset.equals("2") && i >= 130 ? 6 : 0;
                t.row(asset, i * HOUR, new double[] {random.nextGaussian() + shift, random.nextGaussian()});
            }
        }
        return t.sorted();
    }

    private static final long HOUR = 3_600_000_000L;

    /** The rows of {@code t} at or after {@code from}. */
    private static FeatureTable from(FeatureTable t, long from) {
        FeatureTable out = new FeatureTable(COLUMNS);
        for (int i = 0; i < t.size(); i++) {
            if (t.time(i) >= from) {
                out.row(t.asset(i), t.time(i), t.row(i));
            }
        }
        return out.sorted();
    }

    @Test
    void evaluated_rows_score_as_the_tail_of_each_assets_whole_stream() {
        AnomalyModel model = model();
        FeatureTable history = history();
        FeatureTable evaluated = from(history, 100 * HOUR);
        AdaptiveReplay replay = AdaptiveReplay.of(model, history, evaluated);
        assertEquals(200, replay.priorRows(), "100 rows of each asset before the evaluated period");
        double[] got = replay.scores().scores();
        int k = 0;
        for (int[] rows : history.rowsByAsset().values()) {
            double[][] x = Arrays.stream(rows).mapToObj(history::row).toArray(double[][]::new);
            AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(model, SETTINGS, x);
            for (int i = 100; i < steps.length; i++) {
                assertEquals(steps[i].score(), got[k++], 0.0, "row " + i);
            }
        }
        assertEquals(got.length, k);
        boolean[] alarms = replay.scores().alarms();
        int shiftAt = 50 + 30;    // asset 2's first shifted row among the evaluated rows (asset 1's 50 first)
        assertTrue(alarms[shiftAt] || alarms[shiftAt + 1] || alarms[shiftAt + 2],
                "asset 2's shift alarms within the 3 rows of the recent mean: " + Arrays.toString(Arrays.copyOfRange(got, 78, 84)));
        for (int r = 0; r < 50; r++) {
            assertTrue(!alarms[r], "asset 1 never shifts, row " + r + ": " + got[r]);
        }
    }

    @Test
    void a_stream_started_at_the_evaluated_period_would_answer_otherwise() {
        AnomalyModel model = model();
        FeatureTable history = history();
        FeatureTable evaluated = from(history, 100 * HOUR);
        double[] warm = AdaptiveReplay.of(model, history, evaluated).scores().scores();
        double[] cold = AdaptiveReplay.of(model, evaluated, evaluated).scores().scores();
        assertEquals(0, AdaptiveReplay.of(model, evaluated, evaluated).priorRows());
        assertArrayEquals(new double[20], Arrays.copyOf(cold, 20), 0.0, "a cold stream warms up on evaluated rows");
        assertTrue(Arrays.stream(warm, 0, 20).anyMatch(s -> s > 0), "a warm stream scores them");
    }

    @Test
    void evaluated_rows_that_skip_part_of_an_assets_history_are_refused() {
        FeatureTable history = history();
        FeatureTable gappy = new FeatureTable(COLUMNS);
        for (int i = 0; i < history.size(); i++) {
            if (history.time(i) >= 100 * HOUR && history.time(i) != 120 * HOUR) {
                gappy.row(history.asset(i), history.time(i), history.row(i));
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdaptiveReplay.of(model(), history, gappy.sorted()));
        assertTrue(e.getMessage().contains("asset '1' has 49 evaluated rows but 50 rows in its history"), e.getMessage());
    }

    @Test
    void a_model_scored_statically_has_nothing_to_replay() {
        AnomalyModel fixed = model().withScoring(AnomalyScoring.STATIC);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdaptiveReplay.of(fixed, history(), history()));
        assertTrue(e.getMessage().contains("scored static, not adaptively"), e.getMessage());
    }
}
