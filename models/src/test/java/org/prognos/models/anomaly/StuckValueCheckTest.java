package org.prognos.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.prognos.models.anomaly.MachineTemperatureRows.COLUMNS;
import static org.prognos.models.anomaly.MachineTemperatureRows.PLAIN;
import static org.prognos.models.anomaly.MachineTemperatureRows.ROWS;
import static org.prognos.models.anomaly.MachineTemperatureRows.model;
import static org.prognos.models.anomaly.MachineTemperatureRows.rows;
import static org.prognos.models.anomaly.MachineTemperatureRows.values;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prognos.PrognosException;

/**
 * The stuck-value check of adaptive scoring: its rule on short synthetic streams (edge cases, synthetic and said so),
 * against a naive reference on a real count stream where ties are common (NAB's Twitter_volume_KO, values only), and
 * inside the scorer on NAB's machine-temperature file (real data) with a stretch held at one value, as a stuck sensor
 * would hold it (the only change to the real values).
 */
class StuckValueCheckTest {
    /** The NAB detector's numbers: the range check's 5 %, the lag window's 10 values. */
    private static final StuckValueCheck CHECK = new StuckValueCheck("now", 0.05, 10);
    private static final AdaptiveScoring WITH_CHECK = PLAIN.withStuckCheck(CHECK);
    private static final Path COUNTS = Path.of("../notebooks-data/nab/data/realTweets/Twitter_volume_KO.csv");
    /** Where the machine's sensor is made to stick, and for how long: rows STUCK_FROM … STUCK_FROM + STUCK_ROWS − 1. */
    private static final int STUCK_FROM = 2000;
    private static final int STUCK_ROWS = 200;

    /** The rows at which {@code values} alarm under {@code check} (its state alone, one value a row). */
    private static List<Integer> alarms(StuckValueCheck check, double... values) {
        StuckValueState state = new StuckValueState(check, COLUMNS);
        java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (state.next(new double[] {0, 0, values[i]})) {
                out.add(i);
            }
        }
        return out;
    }

    /** {@code n} copies of {@code v}. */
    private static double[] run(double v, int n) {
        return java.util.stream.DoubleStream.generate(() -> v).limit(n).toArray();
    }

    private static double[] concat(double[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @Test
    void a_run_longer_than_any_seen_alarms_once_when_it_outlasts_the_longest_by_the_widening() {
        // synthetic: a run of 20, then one of 30: the bound is max(1.05 · 20, 10) = 21 values
        double[] values = concat(run(1, 20), run(2, 30), run(5, 1));
        assertEquals(List.of(10, 20 + 21), alarms(CHECK, values), "the first run crosses the minimum (11th value); the "
                + "second alarms at its 22nd value, once, though it goes on to 30");
        assertEquals(List.of(10, 20 + 20), alarms(new StuckValueCheck("now", 0, 10), values),
                "without widening the 21st value outlasts a run of 20");
        // after the run of 30 ended, the next must outlast 31.5: 31 values are silent, 32 alarm
        assertEquals(List.of(10, 41), alarms(CHECK, concat(values, run(1, 31), run(7, 1))));
        assertEquals(List.of(10, 41, 51 + 31), alarms(CHECK, concat(values, run(1, 32))));
    }

    @Test
    void a_stream_that_never_repeated_alarms_only_on_a_run_longer_than_the_minimum() {
        // synthetic: 100 distinct values (longest run 1), then a tie of 10 (silent: the bound is the minimum) and 11
        double[] distinct = java.util.stream.IntStream.range(0, 100).asDoubleStream().toArray();
        assertEquals(List.of(), alarms(CHECK, concat(distinct, run(-1, 10), run(-2, 1))));
        assertEquals(List.of(110), alarms(CHECK, concat(distinct, run(-1, 11))));
        // a missing value neither continues nor ends a run: 5 + NaN + 6 equal values are a run of 11
        assertEquals(List.of(111), alarms(CHECK, concat(distinct, run(-1, 5), run(Double.NaN, 1), run(-1, 6))));
        // +0.0 and −0.0 are one value (==)
        assertEquals(List.of(110), alarms(CHECK, concat(distinct, run(0.0, 5), run(-0.0, 6))));
    }

    @Test
    void a_stream_constant_from_its_start_alarms_once_then_only_on_a_run_that_outlasts_its_first() {
        // synthetic: its one alarm is the 11th value (in a probation or warm-up, where it is silenced); then silent
        assertEquals(List.of(10), alarms(CHECK, run(3, 800)));
        assertEquals(List.of(10, 800 + 1 + 840), alarms(CHECK, concat(run(3, 800), run(4, 1), run(5, 841))),
                "after it moves, a flat stretch must outlast 1.05 · 800 = 840 values: its 841st alarms");
    }

    /** Naive reference: row i alarms iff its run (values equal to i's, back to the last other value) crosses the bound. */
    @Test
    void on_a_count_stream_ties_are_common_and_alarm_only_where_a_run_outlasts_every_earlier_one() throws IOException {
        double[] counts = Files.readAllLines(COUNTS).stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1]))
                .toArray();
        int ties = 0;
        int[] runAt = new int[counts.length];        // the length of the run row i ends, so far
        int[] longestBefore = new int[counts.length]; // the longest run that ended before row i's run began
        int longest = 0;
        for (int i = 0; i < counts.length; i++) {
            boolean tie = i > 0 && counts[i] == counts[i - 1];
            ties += tie ? 1 : 0;
            if (!tie && i > 0) {
                longest = Math.max(longest, runAt[i - 1]);
            }
            runAt[i] = tie ? runAt[i - 1] + 1 : 1;
            longestBefore[i] = longest;
        }
        java.util.ArrayList<Integer> expected = new java.util.ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            double bound = Math.max(1.05 * longestBefore[i], 10);
            if (runAt[i] > bound && runAt[i] - 1 <= bound) {
                expected.add(i);
            }
        }
        assertTrue(ties > 1000, "a count stream repeats values often: " + ties + " ties in " + counts.length);
        assertEquals(expected, alarms(CHECK, counts));
    }

    /** The machine-temperature rows with the sensor stuck at its value of row STUCK_FROM for STUCK_ROWS rows. */
    private static double[][] stuckRows() throws IOException {
        double[] v = values();
        for (int i = STUCK_FROM; i < STUCK_FROM + STUCK_ROWS; i++) {
            v[i] = v[STUCK_FROM];
        }
        return rows(v);
    }

    @Test
    void in_the_scorer_a_stuck_sensor_scores_1_once_and_without_the_check_it_does_not() throws IOException {
        double[][] rows = stuckRows();
        AnomalyModel model = model(rows);
        AdaptiveScorer.Step[] with = AdaptiveScorer.scoreAll(model, WITH_CHECK, rows);
        AdaptiveScorer.Step[] without = AdaptiveScorer.scoreAll(model, PLAIN, rows);
        int crossing = STUCK_FROM + 10;   // the 11th equal value: the machine's values never repeated 10 times before
        assertEquals(1.0, with[crossing].score(), "the run's crossing row");
        assertTrue(without[crossing].score() < PLAIN.alarmLevel(), "without the check: " + without[crossing].score());
        int differ = 0;
        for (int i = 0; i < rows.length; i++) {
            assertEquals(without[i].likelihood(), with[i].likelihood(), "the check leaves the likelihood alone, row " + i);
            if (with[i].score() != without[i].score()) {
                differ++;
                assertTrue(i >= crossing && i <= crossing + PLAIN.rest(), "only the alarm and its rest differ: row " + i);
            }
        }
        assertTrue(differ >= 1, "the check changes the scores");
    }

    @Test
    void a_scorer_restored_anywhere_goes_on_with_the_same_bits() throws IOException {
        double[][] rows = stuckRows();
        AnomalyModel model = model(rows);
        AdaptiveScorer.Step[] expected = AdaptiveScorer.scoreAll(model, WITH_CHECK, rows);
        for (int cut : new int[] {0, 1, STUCK_FROM + 5, STUCK_FROM + 10, STUCK_FROM + 50, ROWS - 1}) {
            AdaptiveScorer first = new AdaptiveScorer(model, WITH_CHECK);
            for (int i = 0; i < cut; i++) {
                first.next(rows[i]);
            }
            AdaptiveScorer restored = AdaptiveScorer.restore(model, WITH_CHECK, first.snapshot());
            assertEquals(first.estimatedBytes(), restored.estimatedBytes(), "the same state, cut " + cut);
            for (int i = cut; i < rows.length; i++) {
                assertEquals(expected[i], restored.next(rows[i]), "cut at " + cut + ", row " + i);
            }
        }
    }

    @Test
    void settings_with_the_check_survive_the_models_json_and_without_it_keep_their_text() throws IOException {
        AnomalyModel model = model(rows(values()));
        AnomalyModel with = model.withScoring(new AnomalyScoring.Adaptive(WITH_CHECK));
        AnomalyModel back = AnomalyJson.parse(AnomalyJson.write(with).getBytes(StandardCharsets.UTF_8), "v1");
        assertEquals(WITH_CHECK, back.adaptive().orElseThrow());
        String plain = AnomalyJson.write(model.withScoring(new AnomalyScoring.Adaptive(PLAIN)));
        assertTrue(!plain.contains("stuck") && AnomalyJson.write(with).contains("\"stuck\""), plain);
        assertFalse(PLAIN.asMap().containsKey("stuck"), "a fingerprint without the check keeps its text");
    }

    @Test
    void the_check_is_part_of_the_settings_a_snapshot_belongs_to_and_names_a_missing_column() throws IOException {
        double[][] rows = rows(values());
        AnomalyModel model = model(rows);
        AdaptiveScorer without = new AdaptiveScorer(model, PLAIN);
        without.next(rows[0]);
        assertThrows(PrognosException.class, () -> AdaptiveScorer.restore(model, WITH_CHECK, without.snapshot()));
        PrognosException e = assertThrows(PrognosException.class,
                () -> new AdaptiveScorer(model, PLAIN.withStuckCheck(new StuckValueCheck("later", 0.05, 10))));
        assertEquals("the stuck-value check watches column 'later', which the anomaly model does not have; its columns "
                + "are [lag2, lag1, now]", e.getMessage());
        e = assertThrows(PrognosException.class, () -> new StuckValueCheck("now", 0.05, 0));
        assertEquals("stuck-value check 'minRun' must be at least 1 value, found 0", e.getMessage());
    }
}
