package org.prognos.models.anomaly.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.prognos.PrognosException;

/**
 * The widening contextual scorer on small synthetic series (edge cases: a stream that stays in its range, one that
 * leaves it, a constant training period): inside the range it is the plain detector on the widened range; after a
 * value leaves it, it scores exactly as a fresh detector on the new range fed the whole stream from the start (the
 * naive reference of a rebuild); it never reads a value before it is streamed.
 */
class WideningContextScorerTest {
    private static final ContextSettings SETTINGS = ContextSettings.forLearningPeriod(100);

    /** A noisy sine of {@code n} values with amplitude 1, seeded. */
    private static double[] sine(int n, long seed) {
        Random random = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.sin(i * 2 * Math.PI / 50) + 0.1 * random.nextGaussian();
        }
        return v;
    }

    @Test
    void a_stream_inside_its_widened_range_scores_as_the_plain_detector_on_that_range() {
        double[] v = sine(300, 1);
        ContextRange learned = ContextRange.fit(Arrays.copyOf(v, 100));
        WideningContextScorer scorer = new WideningContextScorer(learned, 0.5, SETTINGS);
        ContextDetector plain = new ContextDetector(learned.widened(0.5), SETTINGS);
        for (int i = 0; i < v.length; i++) {
            double value = learned.clip(v[i]);     // kept inside the learned range: never a rebuild
            assertEquals(plain.score(value), scorer.next(value), 0.0, "row " + i);
        }
        assertEquals(0, scorer.rebuilds());
        assertEquals(learned.widened(0.5), scorer.range());
    }

    @Test
    void after_a_value_leaves_the_range_it_scores_as_a_fresh_detector_on_the_new_range_fed_everything() {
        double[] v = sine(300, 2);
        v[200] = 5.0;                               // an excursion far beyond the range: one rebuild
        ContextRange learned = ContextRange.fit(Arrays.copyOf(v, 100));
        WideningContextScorer scorer = new WideningContextScorer(learned, 0.5, SETTINGS);
        double[] scores = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            scores[i] = scorer.next(v[i]);
        }
        assertEquals(1, scorer.rebuilds());
        double lo = Arrays.stream(v, 0, 201).min().orElseThrow();   // everything seen when the range moved
        ContextRange expected = new ContextRange(lo, 5.0).widened(0.5);
        assertEquals(expected, scorer.range());
        ContextDetector reference = new ContextDetector(expected, SETTINGS);
        for (int i = 0; i < v.length; i++) {
            double s = reference.score(v[i]);
            if (i >= 200) {
                assertEquals(s, scores[i], 0.0, "row " + i);
            }
        }
    }

    @Test
    void each_rebuild_grows_the_range_by_at_least_the_margin_so_a_trend_rebuilds_rarely() {
        // a linear trend from 0 to 399 on a training range [0, 39]: the seen span grows 10-fold, so at most
        // log(10) / log(1.5) ≈ 5.7 rebuilds at margin 0.5, however many values leave the range
        WideningContextScorer scorer = new WideningContextScorer(new ContextRange(0, 39), 0.5, SETTINGS);
        for (int i = 0; i < 400; i++) {
            double s = scorer.next(i);
            assertTrue(s >= 0 && s <= 1, "row " + i + ": " + s);
        }
        assertTrue(scorer.rebuilds() >= 1 && scorer.rebuilds() <= 6, "rebuilds: " + scorer.rebuilds());
        assertTrue(scorer.range().contains(399) && scorer.range().contains(0));
    }

    @Test
    void a_constant_training_period_has_a_one_value_range_until_the_stream_moves() {
        WideningContextScorer scorer = WideningContextScorer.learnedFrom(new double[] {3, 3, 3, 3}, 4, 1.0);
        assertEquals(new ContextRange(3, 3), scorer.range());
        for (int i = 0; i < 10; i++) {
            scorer.next(3);
        }
        assertEquals(0, scorer.rebuilds());
        scorer.next(4);
        assertEquals(new ContextRange(2, 5), scorer.range(), "[3, 4] widened by its span on each side");
        assertEquals(1, scorer.rebuilds());
    }

    @Test
    void learning_reads_only_the_training_period() {
        double[] v = sine(300, 3);
        double[] late = v.clone();
        late[250] = 100;                            // a later value must not move the learned range
        assertEquals(WideningContextScorer.learnedFrom(v, 100, 0.5).range(),
                WideningContextScorer.learnedFrom(late, 100, 0.5).range());
    }

    @Test
    void bad_input_is_refused_with_a_clear_message() {
        PrognosException margin = assertThrows(PrognosException.class,
                () -> new WideningContextScorer(new ContextRange(0, 1), -0.1, SETTINGS));
        assertEquals("a context range margin must be finite and at least 0, found -0.1", margin.getMessage());
        WideningContextScorer scorer = new WideningContextScorer(new ContextRange(0, 1), 0.5, SETTINGS);
        scorer.next(0.5);
        PrognosException nan = assertThrows(PrognosException.class, () -> scorer.next(Double.NaN));
        assertEquals("the context detector needs finite values, found NaN at row 1", nan.getMessage());
    }
}
