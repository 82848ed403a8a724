package org.prognos.models.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.prognos.features.extract.FeatureTable;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.runtime.AdaptiveAnswers;

/**
 * The streamed replay's edge cases on SYNTHETIC rows (assets interleaved in the stream, chosen times before, at,
 * between and after an asset's rows, an asset chosen but never streamed, one streamed but never chosen, rows out of
 * time order): its steps equal, record for record, {@link AdaptiveSteps#at} of {@link AdaptiveSteps#of} over the same
 * rows held in a table. Its run on real data (Azure, through a batch extraction) is {@code cli/…/ServedStepsTest}'s.
 */
class StreamedStepsTest {
    @Test
    void interleaved_assets_answer_each_chosen_time_as_the_held_table_does() {
        AnomalyModel m = SyntheticAdaptive.model();
        double[][] p = SyntheticAdaptive.noise(60, 1);
        double[][] q = SyntheticAdaptive.noise(45, 2);
        double[][] r = SyntheticAdaptive.noise(30, 3);
        FeatureTable rows = new FeatureTable(SyntheticAdaptive.COLUMNS);
        StreamedSteps stream = new StreamedSteps(m, chosen());
        double[] reused = new double[2];
        for (int i = 0; i < p.length; i++) {   // the stream interleaves p, q and r; the sink's array is reused
            feed(rows, stream, "p", 100 + 10L * i, p[i], reused);
            if (i < q.length) {
                feed(rows, stream, "q", 5L * i, q[i], reused);
            }
            if (i < r.length) {
                feed(rows, stream, "r", 1000 + 10L * i, r[i], reused);
            }
        }
        AdaptiveScorer.Step[] held = AdaptiveSteps.at(AdaptiveSteps.of(m, rows), rows, chosen());
        AdaptiveScorer.Step[] got = stream.steps();
        assertArrayEquals(held, got);
        assertEquals(p.length + q.length + r.length, stream.rowsFed());
        // chosen() in asset order: other, then p at 99, 100, 255, 260 and 10,000, then q
        assertSame(AdaptiveAnswers.NO_ROW_YET, got[0], "an asset never streamed");
        assertSame(AdaptiveAnswers.NO_ROW_YET, got[1], "before p's first row: no row yet");
        assertEquals(1, got[2].rows(), "at p's first row: that row");
        assertEquals(16, got[3].rows(), "between p's rows 15 and 16 the scorer had seen 16 rows");
        assertEquals(17, got[4].rows(), "at p's row 16: that row too");
        assertEquals(p.length, got[5].rows(), "after p's last row: all its rows");
        assertTrue(Arrays.stream(got).anyMatch(s -> s.score() > 0), "past the warm-up: a real comparison");
    }

    /** The rows to answer: p before, at, between, at and after its rows; an asset without rows; q throughout. */
    private static FeatureTable chosen() {
        FeatureTable at = new FeatureTable(SyntheticAdaptive.COLUMNS);
        double[] any = {0, 0};
        for (long t : new long[] {99, 100, 255, 260, 10_000}) {
            at.row("p", t, any);
        }
        at.row("other", 500, any);
        for (long t = 0; t < 300; t += 7) {
            at.row("q", t, any);
        }
        return at.sorted();
    }

    private static void feed(FeatureTable rows, StreamedSteps stream, String asset, long t, double[] row, double[] reused) {
        rows.row(asset, t, row);
        System.arraycopy(row, 0, reused, 0, row.length);
        stream.row(asset, t, reused);
        Arrays.fill(reused, Double.NaN);
    }

    @Test
    void two_rows_of_an_asset_at_one_time_rows_back_in_time_and_a_static_model_are_refused() {
        StreamedSteps twice = new StreamedSteps(SyntheticAdaptive.model(), new FeatureTable(SyntheticAdaptive.COLUMNS));
        twice.row("p", 5, new double[] {0, 0});
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class, () -> twice.row("p", 5, new double[] {1, 1}));
        assertTrue(same.getMessage().contains("asset 'p' has two feature rows at time 5"), same.getMessage());
        IllegalArgumentException back = assertThrows(IllegalArgumentException.class, () -> twice.row("p", 4, new double[] {1, 1}));
        assertTrue(back.getMessage().contains("asset 'p' has a feature row at time 4 after one at 5"), back.getMessage());
        AnomalyModel fitted = SyntheticAdaptive.model().withScoring(new AnomalyScoring.Static());
        IllegalArgumentException still = assertThrows(IllegalArgumentException.class,
                () -> new StreamedSteps(fitted, new FeatureTable(SyntheticAdaptive.COLUMNS)));
        assertTrue(still.getMessage().contains("not adaptively"), still.getMessage());
    }
}
