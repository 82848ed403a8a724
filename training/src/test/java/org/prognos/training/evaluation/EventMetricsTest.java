package org.prognos.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;

/**
 * A handcrafted timeline, hour ticks, a row every 3 h from 0 to 99 on assets A and B, horizon 24 h.
 *
 * <pre>
 * A: comp1 fails at 48 (window 27..48). Predicted comp1 at 33 and 42, comp2 at 30 (wrong part, inside the window),
 *    comp1 at 0, 3, 24 (f − T = 24: outside), 60, 75, 90 (nothing ahead): false alarms 0 3 24 60 75 90.
 *    The row at 42 is duplicated (predicted none), as the peer duplicates rows of simultaneous failures.
 *    A maintenance event at 20 must be ignored.
 * B: comp1 fails at 30 (window 9..30), comp2 at 60 (window 39..60), comp3 — not a class — at 90 (window 69..90).
 *    Predicted comp2 at 27 (wrong part: comp1 missed), comp2 at 60 (caught, lead 0), comp1 at 72 (not false:
 *    comp3 fails within 24 h).
 * C: comp1 fails at 10, but C has no evaluated row.
 * </pre>
 */
class EventMetricsTest {
    static final double EXACT = 1e-12;
    /** The peer prints rates rounded to 3 decimals. */
    static final double PEER_ROUNDING = 5e-4;
    static final List<String> CLASSES = List.of("none", "comp1", "comp2");
    static final long HORIZON = 24;
    static final long STRIDE = 3;
    static final List<Event> LOG = List.of(
            failure("A", 48, "comp1"), failure("B", 30, "comp1"), failure("B", 60, "comp2"),
            failure("B", 90, "comp3"), failure("C", 10, "comp1"), new Event("A", 20, EventKind.MAINTENANCE, "comp1"));
    static final Map<String, Map<Long, Integer>> ALARMS = Map.of(
            "A", Map.of(33L, 1, 42L, 1, 30L, 2, 0L, 1, 3L, 1, 24L, 1, 60L, 1, 75L, 1, 90L, 1),
            "B", Map.of(27L, 2, 60L, 2, 72L, 1));

    static Event failure(String asset, long time, String component) {
        return new Event(asset, time, EventKind.FAILURE, component);
    }

    /** Rows, labels from the features module's own labeler, and the predictions above. */
    record Timeline(RowTimes rows, int[] truth, int[] predicted) {
    }

    static Timeline timeline(FailureWithinHorizon labeler, boolean binary) {
        List<String> assets = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        List<Integer> predicted = new ArrayList<>();
        for (String asset : List.of("A", "B")) {
            long[] t = new long[34];
            for (int i = 0; i < t.length; i++) {
                t[i] = 3L * i;
            }
            List<Event> failures = LOG.stream()
                    .filter(e -> e.asset().equals(asset) && e.kind() == EventKind.FAILURE).toList();
            double[] labels = labeler.label(t, failures, 99);
            for (int i = 0; i < t.length; i++) {
                int p = ALARMS.get(asset).getOrDefault(t[i], 0);
                assets.add(asset);
                times.add(t[i]);
                truth.add((int) labels[i]);
                predicted.add(binary ? Math.min(p, 1) : p);
                if (asset.equals("A") && t[i] == 42) {
                    assets.add(asset);
                    times.add(t[i]);
                    truth.add((int) labels[i]);
                    predicted.add(0);
                }
            }
        }
        return new Timeline(new RowTimes(assets.toArray(String[]::new), times.stream().mapToLong(Long::longValue).toArray()),
                truth.stream().mapToInt(Integer::intValue).toArray(),
                predicted.stream().mapToInt(Integer::intValue).toArray());
    }

    static EventMetrics perComponent() {
        Timeline t = timeline(new FailureWithinHorizon(HORIZON, List.of("comp1", "comp2"),
                FailureWithinHorizon.Censoring.NEGATIVE), false);
        return EventMetrics.of(t.rows(), t.truth(), t.predicted(), CLASSES, LOG,
                new EventSettings(HORIZON, STRIDE, TimeScale.hourTicks(), new EventMatch.SameComponent()));
    }

    static EventMetrics binary(TimeScale scale) {
        Timeline t = timeline(new FailureWithinHorizon(HORIZON, List.of(), FailureWithinHorizon.Censoring.NEGATIVE), true);
        List<String> classes = List.of("none", "failure");
        return EventMetrics.of(t.rows(), t.truth(), t.predicted(), classes, LOG,
                EventSettings.of(HORIZON, STRIDE, scale, classes));
    }

    @Test
    void a_failure_is_caught_only_by_a_row_within_the_horizon_predicted_as_its_component() {
        EventMetrics m = perComponent();
        // scored: A@48, B@30, B@60 and C@10 (comp3 is not a class); C has no row; B@30 was predicted as comp2
        assertEquals(4, m.eventsTotal());
        assertEquals(3, m.eventsWithRows());
        assertEquals(2, m.eventsCaught());
        assertEquals(1, m.missedFailures());
        assertEquals(2.0 / 3, m.eventRecall(), EXACT);
    }

    @Test
    void event_recall_is_broken_down_by_component_in_class_order() {
        List<EventMetrics.ComponentRecall> by = perComponent().byComponent();
        assertEquals(List.of(new EventMetrics.ComponentRecall("comp1", 2, 1, 0.5),
                new EventMetrics.ComponentRecall("comp2", 1, 1, 1.0)), by);
    }

    @Test
    void lead_time_runs_from_the_first_catching_row_to_the_failure() {
        Distribution lead = perComponent().leadTime();
        // A@48 first caught at 33 (the comp2 row at 30 does not count); B@60 caught at 60 itself
        assertEquals(2, lead.count());
        assertEquals(0, lead.min());
        assertEquals(7.5, lead.median(), EXACT);
        assertEquals(15, lead.max());
    }

    @Test
    void false_alarms_are_alarm_rows_with_no_failure_of_any_component_within_the_horizon() {
        EventMetrics m = perComponent();
        assertEquals(68, m.evaluatedRows());
        assertEquals(12, m.alarmRows());
        // A: 0, 3, 24 (f − T = 24 is outside the horizon), 60, 75, 90; B's alarm at 72 has comp3 ahead
        assertEquals(6, m.falseAlarmRows());
        double assetMonths = 68 * 3 / 730.5;
        assertEquals(assetMonths, m.assetMonths(), EXACT);
        assertEquals(6 / assetMonths, m.falseAlarmsPerAssetMonth(), EXACT);
        assertTrue(m.undefinedReasons().isEmpty(), m.undefinedReasons().toString());
    }

    @Test
    void needless_visits_merge_false_alarms_within_one_horizon_of_the_visit_that_opened_them() {
        EventMetrics m = perComponent();
        // {0, 3}, {24}, {60, 75}, {90}: 90 is 30 h after 60 though only 15 h after 75
        assertEquals(4, m.needlessVisits());
        assertEquals(4 / m.assetMonths(), m.needlessVisitsPerAssetMonth(), EXACT);
    }

    @Test
    void rows_labelled_none_before_a_failure_of_an_unlisted_component_are_reported_as_mismatches() {
        // the labeler ignores comp3, the failure log does not: B's eight rows 69..90
        assertEquals(8, perComponent().labelEventMismatches());
        assertEquals(0, binary(TimeScale.hourTicks()).labelEventMismatches());
    }

    @Test
    void figures_match_the_peer_protocol_run_on_the_same_timeline() {
        // The peer's evaluate() (azure_failure24h.py) on this timeline with its five classes, comp3 among them, and
        // labels from its own label(): failure_events_with_rows 4, failure_events_caught 2, recall 0.5, by comp
        // {comp1 0.5, comp2 1.0, comp3 0.0}, false_alarm_rows 6, alarm_rows 12, rows_evaluated_unique 68,
        // false_alarms_per_machine_month 21.485 (rounded to 3 decimals there).
        List<String> peerClasses = List.of("none", "comp1", "comp2", "comp3", "comp4");
        Timeline t = timeline(new FailureWithinHorizon(HORIZON, peerClasses.subList(1, 5),
                FailureWithinHorizon.Censoring.NEGATIVE), false);
        EventMetrics m = EventMetrics.of(t.rows(), t.truth(), t.predicted(), peerClasses, LOG,
                new EventSettings(HORIZON, STRIDE, TimeScale.hourTicks(), new EventMatch.SameComponent()));
        assertEquals(4, m.eventsWithRows());
        assertEquals(2, m.eventsCaught());
        assertEquals(0.5, m.eventRecall(), EXACT);
        assertEquals(List.of(0.5, 1.0, 0.0), m.byComponent().stream().map(EventMetrics.ComponentRecall::recall).toList());
        assertEquals(6, m.falseAlarmRows());
        assertEquals(12, m.alarmRows());
        assertEquals(68, m.evaluatedRows());
        assertEquals(21.485, m.falseAlarmsPerAssetMonth(), PEER_ROUNDING);
        assertEquals(0, m.labelEventMismatches());
    }

    @Test
    void binary_tasks_catch_any_failure_with_any_alarm() {
        EventMetrics m = binary(TimeScale.hourTicks());
        // every failure event is scored, comp3 included; B@30 is now caught by the alarm at 27
        assertEquals(5, m.eventsTotal());
        assertEquals(4, m.eventsWithRows());
        assertEquals(4, m.eventsCaught());
        assertEquals(1.0, m.eventRecall());
        assertEquals(List.of("comp1", "comp2", "comp3"),
                m.byComponent().stream().map(EventMetrics.ComponentRecall::component).toList());
        // leads: A@48 from 30, B@30 from 27, B@60 from 60, B@90 from 72 → 0 3 18 18
        Distribution lead = m.leadTime();
        assertEquals(10.5, lead.median(), EXACT);
        assertEquals(2.25, lead.p25(), EXACT);
        assertEquals(6, m.falseAlarmRows());
        assertEquals(4, m.needlessVisits());
    }

    @Test
    void cycle_data_reports_lead_times_in_cycles_and_no_rate_per_asset_month() {
        EventMetrics m = binary(TimeScale.cycles());
        assertEquals("cycles", m.settings().scale().unit());
        assertEquals(18, m.leadTime().max());
        assertTrue(Double.isNaN(m.assetMonths()));
        assertTrue(Double.isNaN(m.falseAlarmsPerAssetMonth()));
        assertEquals(6, m.falseAlarmRows());
        assertTrue(m.undefinedReasons().get(0).contains("rates per asset-month are undefined"),
                m.undefinedReasons().toString());
    }

    @Test
    void microsecond_timestamps_give_lead_times_in_hours() {
        long hour = 3_600_000_000L;
        RowTimes rows = new RowTimes(new String[] {"m1", "m1", "m1"}, new long[] {0, 3 * hour, 6 * hour});
        List<Event> log = List.of(failure("m1", 9 * hour, "failure"));
        EventMetrics m = EventMetrics.of(rows, new int[] {0, 1, 1}, new int[] {0, 1, 1}, List.of("none", "failure"),
                log, new EventSettings(24 * hour, 3 * hour, TimeScale.timestamps(), new EventMatch.AnyFailure()));
        assertEquals(6, m.leadTime().max(), EXACT);
        assertEquals(3 * 3 / 730.5, m.assetMonths(), EXACT);
    }

    @Test
    void no_event_with_rows_makes_recall_nan_with_a_reason() {
        RowTimes rows = new RowTimes(new String[] {"m1"}, new long[] {0});
        EventMetrics m = EventMetrics.of(rows, new int[] {0}, new int[] {1}, List.of("none", "failure"), List.of(),
                new EventSettings(24, 3, TimeScale.hourTicks(), new EventMatch.AnyFailure()));
        assertTrue(Double.isNaN(m.eventRecall()));
        assertEquals(1, m.falseAlarmRows());
        assertTrue(m.undefinedReasons().get(0).contains("event recall is undefined"), m.undefinedReasons().toString());
    }

    @Test
    void predictions_of_another_length_than_the_rows_are_rejected() {
        RowTimes rows = new RowTimes(new String[] {"m1", "m1"}, new long[] {0, 3});
        EvaluationException e = assertThrows(EvaluationException.class, () -> EventMetrics.of(rows, new int[] {0, 0},
                new int[] {0}, List.of("none", "failure"), List.of(),
                new EventSettings(24, 3, TimeScale.hourTicks(), new EventMatch.AnyFailure())));
        assertTrue(e.getMessage().contains("2 rows, 2 labels, 1 predictions"), e.getMessage());
    }

    @Test
    void a_horizon_that_is_not_positive_is_rejected() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> new EventSettings(0, 3, TimeScale.hourTicks(), new EventMatch.AnyFailure()));
        assertEquals("the horizon must be positive, found 0 ticks", e.getMessage());
    }
}
