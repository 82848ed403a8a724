package org.prognos.models.anomaly.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.prognos.PrognosException;

/**
 * The forgetting contextual scorer against a naive reference: the score of row t is the score of a fresh detector on
 * the scorer's range fed the rows from {@code max(0, (⌊t / memory⌋ − 1) · memory)} to t, on two NAB files (real data,
 * values that leave the training range, both range rules); its memory stays bounded; the remembered range narrows
 * after an excursion is forgotten (a synthetic spike, the edge case), the seen range does not.
 */
class ForgettingContextScorerTest {
    private static final int MEMORY = 300;
    /** Every how many rows the naive replay is checked (it costs a replay of up to 2 · MEMORY rows each). */
    private static final int CHECK_EVERY = 23;

    private static double[] nab(String file, int rows) throws IOException {
        List<String> lines = Files.readAllLines(ContextDetectorTest.DATA.resolve(file));
        return lines.subList(1, rows + 1).stream().mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
    }

    /** The first row the scoring detector has learned when it scores row {@code t}. */
    private static int start(int t, int memory) {
        return Math.max(0, (t / memory - 1) * memory);
    }

    private static void assertNaiveReplay(double[] v, int learning, ForgettingContextScorer.Range rule) {
        ForgettingContextScorer scorer = ForgettingContextScorer.learnedFrom(v, learning, 0.5, MEMORY, rule);
        ContextSettings settings = ContextSettings.forLearningPeriod(learning);
        for (int t = 0; t < v.length; t++) {
            double got = scorer.next(v[t]);
            assertTrue(scorer.rowsRemembered() <= 2 * MEMORY, "row " + t + ": " + scorer.rowsRemembered());
            assertEquals(t - start(t, MEMORY) + 1, scorer.rowsRemembered(), "row " + t);
            assertTrue(scorer.range().contains(v[t]), "row " + t);
            if (t % CHECK_EVERY == 0 || t == v.length - 1) {
                ContextDetector naive = new ContextDetector(scorer.range(), settings);
                double want = Double.NaN;
                for (int i = start(t, MEMORY); i <= t; i++) {
                    want = naive.score(v[i]);
                }
                assertEquals(want, got, 0.0, rule + " row " + t);
            }
        }
    }

    @Test
    void scores_as_a_fresh_detector_fed_the_remembered_rows_with_the_seen_range() throws IOException {
        // nyc_taxi's first 2,000 half-hours: the weekly rhythm leaves the probation's range (rebuilds happen)
        double[] v = nab("realKnownCause/nyc_taxi.csv", 2000);
        assertNaiveReplay(v, 300, ForgettingContextScorer.Range.SEEN);
    }

    @Test
    void scores_as_a_fresh_detector_fed_the_remembered_rows_with_the_remembered_range() throws IOException {
        double[] v = nab("realKnownCause/machine_temperature_system_failure.csv", 2000);
        assertNaiveReplay(v, 300, ForgettingContextScorer.Range.REMEMBERED);
    }

    @Test
    void with_a_memory_longer_than_the_stream_it_equals_the_widening_scorer() throws IOException {
        double[] v = nab("realKnownCause/nyc_taxi.csv", 1500);
        ForgettingContextScorer forgetting = ForgettingContextScorer.learnedFrom(v, 225, 0.5, v.length,
                ForgettingContextScorer.Range.SEEN);
        WideningContextScorer widening = WideningContextScorer.learnedFrom(v, 225, 0.5);
        for (int t = 0; t < v.length; t++) {
            assertEquals(widening.next(v[t]), forgetting.next(v[t]), 0.0, "row " + t);
        }
        assertEquals(widening.rebuilds(), forgetting.rebuilds());
        assertEquals(widening.range(), forgetting.range());
    }

    @Test
    void its_state_is_what_the_remembered_rows_teach_two_fresh_detectors() throws IOException {
        // art_noisy: noise only, the plain detector's contexts grow with every novel row; here they are those of a
        // fresh detector fed the elder's rows (at most 2 · MEMORY) plus one fed the younger's, whatever came before
        double[] v = nab("artificialNoAnomaly/art_noisy.csv", 1700);
        ForgettingContextScorer scorer = ForgettingContextScorer.learnedFrom(v, 300, 0.5, MEMORY,
                ForgettingContextScorer.Range.SEEN);
        for (double x : v) {
            scorer.next(x);
        }
        int t = v.length - 1;
        ContextSettings settings = ContextSettings.forLearningPeriod(300);
        ContextDetector elder = new ContextDetector(scorer.range(), settings);
        ContextDetector younger = new ContextDetector(scorer.range(), settings);
        for (int i = start(t, MEMORY); i <= t; i++) {
            elder.score(v[i]);
            if (i >= start(t, MEMORY) + MEMORY) {
                younger.score(v[i]);
            }
        }
        assertEquals(2 * MEMORY - 100, scorer.rowsRemembered());
        assertEquals(elder.contexts() + younger.contexts(), scorer.contexts());
    }

    @Test
    void the_remembered_range_narrows_once_an_excursion_is_forgotten_and_the_seen_range_does_not() {
        // synthetic edge case: noise of sd 1 around 0 with one spike of 100 at row 400
        Random random = new Random(7);
        double[] v = new double[3000];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        v[400] = 100;
        ForgettingContextScorer remembered = ForgettingContextScorer.learnedFrom(v, 300, 0.5, MEMORY,
                ForgettingContextScorer.Range.REMEMBERED);
        ForgettingContextScorer seen = ForgettingContextScorer.learnedFrom(v, 300, 0.5, MEMORY,
                ForgettingContextScorer.Range.SEEN);
        for (double x : v) {
            remembered.next(x);
            seen.next(x);
        }
        double normalSpan = Arrays.stream(v, 401, v.length).max().orElseThrow()
                - Arrays.stream(v, 401, v.length).min().orElseThrow();
        assertTrue(seen.range().max() >= 100, seen.range().toString());
        assertTrue(remembered.range().max() - remembered.range().min() <= 2 * normalSpan, remembered.range().toString());
        assertTrue(remembered.range().max() < 100, remembered.range().toString());
    }

    @Test
    void a_given_range_never_moves_and_scores_as_a_fresh_detector_fed_the_remembered_rows() throws IOException {
        // nyc_taxi's first 2,000 half-hours, the range given: their min and max (as NAB's harness gives a detector)
        double[] v = nab("realKnownCause/nyc_taxi.csv", 2000);
        ContextRange given = ContextRange.fit(v);
        ContextSettings settings = ContextSettings.forLearningPeriod(300);
        ForgettingContextScorer scorer = ForgettingContextScorer.givenRange(given, MEMORY, settings);
        // the seen rule learned on the same range with no margin never leaves it either: the same scorer
        ForgettingContextScorer seen = new ForgettingContextScorer(given, 0.0, MEMORY, ForgettingContextScorer.Range.SEEN,
                settings);
        for (int t = 0; t < v.length; t++) {
            double got = scorer.next(v[t]);
            assertEquals(seen.next(v[t]), got, 0.0, "row " + t);
            assertEquals(t - start(t, MEMORY) + 1, scorer.rowsRemembered(), "row " + t);
            if (t % CHECK_EVERY == 0 || t == v.length - 1) {
                ContextDetector naive = new ContextDetector(given, settings);
                double want = Double.NaN;
                for (int i = start(t, MEMORY); i <= t; i++) {
                    want = naive.score(v[i]);
                }
                assertEquals(want, got, 0.0, "row " + t);
            }
        }
        assertEquals(given, scorer.range());
        assertEquals(0, scorer.rebuilds());
        assertEquals(0, seen.rebuilds());
    }

    @Test
    void a_value_beyond_a_given_range_is_clipped_into_it_and_the_range_stays() throws IOException {
        // machine temperature's first 1,500 rows, declared to lie in [70, 95]: the readings below 70 are clipped
        double[] v = nab("realKnownCause/machine_temperature_system_failure.csv", 1500);
        ContextRange declared = new ContextRange(70, 95);
        assertTrue(Arrays.stream(v).anyMatch(x -> !declared.contains(x)), "the check needs values beyond the range");
        ContextSettings settings = ContextSettings.forLearningPeriod(225);
        ForgettingContextScorer raw = ForgettingContextScorer.givenRange(declared, MEMORY, settings);
        ForgettingContextScorer clipped = ForgettingContextScorer.givenRange(declared, MEMORY, settings);
        for (int t = 0; t < v.length; t++) {
            assertEquals(clipped.next(declared.clip(v[t])), raw.next(v[t]), 0.0, "row " + t);
        }
        assertEquals(declared, raw.range());
        assertEquals(0, raw.rebuilds());
    }

    @Test
    void bad_input_is_refused_with_a_clear_message() {
        ContextSettings settings = ContextSettings.forLearningPeriod(100);
        PrognosException memory = assertThrows(PrognosException.class, () -> new ForgettingContextScorer(
                new ContextRange(0, 1), 0.5, 0, ForgettingContextScorer.Range.SEEN, settings));
        assertEquals("a forgetting context memory needs at least 1 row, found 0", memory.getMessage());
        ForgettingContextScorer scorer = new ForgettingContextScorer(new ContextRange(0, 1), 0.5, 10,
                ForgettingContextScorer.Range.SEEN, settings);
        scorer.next(0.5);
        PrognosException nan = assertThrows(PrognosException.class, () -> scorer.next(Double.NaN));
        assertEquals("the context detector needs finite values, found NaN at row 1", nan.getMessage());
    }
}
