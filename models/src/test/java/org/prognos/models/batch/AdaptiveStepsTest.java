package org.prognos.models.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prognos.features.extract.FeatureTable;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.runtime.AdaptiveAnswers;

/**
 * The per-asset replay's edge cases on SYNTHETIC rows (what the bundled data does not isolate: assets interleaved in
 * a table, times between, before and after an asset's rows, an asset with no rows, two rows at one time). Its run on
 * real data is held against the service by {@code cli/…/score/AdaptiveScoreTest} and Spark's parity test.
 */
class AdaptiveStepsTest {
    @Test
    void each_asset_of_an_interleaved_table_gets_the_steps_of_its_own_rows_alone() {
        AnomalyModel m = SyntheticAdaptive.model();
        double[][] p = SyntheticAdaptive.noise(60, 1);
        double[][] q = SyntheticAdaptive.noise(50, 2);
        FeatureTable t = new FeatureTable(List.of("a", "b"));
        for (int i = 59; i >= 0; i--) {   // p backwards in time, q forwards, interleaved
            t.row("p", 10L * i, p[i]);
            if (i < q.length) {
                t.row("q", 10L * (q.length - 1 - i), q[q.length - 1 - i]);
            }
        }
        AdaptiveScorer.Step[] steps = AdaptiveSteps.of(m, t);
        AdaptiveScorer.Step[] alone = AdaptiveScorer.scoreAll(m, SyntheticAdaptive.SETTINGS, p);
        AdaptiveScorer.Step[] qAlone = AdaptiveScorer.scoreAll(m, SyntheticAdaptive.SETTINGS, q);
        for (int r = 0; r < t.size(); r++) {
            int i = (int) (t.time(r) / 10);
            assertEquals(t.asset(r).equals("p") ? alone[i] : qAlone[i], steps[r], t.asset(r) + " row " + i);
        }
        assertTrue(Arrays.stream(alone).anyMatch(s -> s.score() > 0), "past the warm-up: a real comparison");
    }

    @Test
    void a_time_is_answered_by_the_assets_last_row_at_or_before_it() {
        AnomalyModel m = SyntheticAdaptive.model();
        double[][] p = SyntheticAdaptive.noise(40, 3);
        FeatureTable rows = new FeatureTable(List.of("a", "b"));
        for (int i = 0; i < p.length; i++) {
            rows.row("p", 100 + 10L * i, p[i]);
        }
        AdaptiveScorer.Step[] steps = AdaptiveSteps.of(m, rows);
        FeatureTable at = new FeatureTable(List.of("a", "b"));
        double[] any = {0, 0};
        at.row("p", 99, any);      // before its first row
        at.row("p", 100, any);     // at its first row
        at.row("p", 255, any);     // between rows 15 and 16
        at.row("p", 260, any);     // at row 16
        at.row("p", 10_000, any);  // after its last row
        at.row("other", 500, any); // an asset without rows
        AdaptiveScorer.Step[] got = AdaptiveSteps.at(steps, rows, at);
        assertSame(AdaptiveAnswers.NO_ROW_YET, got[0], "before the first row: no row yet");
        assertEquals(steps[0], got[1]);
        assertEquals(steps[15], got[2]);
        assertEquals(steps[16], got[3]);
        assertEquals(steps[39], got[4]);
        assertSame(AdaptiveAnswers.NO_ROW_YET, got[5]);
        assertEquals(16, got[2].rows(), "the scorer had seen 16 rows by then");
    }

    @Test
    void two_rows_of_an_asset_at_one_time_and_a_static_model_are_refused() {
        FeatureTable t = new FeatureTable(List.of("a", "b"));
        t.row("p", 5, new double[] {0, 0});
        t.row("p", 5, new double[] {1, 1});
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> AdaptiveSteps.of(SyntheticAdaptive.model(), t));
        assertTrue(twice.getMessage().contains("asset 'p' has two feature rows at time 5"), twice.getMessage());
        AnomalyModel fitted = SyntheticAdaptive.model().withScoring(new AnomalyScoring.Static());
        IllegalArgumentException still = assertThrows(IllegalArgumentException.class, () -> AdaptiveSteps.of(fitted,
                new FeatureTable(List.of("a", "b"))));
        assertTrue(still.getMessage().contains("not adaptively"), still.getMessage());
    }
}
