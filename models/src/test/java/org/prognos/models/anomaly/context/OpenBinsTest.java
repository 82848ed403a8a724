package org.prognos.models.anomaly.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Open bins ({@link ForgettingContextScorer.Range#OPEN}) against a naive reference: the score of row t is that of a
 * fresh {@link ContextDetector} on the learned range widened by the margin, fed the remembered rows as they are (no
 * clipping, no widening), on two NAB files whose values leave that range (real data); the range never moves and
 * nothing is rebuilt; a value beyond the range is a symbol of its own, on either side (synthetic edge cases, said so).
 */
class OpenBinsTest {
    private static final int MEMORY = 300;
    private static final double MARGIN = 0.5;
    /** Every how many rows the naive replay is checked (it costs a replay of up to 2 · MEMORY rows each). */
    private static final int CHECK_EVERY = 19;

    private static double[] nab(String file, int rows) throws IOException {
        List<String> lines = Files.readAllLines(ContextDetectorTest.DATA.resolve(file));
        return lines.subList(1, rows + 1).stream().mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
    }

    /** The first row the scoring detector has learned when it scores row {@code t}. */
    private static int start(int t) {
        return Math.max(0, (t / MEMORY - 1) * MEMORY);
    }

    private static void assertNaiveReplay(double[] v, int learning) {
        ForgettingContextScorer scorer = ForgettingContextScorer.learnedFrom(v, learning, MARGIN, MEMORY,
                ForgettingContextScorer.Range.OPEN);
        ContextRange bins = ContextRange.fit(Arrays.copyOf(v, learning)).widened(MARGIN);
        ContextSettings settings = ContextSettings.forLearningPeriod(learning);
        int beyond = 0;
        for (int t = 0; t < v.length; t++) {
            double got = scorer.next(v[t]);
            beyond += bins.contains(v[t]) ? 0 : 1;
            assertEquals(bins, scorer.range(), "the bins never move, row " + t);
            assertEquals(t - start(t) + 1, scorer.rowsRemembered(), "row " + t);
            if (t % CHECK_EVERY == 0 || t == v.length - 1) {
                ContextDetector naive = ContextDetector.withFlooredBins(bins, settings);
                double want = Double.NaN;
                for (int i = start(t); i <= t; i++) {
                    want = naive.score(v[i]);
                }
                assertEquals(want, got, 0.0, "row " + t);
            }
        }
        assertTrue(beyond > 0, "the check needs values beyond the learned range");
        assertEquals(0, scorer.rebuilds(), "open bins never rebuild");
    }

    @Test
    void scores_as_a_fresh_detector_on_the_learned_bins_fed_the_remembered_rows_unclipped() throws IOException {
        // machine temperature's first 3,000 rows, learned on 300: the later readings fall below the learned range
        assertNaiveReplay(nab("realKnownCause/machine_temperature_system_failure.csv", 3000), 300);
    }

    @Test
    void scores_as_the_naive_reference_where_the_seen_range_would_move_far() throws IOException {
        // rogue_agent_key_updown: mostly 0, bursts; one value of 288 widens a seen range to six times its first span
        assertNaiveReplay(nab("realKnownCause/rogue_agent_key_updown.csv", 2600), 750);
    }

    @Test
    void inside_the_learned_range_open_bins_score_as_the_seen_range_until_its_first_move() throws IOException {
        double[] v = nab("realKnownCause/rogue_agent_key_updown.csv", 5315);
        ForgettingContextScorer open = ForgettingContextScorer.learnedFrom(v, 750, MARGIN, 2000,
                ForgettingContextScorer.Range.OPEN);
        ForgettingContextScorer seen = ForgettingContextScorer.learnedFrom(v, 750, MARGIN, 2000,
                ForgettingContextScorer.Range.SEEN);
        int t = 0;
        while (seen.rebuilds() == 0) {
            double o = open.next(v[t]);
            double s = seen.next(v[t]);
            if (seen.rebuilds() == 0) {
                assertEquals(s, o, 0.0, "row " + t);
            }
            t++;
        }
        assertTrue(t > 750, "the seen range moves after the learning rows, at " + t);
        assertTrue(seen.range().max() - seen.range().min() > 5 * (open.range().max() - open.range().min()),
                "one value widens the seen range more than five times: " + seen.range());
    }

    @Test
    void a_value_beyond_the_bins_on_either_side_is_a_new_symbol_not_the_edge_bin() {
        // synthetic edge case: a stream that cycles through the eight bins of [0, 7] (bin width 1), learned; then, where
        // the cycle expects its edge bin, a value beyond it: 0.5 below the range (which truncation towards 0, as
        // clipping, would put in bin 0, a bin of twice the width) and far above it (clipped: bin 7). Each is novel to
        // open bins; clipped to the edge bin it is the expected value, not news
        double[] cycle = {0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.0};
        ContextRange range = new ContextRange(0, 7);
        ContextSettings settings = new ContextSettings(0.75, 1, 7, 15, 3);
        for (double beyond : new double[] {-0.5, 30.0}) {
            ForgettingContextScorer open = new ForgettingContextScorer(range, 0.0, 10_000,
                    ForgettingContextScorer.Range.OPEN, settings);
            ForgettingContextScorer clipped = ForgettingContextScorer.givenRange(range, 10_000, settings);
            int expectedAt = beyond < 0 ? 0 : cycle.length - 1;   // where the cycle expects the edge value
            for (int k = 0; k < 200 * cycle.length + expectedAt; k++) {
                open.next(cycle[k % cycle.length]);
                clipped.next(cycle[k % cycle.length]);
            }
            double openScore = open.next(beyond);
            double clippedScore = clipped.next(beyond);
            assertTrue(openScore >= 0.75, beyond + ": a value beyond the bins is news, scored " + openScore);
            assertTrue(clippedScore < 0.75, beyond + " clipped to " + range.clip(beyond) + ", the expected edge bin,"
                    + " scored " + clippedScore);
            assertEquals(range, open.range());
            assertEquals(0, open.rebuilds());
        }
    }
}
