package org.prognos.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;

/**
 * One asset, a row every 3 h from 0 to 99, a failure at 48, horizon 24 h. P(failure) is 0.05 everywhere except
 * 0.6 at T = 42 (inside the failure's window), 0.4 at T = 0 and 0.7 at T = 75 (nothing ahead: false alarms).
 * <pre>
 * t ≤ 0.05         every row alarms
 * t = 0.4          caught; visits at 0 and 75        → 0 missed, 2 visits
 * t = 0.6          caught; visit at 75               → 0 missed, 1 visit
 * t = 0.7          missed; visit at 75               → 1 missed, 1 visit
 * t = NEVER        no alarm                          → 1 missed, 0 visits
 * </pre>
 */
class ThresholdChoiceTest {
    static final double EXACT = 1e-12;
    static final List<String> CLASSES = List.of("none", "failure");
    static final EventSettings SETTINGS = new EventSettings(24, 3, TimeScale.hourTicks(), new EventMatch.AnyFailure());
    static final List<Event> LOG = List.of(new Event("A", 48, EventKind.FAILURE, "comp1"));

    static RowTimes rows() {
        String[] assets = new String[34];
        long[] times = new long[34];
        for (int i = 0; i < 34; i++) {
            assets[i] = "A";
            times[i] = 3L * i;
        }
        return new RowTimes(assets, times);
    }

    static double[][] probabilities() {
        double[][] p = new double[34][];
        for (int i = 0; i < 34; i++) {
            long t = 3L * i;
            double f = t == 42 ? 0.6 : t == 0 ? 0.4 : t == 75 ? 0.7 : 0.05;
            p[i] = new double[] {1 - f, f};
        }
        return p;
    }

    static int[] truth() {
        int[] y = new int[34];
        for (int i = 0; i < 34; i++) {
            long t = 3L * i;
            y[i] = t <= 48 && 48 - t < 24 ? 1 : 0;
        }
        return y;
    }

    static ThresholdChoice choose(double missed, double visit) {
        return ThresholdChoice.choose(rows(), truth(), probabilities(), CLASSES, LOG, SETTINGS,
                new ThresholdChoice.Costs(missed, visit));
    }

    @Test
    void expensive_misses_choose_the_lowest_threshold_that_still_catches_the_failure_with_fewest_visits() {
        ThresholdChoice c = choose(10, 1);
        assertEquals(0.6, c.threshold(), EXACT);
        assertEquals(0, c.chosen().missedFailures());
        assertEquals(1, c.chosen().needlessVisits());
        assertEquals(1, c.chosen().falseAlarmRows());
        assertEquals(1, c.chosen().cost(), EXACT);
        assertEquals(1, c.atThreshold().eventsCaught());
        assertTrue(c.exhaustive());
    }

    @Test
    void expensive_visits_choose_never_to_alarm() {
        ThresholdChoice c = choose(1, 5);
        assertEquals(ThresholdChoice.NEVER, c.threshold());
        assertTrue(c.threshold() > 1);
        assertEquals(1, c.chosen().missedFailures());
        assertEquals(0, c.chosen().needlessVisits());
        assertEquals(0, c.atThreshold().alarmRows());
    }

    @Test
    void equal_costs_go_to_the_higher_threshold() {
        // t = 0.6 costs 0 + 1, no alarm costs 1 + 0: the higher threshold wins the tie
        ThresholdChoice c = choose(1, 1);
        assertEquals(ThresholdChoice.NEVER, c.threshold());
        assertEquals(1, c.chosen().cost(), EXACT);
    }

    @Test
    void the_cost_curve_lists_every_distinct_probability_and_no_alarm_in_ascending_order() {
        ThresholdChoice c = choose(10, 1);
        double[] thresholds = c.curve().stream().mapToDouble(ThresholdChoice.CostPoint::threshold).toArray();
        assertArrayEquals(new double[] {0.05, 0.4, 0.6, 0.7, ThresholdChoice.NEVER}, thresholds, EXACT);
        ThresholdChoice.CostPoint at04 = c.curve().get(1);
        assertEquals(0, at04.missedFailures());
        assertEquals(2, at04.needlessVisits());
        ThresholdChoice.CostPoint at07 = c.curve().get(3);
        assertEquals(1, at07.missedFailures());
        assertEquals(11, at07.cost(), EXACT);
    }

    @Test
    void every_point_of_the_cost_curve_agrees_with_event_metrics_of_the_alarms_at_that_threshold() {
        Random random = new Random(11);
        List<String> classes = List.of("none", "comp1", "comp2");
        int assets = 6;
        int perAsset = 120;
        String[] a = new String[assets * perAsset];
        long[] t = new long[a.length];
        double[][] p = new double[a.length][];
        List<Event> log = new ArrayList<>();
        for (int k = 0; k < assets; k++) {
            for (int j = 0; j < 3; j++) {
                log.add(new Event("m" + k, 3L * random.nextInt(perAsset), EventKind.FAILURE,
                        random.nextBoolean() ? "comp1" : "comp2"));
            }
            for (int i = 0; i < perAsset; i++) {
                int r = k * perAsset + i;
                a[r] = "m" + k;
                t[r] = 3L * i;
                double none = Math.round(random.nextDouble() * 20) / 20.0;
                double c1 = (1 - none) * random.nextDouble();
                p[r] = new double[] {none, c1, Math.max(0, 1 - none - c1)};
            }
        }
        RowTimes rows = new RowTimes(a, t);
        int[] truth = new int[a.length];
        EventSettings settings = new EventSettings(24, 3, TimeScale.hourTicks(), new EventMatch.SameComponent());
        ThresholdChoice c = ThresholdChoice.choose(rows, truth, p, classes, log, settings, new ThresholdChoice.Costs(7, 2));
        assertTrue(c.curve().size() > 10);
        for (ThresholdChoice.CostPoint point : c.curve()) {
            EventMetrics m = EventMetrics.of(rows, truth, ThresholdChoice.alarms(p, point.threshold()), classes, log,
                    settings);
            assertEquals(m.missedFailures(), point.missedFailures(), "missed at " + point.threshold());
            assertEquals(m.needlessVisits(), point.needlessVisits(), "visits at " + point.threshold());
            assertEquals(m.falseAlarmRows(), point.falseAlarmRows(), "false alarms at " + point.threshold());
        }
        double cheapest = c.curve().stream().mapToDouble(ThresholdChoice.CostPoint::cost).min().orElseThrow();
        assertEquals(cheapest, c.chosen().cost(), EXACT);
    }

    @Test
    void more_distinct_probabilities_than_candidates_are_sampled_by_rank_and_flagged() {
        int n = ThresholdChoice.MAX_CANDIDATES * 3;
        String[] a = new String[n];
        long[] t = new long[n];
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = "m";
            t[i] = 3L * i;
            double f = (double) i / n;
            p[i] = new double[] {1 - f, f};
        }
        ThresholdChoice c = ThresholdChoice.choose(new RowTimes(a, t), new int[n], p, CLASSES, List.of(), SETTINGS,
                new ThresholdChoice.Costs(1, 1));
        assertFalse(c.exhaustive());
        assertEquals(ThresholdChoice.MAX_CANDIDATES + 1, c.curve().size());
        assertEquals(0, c.chosen().needlessVisits());
    }

    @Test
    void an_alarm_names_the_most_probable_failure_class() {
        double[][] p = {{0.3, 0.3, 0.4}, {0.6, 0.3, 0.1}, {0.2, 0.4, 0.4}};
        assertArrayEquals(new int[] {2, 0, 1}, ThresholdChoice.alarms(p, 0.5));
    }

    @Test
    void negative_costs_are_rejected() {
        EvaluationException e = assertThrows(EvaluationException.class, () -> new ThresholdChoice.Costs(-1, 1));
        assertTrue(e.getMessage().startsWith("costs must be finite, not negative and not both zero"), e.getMessage());
    }
}
