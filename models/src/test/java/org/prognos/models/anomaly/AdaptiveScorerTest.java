package org.prognos.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.prognos.PrognosException;

/**
 * The adaptive score's parts on SYNTHETIC streams (edge cases the bundled data does not isolate: a warm-up, a single
 * jump, a bounded memory); its run on real data is checked through the NAB runner in {@code training}.
 */
class AdaptiveScorerTest {
    private static final double EXACT = 0.0;

    /** A two-column model fitted on seeded Gaussian rows, z-score detector. */
    private static AnomalyModel model() {
        Random r = new Random(7);
        double[][] rows = new double[200][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {r.nextGaussian(), r.nextGaussian()};
        }
        ColumnScaling scaling = ColumnScaling.fit(rows, 2);
        ZScoreDetector detector = new ZScoreDetector(2);
        double[] raw = Arrays.stream(rows).mapToDouble(x -> detector.score(scaling.apply(x), new double[2])).toArray();
        return AnomalyModel.of(List.of("a", "b"), scaling, detector, ScoreCalibration.fit(raw, 0.01));
    }

    private static double[][] noise(int n, long seed) {
        Random r = new Random(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {r.nextGaussian(), r.nextGaussian()};
        }
        return rows;
    }

    @Test
    void nothing_scores_above_zero_before_min_history_plus_recent_raw_scores() {
        AdaptiveScoring s = new AdaptiveScoring(0, 3, 0, 5, 100, 20, 0.999, 10, AdaptiveScoring.NO_RANGE_CHECK);
        AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(model(), s, noise(60, 1));
        for (int i = 0; i < 24; i++) {
            assertEquals(0.0, steps[i].score(), EXACT, "row " + i);
        }
        assertTrue(steps[24].score() > 0, "the 25th raw score has 20 of history before the 5 recent ones");
    }

    @Test
    void a_jump_alarms_once_then_rests() {
        AdaptiveScoring s = new AdaptiveScoring(0, 3, 0, 5, 100, 20, 0.999, 10, AdaptiveScoring.NO_RANGE_CHECK);
        double[][] rows = noise(120, 2);
        for (int i = 100; i < 120; i++) {
            rows[i] = new double[] {40, 40};            // far out: the recent mean leaves the history by many sds
        }
        AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(model(), s, rows);
        int first = -1;
        for (int i = 0; i < steps.length && first < 0; i++) {
            first = steps[i].score() >= 0.999 ? i : -1;
        }
        assertEquals(100, first, "the first far row alarms");
        for (int i = first + 1; i <= first + 10; i++) {
            assertEquals(0.0, steps[i].score(), EXACT, "resting at row " + i);
            assertTrue(steps[i].likelihood() >= 0, "the likelihood is still computed while resting");
        }
    }

    @Test
    void until_quiet_raises_one_alarm_per_excursion_and_rearms_after_rest_quiet_rows() {
        AdaptiveScoring s = new AdaptiveScoring(0, 3, 0, 5, 100, 20, 0.999, 10, AdaptiveScoring.NO_RANGE_CHECK)
                .withRest(AdaptiveScoring.RestRule.UNTIL_QUIET, 10);
        double[][] rows = noise(200, 2);
        for (int i = 100; i < 140; i++) {
            rows[i] = new double[] {40, 40};            // a 40-row excursion: after-alarm rest would alarm 3 more times
        }
        AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(model(), s, rows);
        int alarms = 0;
        int last = -1;
        for (int i = 0; i < steps.length; i++) {
            if (steps[i].score() >= 0.999) {
                alarms++;
                last = i;
            }
        }
        assertEquals(1, alarms, "one alarm for one excursion");
        assertEquals(100, last);
        for (int i = 0; i < steps.length; i++) {
            boolean highBefore = false;
            for (int j = Math.max(0, i - 10); j < i; j++) {
                highBefore |= steps[j].likelihood() >= 0.999;
            }
            assertEquals(highBefore ? 0.0 : steps[i].likelihood(), steps[i].score(), EXACT,
                    "kept only after 10 rows without a likelihood ≥ 0.999, row " + i);
        }
        AdaptiveScorer.Step[] afterAlarm = AdaptiveScorer.scoreAll(model(), s.withRest(AdaptiveScoring.RestRule.AFTER_ALARM, 10), rows);
        assertTrue(Arrays.stream(afterAlarm).filter(x -> x.score() >= 0.999).count() > 1,
                "resting after each alarm instead alarms again inside the excursion");
    }

    @Test
    void averaged_reference_equals_a_naive_gaussian_over_the_short_means_of_the_history() {
        int recent = 5;
        int history = 100;
        AdaptiveScoring s = new AdaptiveScoring(0, 3, 0, recent, history, 20, 0.999, 0, AdaptiveScoring.NO_RANGE_CHECK)
                .withReference(AdaptiveScoring.Reference.AVERAGED);
        AnomalyModel m = model();
        double[][] rows = noise(300, 6);
        AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(m, s, rows);
        double[] raw = Arrays.stream(steps).mapToDouble(AdaptiveScorer.Step::raw).toArray();
        for (int t = 0; t < rows.length; t++) {
            int available = Math.min(t + 1, history + recent) - recent;
            if (available < 20) {
                assertEquals(0.0, steps[t].score(), EXACT, "warming up at " + t);
                continue;
            }
            int from = t + 1 - recent - available;
            int to = t + 1 - recent;
            double[] means = new double[to - from - recent + 1];
            for (int j = 0; j < means.length; j++) {
                means[j] = Arrays.stream(raw, from + j, from + j + recent).average().orElseThrow();
            }
            double mean = Arrays.stream(means).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(means).map(x -> (x - mean) * (x - mean)).sum() / (means.length - 1));
            double now = Arrays.stream(raw, t + 1 - recent, t + 1).average().orElseThrow();
            double expected = 0.5 * org.apache.commons.math3.special.Erf.erfc(-((now - mean) / (sd + 1e-9)) / Math.sqrt(2));
            assertEquals(expected, steps[t].score(), 1e-12, "row " + t);
        }
    }

    /** Φ(z) of the mean of raw[t+1-recent .. t] against the up to {@code history} raw scores before it, naively. */
    private static double naiveLikelihood(double[] raw, int t, int recent, int history, int minHistory, boolean averaged) {
        int available = Math.min(t + 1 - recent, history);
        if (available < minHistory) {
            return 0;
        }
        int from = t + 1 - recent - available;
        int to = t + 1 - recent;
        double[] past;
        if (averaged) {
            if (to - from - recent + 1 < 2) {
                return 0;                               // fewer than two means of that many rows in the history
            }
            past = new double[to - from - recent + 1];
            for (int j = 0; j < past.length; j++) {
                past[j] = Arrays.stream(raw, from + j, from + j + recent).average().orElseThrow();
            }
        } else {
            past = Arrays.copyOfRange(raw, from, to);
        }
        double mean = Arrays.stream(past).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(past).map(x -> (x - mean) * (x - mean)).sum() / (past.length - 1));
        double now = Arrays.stream(raw, t + 1 - recent, t + 1).average().orElseThrow();
        return 0.5 * org.apache.commons.math3.special.Erf.erfc(-((now - mean) / (sd + 1e-9)) / Math.sqrt(2));
    }

    @Test
    void a_slow_mean_is_judged_against_the_histories_slow_means_and_the_larger_likelihood_wins() {
        int recent = 5;
        int slow = 30;
        int history = 100;
        AdaptiveScoring s = new AdaptiveScoring(0, 3, 0, recent, history, 20, 0.999, 0, AdaptiveScoring.NO_RANGE_CHECK)
                .withSlowMean(slow);
        double[][] rows = noise(400, 12);
        for (int i = 250; i < 400; i++) {
            rows[i] = new double[] {rows[i][0] + 0.6, rows[i][1] + 0.6};   // a lasting, modest shift
        }
        AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(model(), s, rows);
        double[] raw = Arrays.stream(steps).mapToDouble(AdaptiveScorer.Step::raw).toArray();
        int slowWins = 0;
        for (int t = 0; t < rows.length; t++) {
            double fast = naiveLikelihood(raw, t, recent, history, 20, false);
            double slowOne = naiveLikelihood(raw, t, slow, history, 20, true);
            assertEquals(Math.max(fast, slowOne), steps[t].score(), 1e-12, "row " + t);
            slowWins += slowOne > fast ? 1 : 0;
        }
        assertTrue(slowWins > 0, "the slow mean decides some rows");
        AdaptiveScorer.Step[] without = AdaptiveScorer.scoreAll(model(), s.withSlowMean(0), rows);
        for (int t = 0; t < rows.length; t++) {
            assertEquals(naiveLikelihood(raw, t, recent, history, 20, false), without[t].score(), 1e-12, "row " + t);
        }
    }

    @Test
    void log_reference_is_the_raw_reference_on_log_one_plus_raw() {
        int recent = 5;
        int history = 100;
        AdaptiveScoring s = new AdaptiveScoring(0, 3, 0, recent, history, 20, 0.999, 0, AdaptiveScoring.NO_RANGE_CHECK)
                .withReference(AdaptiveScoring.Reference.LOG);
        double[][] rows = noise(300, 9);
        AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(model(), s, rows);
        double[] logRaw = Arrays.stream(steps).mapToDouble(x -> Math.log1p(x.raw())).toArray();
        for (int t = 0; t < rows.length; t++) {
            int available = Math.min(t + 1, history + recent) - recent;
            if (available < 20) {
                assertEquals(0.0, steps[t].score(), EXACT, "warming up at " + t);
                continue;
            }
            double[] past = Arrays.copyOfRange(logRaw, t + 1 - recent - available, t + 1 - recent);
            double mean = Arrays.stream(past).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(past).map(x -> (x - mean) * (x - mean)).sum() / (past.length - 1));
            double now = Arrays.stream(logRaw, t + 1 - recent, t + 1).average().orElseThrow();
            double expected = 0.5 * org.apache.commons.math3.special.Erf.erfc(-((now - mean) / (sd + 1e-9)) / Math.sqrt(2));
            assertEquals(expected, steps[t].score(), 1e-12, "row " + t);
            assertTrue(steps[t].raw() >= 0, "the step keeps the raw score itself");
        }
    }

    @Test
    void a_new_extreme_beyond_the_widened_seen_range_scores_one_and_a_value_inside_it_does_not() {
        AdaptiveScoring s = new AdaptiveScoring(0, 3, 0, 5, 100, 20, 0.999, 0, AdaptiveScoring.NO_RANGE_CHECK).withRangeCheck(0.05);
        AnomalyModel m = model();
        double[][] rows = noise(100, 5);
        double max = Arrays.stream(rows).mapToDouble(r -> r[0]).max().orElseThrow();
        double min = Arrays.stream(rows).mapToDouble(r -> r[0]).min().orElseThrow();
        double[][] more = Arrays.copyOf(rows, 102);
        more[100] = new double[] {max + 0.04 * (max - min), 0};     // inside the 5 % widening
        more[101] = new double[] {max + 0.2 * (max - min), 0};      // beyond the range widened by row 100 and 5 % of it
        AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(m, s, more);
        assertTrue(steps[100].score() < 1, "inside the widened range: " + steps[100]);
        assertEquals(1.0, steps[101].score(), EXACT);
        assertEquals(0.0, AdaptiveScorer.scoreAll(m, s, new double[][] {{5, 5}})[0].score(), EXACT, "no range on the first row");
    }

    @Test
    void a_new_asset_alarms_on_its_early_extremes_without_a_warm_up_and_not_within_one() {
        AdaptiveScoring bare = new AdaptiveScoring(0, 3, 0, 5, 100, 20, 0.999, 10, AdaptiveScoring.NO_RANGE_CHECK)
                .withRangeCheck(0.05).withExtremes(AdaptiveScoring.Extremes.ALWAYS);
        AdaptiveScoring warm = bare.withWarmUp(40);
        AnomalyModel m = model();
        double[][] rows = noise(120, 21);
        rows[90] = new double[] {60, 60};                  // a true new extreme, after the warm-up
        AdaptiveScorer.Step[] b = AdaptiveScorer.scoreAll(m, bare, rows);
        AdaptiveScorer.Step[] w = AdaptiveScorer.scoreAll(m, warm, rows);
        assertTrue(Arrays.stream(b, 0, 40).anyMatch(s -> s.score() == 1.0),
                "without a warm-up, the range check calls an early reading of plain noise a new extreme");
        for (int i = 0; i < 40; i++) {
            assertEquals(0.0, w[i].score(), EXACT, "row " + i + " is in the warm-up");
            assertEquals(b[i].raw(), w[i].raw(), EXACT, "the warm-up still reports the raw score, row " + i);
            assertEquals(b[i].likelihood(), w[i].likelihood(), EXACT, "… and the likelihood, row " + i);
            assertEquals(i + 1, w[i].rows());
        }
        assertEquals(1.0, w[90].score(), EXACT, "after the warm-up a new extreme alarms, judged on the range learnt in it");
    }

    /** Irregular row times (gaps of 1 to 20 ticks), as an asset that reports at no fixed rate gives them. */
    private static long[] irregularTimes(int n, long seed) {
        Random r = new Random(seed);
        long[] times = new long[n];
        long t = 1_000;
        for (int i = 0; i < n; i++) {
            times[i] = t;
            t += 1 + r.nextInt(20);
        }
        return times;
    }

    @Test
    void a_warm_up_in_time_silences_the_rows_of_its_span_exactly_as_a_warm_up_of_that_many_rows() {
        AdaptiveScoring bare = new AdaptiveScoring(0, 3, 0, 5, 100, 20, 0.999, 10, AdaptiveScoring.NO_RANGE_CHECK)
                .withRangeCheck(0.05).withExtremes(AdaptiveScoring.Extremes.ALWAYS);
        AnomalyModel m = model();
        double[][] rows = noise(120, 21);
        rows[90] = new double[] {60, 60};                  // a true new extreme, after the warm-up
        long[] times = irregularTimes(rows.length, 26);
        long span = times[40] - times[0];                  // rows 0 … 39 lie within it; row 40 is the first past it
        AdaptiveScorer.Step[] timed = AdaptiveScorer.scoreAll(m, bare.withWarmUpTime(span), times, rows);
        AdaptiveScorer.Step[] counted = AdaptiveScorer.scoreAll(m, bare.withWarmUp(40), rows);
        assertTrue(Arrays.stream(AdaptiveScorer.scoreAll(m, bare, rows), 0, 40).anyMatch(s -> s.score() == 1.0),
                "without a warm-up the early rows alarm: the warm-up has something to silence");
        for (int i = 0; i < rows.length; i++) {
            assertEquals(counted[i], timed[i], "row " + i);
        }
        assertEquals(1.0, timed[90].score(), EXACT, "after the warm-up a new extreme alarms");
        for (int rowsBound : new int[] {25, 60}) {
            AdaptiveScorer.Step[] both = AdaptiveScorer.scoreAll(m, bare.withWarmUp(rowsBound).withWarmUpTime(span), times, rows);
            AdaptiveScorer.Step[] first = AdaptiveScorer.scoreAll(m, bare.withWarmUp(Math.min(rowsBound, 40)), rows);
            for (int i = 0; i < rows.length; i++) {
                assertEquals(first[i], both[i], "rows bound " + rowsBound + ", row " + i + ": the first bound reached ends it");
            }
        }
    }

    @Test
    void a_warm_up_in_time_goes_on_through_a_snapshot_and_needs_the_rows_times() {
        AdaptiveScoring settings = new AdaptiveScoring(0, 3, 0, 5, 100, 20, 0.999, 10, AdaptiveScoring.NO_RANGE_CHECK)
                .withRangeCheck(0.05).withWarmUpTime(300);
        AnomalyModel m = model();
        double[][] rows = noise(150, 27);
        long[] times = irregularTimes(rows.length, 28);
        AdaptiveScorer.Step[] uninterrupted = AdaptiveScorer.scoreAll(m, settings, times, rows);
        for (int cut : new int[] {1, 12, 80}) {                 // inside the warm-up (about 30 rows) and after it
            AdaptiveScorer first = new AdaptiveScorer(m, settings);
            for (int i = 0; i < cut; i++) {
                first.next(times[i], rows[i]);
            }
            AdaptiveScorer restored = AdaptiveScorer.restore(m, settings, first.snapshot());
            for (int i = cut; i < rows.length; i++) {
                assertEquals(uninterrupted[i], restored.next(times[i], rows[i]), "cut at " + cut + ", row " + i);
            }
        }
        PrognosException untimed = assertThrows(PrognosException.class, () -> new AdaptiveScorer(m, settings).next(rows[0]));
        assertTrue(untimed.getMessage().contains("warm-up in time needs each row's time"), untimed.getMessage());
        assertThrows(PrognosException.class, () -> AdaptiveScorer.scoreAll(m, settings, rows));
        PrognosException counts = assertThrows(PrognosException.class,
                () -> AdaptiveScorer.scoreAll(m, settings, new long[3], rows));
        assertTrue(counts.getMessage().contains("3 row times for 150 rows"), counts.getMessage());
    }

    @Test
    void a_warm_up_learns_as_it_goes_so_later_rows_score_as_without_one() {
        AdaptiveScoring bare = new AdaptiveScoring(0, 3, 0, 5, 100, 20, 0.999, 10, AdaptiveScoring.NO_RANGE_CHECK)
                .withRangeCheck(0.05);
        AnomalyModel m = model();
        double[][] rows = noise(200, 22);
        AdaptiveScorer.Step[] b = AdaptiveScorer.scoreAll(m, bare, rows);
        AdaptiveScorer.Step[] w = AdaptiveScorer.scoreAll(m, bare.withWarmUp(40), rows);
        for (int i = 0; i < rows.length; i++) {
            assertEquals(b[i].likelihood(), w[i].likelihood(), EXACT, "row " + i);
            assertEquals(b[i].raw(), w[i].raw(), EXACT, "row " + i);
        }
        for (int i = 100; i < rows.length; i++) {
            assertEquals(b[i].score(), w[i].score(), EXACT, "the ranges learnt in the warm-up judge row " + i);
        }
    }

    @Test
    void a_scorer_goes_on_under_an_equal_model_and_restarts_under_other_spec_settings_scaling_or_detector() {
        AdaptiveScoring s = new AdaptiveScoring(0, 3, 0, 5, 100, 20, 0.999, 10, AdaptiveScoring.NO_RANGE_CHECK)
                .withRangeCheck(0.05).withWarmUp(10);
        AnomalyModel m = model().withScoring(new AnomalyScoring.Adaptive(s));
        AnomalyModel reloaded = AnomalyJson.parse(AnomalyJson.write(m).getBytes(java.nio.charset.StandardCharsets.UTF_8), "v2");
        double[][] rows = noise(150, 23);
        AdaptiveScorer.Step[] uninterrupted = AdaptiveScorer.scoreAll(m, s, rows);
        AdaptiveScorer first = new AdaptiveScorer(m, s);
        for (int i = 0; i < 80; i++) {
            first.next(rows[i]);
        }
        AdaptiveBasis basis = AdaptiveBasis.of("spec-1", m);
        assertTrue(basis.whyRestart(AdaptiveBasis.of("spec-1", reloaded)).isEmpty(), "an equal model, loaded again");
        assertTrue(AdaptiveBasis.decode(basis.encode()).whyRestart(AdaptiveBasis.of("spec-1", reloaded)).isEmpty(),
                "a basis kept in a snapshot and read back");
        assertEquals(basis, AdaptiveBasis.decode(basis.encode()));
        AdaptiveScorer carried = first.carriedTo(reloaded);
        for (int i = 80; i < rows.length; i++) {
            assertEquals(uninterrupted[i], carried.next(rows[i]), "row " + i);
        }
        assertTrue(basis.whyRestart(AdaptiveBasis.of("spec-2", m)).orElseThrow().startsWith("its feature spec changed"));
        AnomalyModel otherSettings = m.withScoring(new AnomalyScoring.Adaptive(s.withWarmUp(20)));
        assertTrue(basis.whyRestart(AdaptiveBasis.of("spec-1", otherSettings)).orElseThrow()
                .startsWith("its adaptive settings changed"));
        AnomalyModel otherScaling = new AnomalyModel(m.format(), m.columns(),
                new ColumnScaling(new double[] {0.5, 0}, new double[] {1, 1}), m.detector(), m.calibration(), m.scoring(),
                java.util.Map.of(), java.util.Map.of());
        assertTrue(basis.whyRestart(AdaptiveBasis.of("spec-1", otherScaling)).orElseThrow()
                .startsWith("its column scaling changed"));
        AnomalyModel otherColumns = new AnomalyModel(m.format(), java.util.List.of("b", "a"), m.scaling(), m.detector(),
                m.calibration(), m.scoring(), java.util.Map.of(), java.util.Map.of());
        assertTrue(basis.whyRestart(AdaptiveBasis.of("spec-1", otherColumns)).orElseThrow()
                .startsWith("its feature columns changed"));
        AnomalyModel ownScaling = m.withAssetScaling(java.util.Map.of("pump-1",
                new ColumnScaling(new double[] {0.5, 0}, new double[] {1, 1})));
        assertTrue(basis.whyRestart(AdaptiveBasis.of("spec-1", ownScaling)).orElseThrow()
                .startsWith("its column scaling changed"), "an asset scaled by its own is another scaling");
        AnomalyModel ownDetector = ownScaling.withAssetDetectors(java.util.Map.of("pump-1", new ZScoreDetector(2)));
        assertTrue(AdaptiveBasis.of("spec-1", ownScaling).whyRestart(AdaptiveBasis.of("spec-1", ownDetector)).orElseThrow()
                .startsWith("its fitted detector changed"), "an asset with a detector of its own is another detector");
        AnomalyModel otherDetector = new AnomalyModel(m.format(), m.columns(), m.scaling(),
                new NeighbourDetector(new double[][] {{0, 0}, {1, 1}, {2, 2}, {3, 3}}, 2), m.calibration(), m.scoring(),
                java.util.Map.of(), java.util.Map.of());
        assertTrue(basis.whyRestart(AdaptiveBasis.of("spec-1", otherDetector)).orElseThrow()
                .startsWith("its fitted detector changed"));
        AdaptiveScoring online = AdaptiveScoring.onlineNeighbours(50, 0);
        AdaptiveBasis onlineBasis = AdaptiveBasis.of("spec-1", m.withScoring(new AnomalyScoring.Adaptive(online)));
        assertTrue(onlineBasis.whyRestart(AdaptiveBasis.of("spec-1", otherDetector.withScoring(new AnomalyScoring.Adaptive(online))))
                .isEmpty(), "online neighbours never read the detector");
        PrognosException e = assertThrows(PrognosException.class, () -> AdaptiveBasis.of("spec-1", model()));
        assertTrue(e.getMessage().contains("scored statically"), e.getMessage());
        PrognosException c = assertThrows(PrognosException.class,
                () -> first.carriedTo(m.withScoring(new AnomalyScoring.Adaptive(s.withWarmUp(20)))));
        assertTrue(c.getMessage().contains("other settings"), c.getMessage());
    }

    @Test
    void a_new_extreme_breaks_a_likelihood_rest_only_when_extremes_always_alarm_and_once_per_rest() {
        AdaptiveScoring rested = new AdaptiveScoring(0, 3, 0, 5, 100, 20, 0.99, 10, AdaptiveScoring.NO_RANGE_CHECK)
                .withRangeCheck(0.05);
        AdaptiveScoring always = rested.withExtremes(AdaptiveScoring.Extremes.ALWAYS);
        AnomalyModel m = model();
        double[][] rows = noise(140, 11);
        rows[30] = new double[] {50, 50};                 // a wide range early, so that the burst below is inside it
        rows[31] = new double[] {-50, -50};
        for (int i = 100; i < 110; i++) {
            rows[i] = new double[] {20, 20};              // inside the range, far above the usual raw scores
        }
        AdaptiveScorer.Step[] first = AdaptiveScorer.scoreAll(m, always, rows);
        int alarm = -1;
        for (int i = 100; i < 110 && alarm < 0; i++) {
            alarm = first[i].score() >= 0.99 ? i : -1;
        }
        assertTrue(alarm >= 100, "the burst raises a likelihood alarm");
        assertTrue(first[alarm].likelihood() >= 0.99, "a likelihood alarm, not a range one");
        rows[alarm + 2] = new double[] {80, 80};          // a new extreme two rows into the likelihood's rest
        rows[alarm + 4] = new double[] {90, 90};          // another, within the rest the first extreme started
        AdaptiveScorer.Step[] a = AdaptiveScorer.scoreAll(m, always, rows);
        AdaptiveScorer.Step[] r = AdaptiveScorer.scoreAll(m, rested, rows);
        assertEquals(1.0, a[alarm + 2].score(), EXACT, "ALWAYS: the extreme breaks the likelihood's rest");
        assertEquals(0.0, a[alarm + 4].score(), EXACT, "ALWAYS: an extreme within rest rows of the last is the same event");
        assertEquals(0.0, r[alarm + 2].score(), EXACT, "RESTED: the extreme is silenced");
    }

    @Test
    void online_neighbours_equal_a_brute_force_search_over_the_remembered_rows() {
        int memory = 50;
        int exclude = 4;
        AdaptiveScoring s = new AdaptiveScoring(memory, 3, exclude, 5, 100, 20, 0.999, 10, AdaptiveScoring.NO_RANGE_CHECK);
        AnomalyModel m = model();
        double[][] rows = noise(300, 3);
        AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(m, s, rows);
        for (int t = 0; t < rows.length; t++) {
            int from = Math.max(0, t - memory);
            int to = t - exclude;
            if (to - from < 3) {
                assertTrue(Double.isNaN(steps[t].raw()), "too few rows at " + t);
                continue;
            }
            double[] z = m.scaling().apply(rows[t]);
            double[] d = new double[to - from];
            for (int i = from; i < to; i++) {
                double[] y = m.scaling().apply(rows[i]);
                d[i - from] = Math.sqrt((z[0] - y[0]) * (z[0] - y[0]) + (z[1] - y[1]) * (z[1] - y[1]));
            }
            Arrays.sort(d);
            assertEquals((d[0] + d[1] + d[2]) / 3, steps[t].raw(), 1e-12, "row " + t);
        }
    }

    @Test
    void shape_neighbours_ignore_a_level_shift_that_level_neighbours_see() {
        AdaptiveScoring level = new AdaptiveScoring(50, 3, 0, 5, 100, 20, 0.999, 10, AdaptiveScoring.NO_RANGE_CHECK);
        AdaptiveScoring shape = level.withNeighbourhood(AdaptiveScoring.Neighbourhood.SHAPE);
        AdaptiveScoring both = level.withNeighbourhood(AdaptiveScoring.Neighbourhood.LEVEL_AND_SHAPE);
        AnomalyModel m = model();
        double[][] rows = noise(120, 8);
        double[][] shifted = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            shifted[i] = i < 100 ? rows[i] : new double[] {rows[i - 100][0] + 30, rows[i - 100][1] + 30};
        }
        // after the shift, in scaled units both columns move by the same amount only if their scales agree: compare
        // against a brute force over centred scaled rows instead of assuming it
        AdaptiveScorer.Step[] s = AdaptiveScorer.scoreAll(m, shape, shifted);
        AdaptiveScorer.Step[] l = AdaptiveScorer.scoreAll(m, level, shifted);
        AdaptiveScorer.Step[] b = AdaptiveScorer.scoreAll(m, both, shifted);
        for (int t = 3; t < shifted.length; t++) {
            double[] z = centre(m.scaling().apply(shifted[t]));
            double[] zl = m.scaling().apply(shifted[t]);
            double[] ds = new double[Math.min(t, 50)];
            double[] db = new double[ds.length];
            for (int i = t - ds.length; i < t; i++) {
                double[] y = centre(m.scaling().apply(shifted[i]));
                double[] yl = m.scaling().apply(shifted[i]);
                double shapeSq = (z[0] - y[0]) * (z[0] - y[0]) + (z[1] - y[1]) * (z[1] - y[1]);
                double levelSq = (zl[0] - yl[0]) * (zl[0] - yl[0]) + (zl[1] - yl[1]) * (zl[1] - yl[1]);
                ds[i - t + ds.length] = Math.sqrt(shapeSq);
                db[i - t + ds.length] = Math.sqrt(shapeSq + levelSq);
            }
            Arrays.sort(ds);
            Arrays.sort(db);
            assertEquals((ds[0] + ds[1] + ds[2]) / 3, s[t].raw(), 1e-12, "shape, row " + t);
            assertEquals((db[0] + db[1] + db[2]) / 3, b[t].raw(), 1e-12, "level and shape, row " + t);
        }
        assertTrue(l[100].raw() > 10 * s[100].raw(), "the first shifted row is far in level, near in shape: "
                + l[100].raw() + " vs " + s[100].raw());
    }

    private static double[] centre(double[] z) {
        double mean = (z[0] + z[1]) / 2;
        return new double[] {z[0] - mean, z[1] - mean};
    }

    @Test
    void memory_is_bounded_by_the_settings_not_the_stream() {
        AdaptiveScorer scorer = new AdaptiveScorer(model(), AdaptiveScoring.onlineNeighbours(2000, 10));
        long before = scorer.estimatedBytes();
        for (double[] row : noise(5000, 4)) {
            scorer.next(row);
        }
        assertEquals(before, scorer.estimatedBytes());
        assertEquals(8L * (2000 * 2 + 2005 + 3 * 2) + 256, before);
        assertEquals(5000, scorer.rowsSeen());
    }

    @Test
    void bad_settings_and_rows_fail_naming_what_is_wrong() {
        PrognosException e = assertThrows(PrognosException.class, () -> new AdaptiveScoring(10, 3, 8, 5, 100, 20, 0.999, 10, AdaptiveScoring.NO_RANGE_CHECK));
        assertEquals("adaptive scoring 'memory' must be more than exclude + neighbours = 11, found 10", e.getMessage());
        PrognosException w = assertThrows(PrognosException.class,
                () -> new AdaptiveScorer(model(), AdaptiveScoring.likelihood()).next(new double[3]));
        assertEquals("a feature row has 3 values; the anomaly model reads 2", w.getMessage());
        PrognosException slow = assertThrows(PrognosException.class, () -> AdaptiveScoring.likelihood().withSlowMean(5));
        assertEquals("adaptive scoring 'slowRecent' must be 0 (none) or in (recent = 5, history = 2000), found 5",
                slow.getMessage());
    }
}
