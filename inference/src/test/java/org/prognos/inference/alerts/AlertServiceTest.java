package org.prognos.inference.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prognos.inference.alerts.Scores.feed;
import static org.prognos.inference.alerts.Scores.risk;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.UnknownAlertException;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.store.StateDb;
import org.prognos.live.alert.AlertRule;
import org.prognos.live.alert.AlertTransition;

/**
 * The alert service over a real state store: alerts and trackers survive a restart (nothing lost, nothing reopened),
 * the streaming path's batch API writes everything in the caller's batch, acknowledgements are durable and
 * idempotent, and the in-memory mode answers alike.
 */
class AlertServiceTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T10:15:02.117Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static AlertService service(Optional<StateDb> db, List<AlertDestination> destinations) {
        return new AlertService(AlertRule.defaults(), db, destinations, new ServiceMetrics(), CLOCK, 1);
    }

    @Test
    void an_open_alert_stays_open_across_a_restart_and_is_not_opened_again() {
        String id;
        try (StateDb db = StateDb.open(dir); AlertService alerts = service(Optional.of(db), List.of())) {
            alerts.recover();
            List<AlertTransition> t = feed(alerts, "pump-7", 1, 0.1, 0.4, 0.5, 0.6);
            assertEquals(1, t.size());
            id = t.get(0).alert().id();
            feed(alerts, "pump-7", 5, 0.9);   // the peak, seen after opening
            feed(alerts, "pump-9", 1, 0.5, 0.5);   // a run towards opening, cut by the restart
            feed(alerts, "pump-5", 1, 0.1, 0.2, 0.1);   // quiet: its tracker is never written
        }
        try (StateDb db = StateDb.open(dir); AlertService alerts = service(Optional.of(db), List.of())) {
            assertEquals(new AlertService.Recovery(2, 1, 0), alerts.recover());
            assertTrue(alerts.hasOpenAlert("pump-7"));
            assertFalse(alerts.hasOpenAlert("pump-9"));
            AlertRecord open = alerts.get(id).orElseThrow();
            assertTrue(open.isOpen());
            assertEquals(0.9, open.alert().peak(), "the tracker's peak survived");
            assertEquals(List.of(id), alerts.list(AlertQuery.of(AlertQuery.State.OPEN)).stream().map(AlertRecord::id).toList());
            // the journal replays the last scores before the crash: they were counted already
            assertEquals(List.of(), feed(alerts, "pump-7", 3, 0.5, 0.6, 0.9));
            assertEquals(List.of(), feed(alerts, "pump-7", 6, 0.8, 0.7));
            // the run of pump-9 continues: its third score beyond the threshold opens it
            assertInstanceOf(AlertTransition.Opened.class, feed(alerts, "pump-9", 3, 0.31).get(0));
            List<AlertTransition> closing = feed(alerts, "pump-7", 8, 0.1, 0.1, 0.1);
            assertEquals(1, closing.size());
            assertEquals(id, closing.get(0).alert().id());
            assertFalse(alerts.hasOpenAlert("pump-7"));
            assertTrue(alerts.hasOpenAlert("pump-9"));
            AlertRecord closed = alerts.get(id).orElseThrow();
            assertFalse(closed.isOpen());
            assertEquals(CLOCK.instant(), closed.openedAt());
            assertEquals("2015-12-01 10:00:00", closed.alert().closed().orElseThrow().text());
        }
    }

    @Test
    void the_batch_api_writes_alerts_trackers_and_outbox_in_the_callers_batch_only() {
        RecordingDestination sink = new RecordingDestination("sink");
        try (StateDb db = StateDb.open(dir); AlertService alerts = service(Optional.of(db), List.of(sink))) {
            alerts.recover();
            List<AlertTransition> all = new ArrayList<>();
            for (int h = 0; h < 3; h++) {
                List<AlertTransition> t = alerts.observe(risk("pump-7", h, 0.5));
                db.write(batch -> alerts.record(batch, t), true);
                all.addAll(t);
                if (h == 2) {
                    assertEquals(1, t.size());
                    assertTrue(alerts.get(t.get(0).alert().id()).isPresent(), "recorded in the caller's batch");
                    assertEquals(0, alerts.pendingDeliveries(), "nothing is handed over before the commit");
                }
                alerts.committed(t);
            }
            Scores.await("delivered", () -> sink.received().size() == 1);
            AlertMessage m = sink.received().get(0);
            assertEquals(AlertEvent.OPENED, m.event());
            assertEquals(all.get(0).alert().id(), m.alertId());
            assertTrue(new String(m.body()).startsWith("{\"event\":\"opened\",\"alert\":{\"id\":\"" + m.alertId() + "\",\"state\":\"open\""),
                    new String(m.body()));
            Scores.await("recorded as delivered", () -> alerts.get(m.alertId()).orElseThrow().deliveries().get(0).outcome()
                    == DeliveryStatus.Outcome.DELIVERED);
        }
    }

    @Test
    void a_crash_between_the_batch_and_the_commit_loses_no_delivery() {
        String id;
        try (StateDb db = StateDb.open(dir); AlertService alerts = service(Optional.of(db), List.of(new RecordingDestination("sink")))) {
            alerts.recover();
            List<AlertTransition> t = new ArrayList<>();
            for (int h = 0; h < 3; h++) {
                List<AlertTransition> now = alerts.observe(risk("pump-7", h, 0.5));
                db.write(batch -> alerts.record(batch, now), true);
                t.addAll(now);
            }
            id = t.get(0).alert().id();   // committed is never called: the process dies here
        }
        RecordingDestination sink = new RecordingDestination("sink");
        try (StateDb db = StateDb.open(dir); AlertService alerts = service(Optional.of(db), List.of(sink))) {
            assertEquals(new AlertService.Recovery(1, 1, 1), alerts.recover());
            Scores.await("delivered after the restart", () -> sink.received().size() == 1);
            assertEquals(id, sink.received().get(0).alertId());
        }
    }

    @Test
    void an_acknowledgement_is_durable_idempotent_and_delivered_once() {
        RecordingDestination sink = new RecordingDestination("sink");
        String id;
        try (StateDb db = StateDb.open(dir); AlertService alerts = service(Optional.of(db), List.of(sink))) {
            alerts.recover();
            id = feed(alerts, "pump-7", 1, 0.5, 0.5, 0.5).get(0).alert().id();
            AlertRecord acked = alerts.ack(id, "ana", Optional.of("crew dispatched"));
            assertEquals(new Acknowledgement("ana", CLOCK.instant(), Optional.of("crew dispatched")), acked.acknowledgement().orElseThrow());
            AlertRecord again = alerts.ack(id, "bo", Optional.empty());
            assertEquals("ana", again.acknowledgement().orElseThrow().by(), "the first acknowledgement stands");
            Scores.await("opened and acked delivered", () -> sink.received().size() == 2);
            assertEquals(List.of(AlertEvent.OPENED, AlertEvent.ACKED), sink.received().stream().map(AlertMessage::event).toList());
            UnknownAlertException e = assertThrows(UnknownAlertException.class, () -> alerts.ack("nope", "ana", Optional.empty()));
            assertEquals("no alert has the id 'nope'", e.getMessage());
        }
        try (StateDb db = StateDb.open(dir); AlertService alerts = service(Optional.of(db), List.of(sink))) {
            alerts.recover();
            assertEquals("ana", alerts.get(id).orElseThrow().acknowledgement().orElseThrow().by());
            List<AlertTransition> closing = feed(alerts, "pump-7", 4, 0.1, 0.1, 0.1);
            assertEquals(1, closing.size());
            Scores.await("closed delivered", () -> sink.received().size() == 3);
            String closedBody = new String(sink.received().get(2).body());
            assertTrue(closedBody.contains("\"acknowledged\":{\"by\":\"ana\""), "the closing carries the acknowledgement: " + closedBody);
        }
    }

    @Test
    void one_assets_events_reach_a_destination_in_the_order_they_happened_acknowledgements_last() {
        RecordingDestination sink = new RecordingDestination("mqtt");
        AtomicBoolean up = new AtomicBoolean();
        AlertDestination gated = new AlertDestination() {
            @Override
            public String name() {
                return "mqtt";
            }

            @Override
            public void deliver(AlertMessage message, int attempt) {
                if (!up.get()) {
                    throw new DeliveryException("broker unreachable");
                }
                sink.deliver(message, attempt);
            }

            @Override
            public RetryPolicy retry() {
                return new RetryPolicy(10_000, Duration.ofMillis(1), Duration.ofMillis(5));
            }
        };
        try (AlertService alerts = service(Optional.empty(), List.of(gated))) {
            String a = feed(alerts, "pump-7", 0, 0.5, 0.5, 0.5, 0.1, 0.1, 0.1).get(0).alert().id();
            String b = feed(alerts, "pump-7", 6, 0.5, 0.5, 0.5).get(0).alert().id();
            alerts.ack(a, "ana", Optional.empty());   // an old alert's acknowledgement, after a newer one opened
            up.set(true);
            Scores.await("four events", () -> sink.received().size() == 4);
            assertEquals(List.of(a + " opened", a + " closed", b + " opened", a + " acked"), sink.received().stream()
                    .map(m -> m.alertId() + " " + m.event().label()).toList());
            assertEquals(List.of(true, true, true, false), sink.received().stream().map(AlertMessage::current).toList(),
                    "the old alert's acknowledgement must not replace the asset's current alert on a retained topic");
        }
    }

    @Test
    void in_memory_the_batch_api_keeps_the_records_itself_whatever_batch_it_is_given() {
        StateDb.Batch discard = new StateDb.Batch() {
            @Override
            public void put(StateDb.Family family, byte[] key, byte[] value) {
            }

            @Override
            public void delete(StateDb.Family family, byte[] key) {
            }

            @Override
            public void deleteRange(StateDb.Family family, byte[] from, byte[] to) {
            }
        };
        RecordingDestination sink = new RecordingDestination("sink");
        try (AlertService alerts = service(Optional.empty(), List.of(sink))) {
            List<AlertTransition> all = new ArrayList<>();
            for (int h = 0; h < 3; h++) {
                List<AlertTransition> t = alerts.observe(risk("pump-7", h, 0.5));
                alerts.record(discard, t);
                alerts.committed(t);
                all.addAll(t);
            }
            assertTrue(alerts.get(all.get(0).alert().id()).orElseThrow().isOpen());
            Scores.await("delivered", () -> sink.received().size() == 1);
        }
    }

    @Test
    void queries_filter_by_state_asset_model_time_and_delivery_newest_first() {
        try (AlertService alerts = service(Optional.empty(), List.of())) {
            String a = feed(alerts, "pump-1", 0, 0.5, 0.5, 0.5, 0.1, 0.1, 0.1).get(0).alert().id();
            String b = feed(alerts, "pump-2", 10, 0.5, 0.5, 0.5).get(0).alert().id();
            String c = feed(alerts, "pump-1", 20, 0.9, 0.9, 0.9).get(0).alert().id();
            assertEquals(3, alerts.list(AlertQuery.of(AlertQuery.State.ALL)).size());
            assertEquals(List.of(c, b), ids(alerts.list(AlertQuery.State.OPEN, Optional.empty(), Optional.empty(), Optional.empty(), 10)));
            assertEquals(List.of(a), ids(alerts.list(AlertQuery.State.CLOSED, Optional.empty(), Optional.empty(), Optional.empty(), 10)));
            assertEquals(List.of(c, a), ids(alerts.list(AlertQuery.State.ALL, Optional.of("pump-1"), Optional.empty(), Optional.empty(), 10)));
            assertEquals(List.of(c), ids(alerts.list(AlertQuery.State.ALL, Optional.of("pump-1"), Optional.empty(), Optional.empty(), 1)));
            assertEquals(List.of(), ids(alerts.list(AlertQuery.State.ALL, Optional.empty(), Optional.of("other"), Optional.empty(), 10)));
            assertEquals(List.of(), ids(alerts.list(AlertQuery.State.ALL, Optional.empty(), Optional.empty(),
                    Optional.of(CLOCK.instant().plusMillis(1)), 10)));
            assertEquals(3, alerts.list(AlertQuery.State.ALL, Optional.empty(), Optional.empty(), Optional.of(CLOCK.instant()), 10).size());
            assertEquals(List.of(), ids(alerts.list(new AlertQuery(AlertQuery.State.ALL, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(DeliveryStatus.Outcome.DEAD), 10))));
            assertFalse(alerts.durable());
            assertEquals(new AlertService.Recovery(0, 0, 0), alerts.recover());
        }
    }

    static List<String> ids(List<AlertRecord> records) {
        return records.stream().map(AlertRecord::id).toList();
    }
}
