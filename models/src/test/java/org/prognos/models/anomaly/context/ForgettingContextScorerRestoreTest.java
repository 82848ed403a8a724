package org.prognos.models.anomaly.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prognos.PrognosException;

/**
 * A forgetting scorer's {@link ForgettingContextScorer#remembered()} state, {@link ForgettingContextScorer#restored} by
 * replay at any point of NAB's machine-temperature file (both range rules; before the younger detector starts, while
 * it learns, after a take-over and after a range move), goes on with the same scores as the scorer it was taken from.
 */
class ForgettingContextScorerRestoreTest {
    private static final int MEMORY = 300;
    private static final int LEARNING = 400;
    private static final double MARGIN = 0.5;

    private static double[] values() throws IOException {
        List<String> lines = Files.readAllLines(ContextDetectorTest.DATA.resolve("realKnownCause/machine_temperature_system_failure.csv"));
        return lines.subList(1, 4001).stream().mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
    }

    @Test
    void a_restored_scorer_goes_on_with_the_same_scores_for_both_range_rules() throws IOException {
        double[] v = values();
        ContextSettings settings = ContextSettings.forLearningPeriod(LEARNING);
        // the two rules whose range moves (a given range never moves: ForgettingContextScorerTest covers it)
        for (ForgettingContextScorer.Range rule : List.of(ForgettingContextScorer.Range.SEEN,
                ForgettingContextScorer.Range.REMEMBERED)) {
            ForgettingContextScorer whole = ForgettingContextScorer.learnedFrom(v, LEARNING, MARGIN, MEMORY, rule);
            double[] expected = new double[v.length];
            int firstMove = -1;
            for (int i = 0; i < v.length; i++) {
                expected[i] = whole.next(v[i]);
                if (firstMove < 0 && whole.rebuilds() > 0) {
                    firstMove = i + 1;
                }
            }
            assertTrue(firstMove > 0, rule + ": the range moves on this file");
            for (int cut : new int[] {0, 1, MEMORY - 1, MEMORY + 1, 2 * MEMORY, 2 * MEMORY + 1, 3 * MEMORY + 17, firstMove,
                    firstMove + 5, v.length - 1}) {
                ForgettingContextScorer first = ForgettingContextScorer.learnedFrom(v, LEARNING, MARGIN, MEMORY, rule);
                for (int i = 0; i < cut; i++) {
                    first.next(v[i]);
                }
                ForgettingContextScorer.Remembered state = first.remembered();
                ForgettingContextScorer restored = ForgettingContextScorer.restored(state, MARGIN, MEMORY, rule, settings);
                assertEquals(first.contexts(), restored.contexts(), rule + ", cut " + cut);
                assertEquals(first.rebuilds(), restored.rebuilds(), rule + ", cut " + cut);
                assertArrayEquals(state.rows(), restored.remembered().rows(), rule + ", cut " + cut);
                for (int i = cut; i < v.length; i++) {
                    assertEquals(expected[i], restored.next(v[i]), 0.0, rule + ", cut " + cut + ", row " + i);
                }
            }
        }
    }

    @Test
    void an_inconsistent_state_is_refused() {
        ContextRange range = new ContextRange(0, 1);
        assertThrows(PrognosException.class,
                () -> new ForgettingContextScorer.Remembered(range, 0, 1, new double[5], 6, 5, 0));
        assertThrows(PrognosException.class,
                () -> new ForgettingContextScorer.Remembered(range, 0, 1, new double[5], -1, 4, 0));
        ForgettingContextScorer.Remembered tooMany = new ForgettingContextScorer.Remembered(range, 0, 1, new double[7], -1, 7, 0);
        PrognosException e = assertThrows(PrognosException.class, () -> ForgettingContextScorer.restored(tooMany, MARGIN, 3,
                ForgettingContextScorer.Range.SEEN, ContextSettings.forLearningPeriod(10)));
        assertTrue(e.getMessage().contains("more than 2 · 3"), e.getMessage());
    }
}
