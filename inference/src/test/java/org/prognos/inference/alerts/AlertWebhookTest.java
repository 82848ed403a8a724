package org.prognos.inference.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prognos.inference.alerts.Scores.await;
import static org.prognos.inference.alerts.Scores.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.AlertsConfig;
import org.prognos.inference.InvalidConfigException;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.store.StateDb;
import org.prognos.live.alert.AlertRule;

/**
 * Webhook delivery against a real HTTP receiver on a loopback port: signed requests with the documented headers;
 * retries with backoff while the receiver refuses connections and then answers 500, until it takes the event; a
 * dead letter (recorded, counted) when it never does; and a delivery pending at shutdown completed after a restart.
 * Backoffs are milliseconds here.
 */
class AlertWebhookTest {
    static final byte[] SECRET = "s3cret-for-tests-only".getBytes(StandardCharsets.UTF_8);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static WebhookDestination webhook(String name, Receiver r, RetryPolicy retry) {
        return new WebhookDestination(name, URI.create(r.url()), SECRET, retry, Duration.ofSeconds(5), Clock.systemUTC());
    }

    static RetryPolicy fast(int attempts) {
        return new RetryPolicy(attempts, Duration.ofMillis(5), Duration.ofMillis(40));
    }

    static AlertService service(Optional<StateDb> db, ServiceMetrics metrics, AlertDestination... destinations) {
        return new AlertService(AlertRule.defaults(), db, List.of(destinations), metrics, Clock.systemUTC(), 2);
    }

    /** What a receiver does: HMAC-SHA256 of timestamp + "." + body, compared in constant time. */
    static boolean signedWith(byte[] secret, Receiver.Request r) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        mac.update((r.header("X-Prognos-Timestamp") + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body()));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                r.header("X-Prognos-Signature").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void each_event_is_posted_as_signed_json_with_its_ids_in_headers() throws Exception {
        try (Receiver receiver = Receiver.onFreePort(n -> 204).start();
             AlertService alerts = service(Optional.empty(), new ServiceMetrics(), webhook("ops", receiver, fast(3)))) {
            String id = feed(alerts, "pump-7", 0, 0.5, 0.6, 0.7).get(0).alert().id();
            alerts.ack(id, "ana", Optional.of("on it"));
            await("two events", () -> receiver.requests().size() == 2);
            Receiver.Request opened = receiver.requests().get(0);
            assertTrue(signedWith(SECRET, opened), "signature over timestamp.body");
            assertFalse(signedWith("another".getBytes(StandardCharsets.UTF_8), opened));
            assertEquals(id, opened.header("X-Prognos-Alert-Id"));
            assertEquals("opened", opened.header("X-Prognos-Event"));
            assertEquals("1", opened.header("X-Prognos-Attempt"));
            assertEquals("application/json", opened.header("Content-Type"));
            long age = System.currentTimeMillis() / 1000 - Long.parseLong(opened.header("X-Prognos-Timestamp"));
            assertTrue(age >= 0 && age < 60, "a fresh Unix time in seconds");
            JsonNode body = JSON.readTree(opened.body());
            assertEquals("opened", body.at("/event").asText());
            assertEquals(id, body.at("/alert/id").asText());
            assertEquals("pump-7", body.at("/alert/asset").asText());
            assertEquals("pump-24h", body.at("/alert/model/name").asText());
            assertEquals(2, body.at("/alert/model/version").asInt());
            assertEquals("comp2", body.at("/alert/component").asText());
            assertEquals(0.7, body.at("/alert/value").asDouble());
            assertEquals(0.3, body.at("/alert/threshold").asDouble());
            assertEquals("high-is-bad", body.at("/alert/direction").asText());
            assertEquals(0.7, body.at("/alert/failure/probability").asDouble());
            assertEquals("vib_mean_3h", body.at("/alert/drivers/0/feature").asText());
            assertEquals("2015-12-01 00:00:00", body.at("/alert/dataTime/firstBeyond").asText());
            assertEquals("2015-12-01 02:00:00", body.at("/alert/dataTime/opened").asText());
            assertTrue(body.at("/alert/deliveries").isMissingNode(), "destinations are not told about deliveries");
            Receiver.Request acked = receiver.requests().get(1);
            assertTrue(signedWith(SECRET, acked));
            assertEquals("acked", acked.header("X-Prognos-Event"));
            assertEquals("on it", JSON.readTree(acked.body()).at("/alert/acknowledged/note").asText());
            assertFalse(opened.header("X-Prognos-Delivery").equals(acked.header("X-Prognos-Delivery")));
        }
    }

    @Test
    void a_receiver_that_is_down_then_failing_gets_the_event_once_it_recovers_with_the_same_ids() throws Exception {
        ServiceMetrics metrics = new ServiceMetrics();
        Receiver receiver = Receiver.onFreePort(n -> n <= 2 ? 500 : 200);   // not started: connections refused
        try (receiver; AlertService alerts = service(Optional.empty(), metrics, webhook("ops", receiver, fast(1000)))) {
            String first = feed(alerts, "pump-7", 0, 0.5, 0.6, 0.7).get(0).alert().id();
            await("two refused attempts", () -> alerts.get(first).orElseThrow().deliveries().get(0).attempts() >= 2);
            DeliveryStatus pending = alerts.get(first).orElseThrow().deliveries().get(0);
            assertEquals(DeliveryStatus.Outcome.PENDING, pending.outcome());
            assertTrue(pending.error().orElseThrow().startsWith("ConnectException"), pending.error().orElseThrow());
            String second = feed(alerts, "pump-8", 0, 0.5, 0.6, 0.7).get(0).alert().id();
            receiver.start();
            await("both delivered", () -> alerts.list(AlertQuery.of(AlertQuery.State.OPEN)).stream()
                    .allMatch(r -> r.deliveries().get(0).outcome() == DeliveryStatus.Outcome.DELIVERED));
            List<Receiver.Request> got = receiver.requests();
            assertEquals(Set.of(first, second), got.stream().map(r -> r.header("X-Prognos-Alert-Id")).collect(Collectors.toSet()));
            for (String id : List.of(first, second)) {
                List<Receiver.Request> forId = got.stream().filter(r -> r.header("X-Prognos-Alert-Id").equals(id)).toList();
                assertEquals(1, forId.stream().map(r -> r.header("X-Prognos-Delivery")).distinct().count(), "one delivery id");
                assertEquals(1, forId.stream().filter(r -> r.answered() == 200).count(), "taken once");
                for (Receiver.Request r : forId) {
                    assertTrue(signedWith(SECRET, r));
                }
            }
            String scrape = new String(metrics.scrape(), StandardCharsets.UTF_8);
            assertTrue(scrape.contains("prognos_alert_deliveries_total{destination=\"ops\",outcome=\"delivered\"} 2.0"), scrape);
            assertTrue(scrape.contains("prognos_alert_deliveries_total{destination=\"ops\",outcome=\"retried\"}"), scrape);
            assertTrue(scrape.contains("prognos_alert_delivery_seconds_count{destination=\"ops\"} 2"), scrape);
            assertTrue(scrape.contains("prognos_alert_deliveries_pending 0.0"), scrape);
            assertTrue(scrape.contains("prognos_alerts_opened_total{model=\"pump-24h\"} 2.0"), scrape);
            assertTrue(scrape.contains("prognos_alerts_open 2.0"), scrape);
        }
    }

    @Test
    void a_receiver_down_for_good_dead_letters_the_event_after_the_last_attempt() {
        ServiceMetrics metrics = new ServiceMetrics();
        try (Receiver receiver = Receiver.onFreePort(n -> 503).start();
             AlertService alerts = service(Optional.empty(), metrics, webhook("ops", receiver, fast(4)),
                     new RecordingDestination("audit"))) {
            String id = feed(alerts, "pump-7", 0, 0.5, 0.6, 0.7).get(0).alert().id();
            await("dead-lettered", () -> alerts.get(id).orElseThrow().deliveries().stream()
                    .anyMatch(d -> d.outcome() == DeliveryStatus.Outcome.DEAD));
            AlertRecord r = alerts.get(id).orElseThrow();
            DeliveryStatus dead = r.deliveries().stream().filter(d -> d.destination().equals("ops")).findFirst().orElseThrow();
            assertEquals(4, dead.attempts());
            assertEquals("DeliveryException: webhook 'ops' answered HTTP 503", dead.error().orElseThrow());
            assertEquals(4, receiver.requests().size());
            await("the other destination is not held up", () -> alerts.get(id).orElseThrow().deliveries().stream()
                    .anyMatch(d -> d.destination().equals("audit") && d.outcome() == DeliveryStatus.Outcome.DELIVERED));
            assertEquals(List.of(id), alerts.list(new AlertQuery(AlertQuery.State.ALL, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(DeliveryStatus.Outcome.DEAD), 10)).stream().map(AlertRecord::id).toList());
            String scrape = new String(metrics.scrape(), StandardCharsets.UTF_8);
            assertTrue(scrape.contains("prognos_alert_deliveries_total{destination=\"ops\",outcome=\"dead\"} 1.0"), scrape);
            assertTrue(scrape.contains("prognos_alert_deliveries_total{destination=\"ops\",outcome=\"retried\"} 3.0"), scrape);
            assertEquals(0, alerts.pendingDeliveries());
        }
    }

    @Test
    void a_delivery_pending_at_shutdown_completes_after_the_restart() throws IOException {
        Receiver receiver = Receiver.onFreePort(n -> 200);   // down during the first run
        String id;
        try (receiver) {
            try (StateDb db = StateDb.open(dir);
                 AlertService alerts = service(Optional.of(db), new ServiceMetrics(), webhook("ops", receiver, fast(1000)))) {
                alerts.recover();
                id = feed(alerts, "pump-7", 0, 0.5, 0.6, 0.7).get(0).alert().id();
                await("a failed attempt", () -> alerts.get(id).orElseThrow().deliveries().get(0).attempts() >= 1);
            }
            receiver.start();
            try (StateDb db = StateDb.open(dir);
                 AlertService alerts = service(Optional.of(db), new ServiceMetrics(), webhook("ops", receiver, fast(1000)))) {
                AlertService.Recovery rec = alerts.recover();
                assertEquals(1, rec.deliveries());
                assertEquals(1, rec.open());
                await("delivered after the restart", () -> alerts.get(id).orElseThrow().deliveries().get(0).outcome()
                        == DeliveryStatus.Outcome.DELIVERED);
                DeliveryStatus done = alerts.get(id).orElseThrow().deliveries().get(0);
                assertTrue(done.attempts() >= 2, "the attempt count went on across the restart: " + done);
                assertEquals(id, receiver.requests().get(0).header("X-Prognos-Alert-Id"));
                assertEquals(String.valueOf(done.attempts()), receiver.requests().get(0).header("X-Prognos-Attempt"));
            }
        }
    }

    @Test
    void a_webhook_reads_its_secret_from_its_file_or_variable_and_never_shows_it() throws IOException {
        Path file = dir.resolve("secret");
        Files.writeString(file, "from-a-file\n");
        AlertsConfig.Webhook fromFile = new AlertsConfig.Webhook("ops", "https://hooks.example.com/x?token=t", file.toString(),
                null, 3, 0.5, 10, 2);
        WebhookDestination w = WebhookDestination.of(fromFile, Map.of(), Clock.systemUTC());
        assertEquals(new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(10)), w.retry());
        assertEquals(WebhookDestination.signature("from-a-file".getBytes(StandardCharsets.UTF_8), "1", new byte[] {'{', '}'}),
                w.signature("1", new byte[] {'{', '}'}));
        assertEquals("webhook 'ops'", w.toString());
        AlertsConfig.Webhook fromEnv = AlertsConfig.Webhook.of("ops", "https://hooks.example.com/x", "OPS_SECRET");
        var e = assertThrows(InvalidConfigException.class,
                () -> WebhookDestination.of(fromEnv, Map.of(), Clock.systemUTC()));
        assertEquals("webhook 'ops': no signing secret in the environment variable $OPS_SECRET", e.getMessage());
        assertEquals("ops", WebhookDestination.of(fromEnv, Map.of("OPS_SECRET", "x"), Clock.systemUTC()).name());
    }

    @Test
    void backoff_ceilings_double_up_to_the_cap_and_delays_stay_under_them() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000));
        assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L), List.of(1, 2, 3, 4, 5, 60).stream()
                .map(n -> p.ceiling(n).toMillis()).toList());
        SplittableRandom rng = new SplittableRandom(7);
        for (int n = 1; n < 12; n++) {
            long d = p.delay(n, rng).toMillis();
            assertTrue(d >= 0 && d <= p.ceiling(n).toMillis(), n + ": " + d);
        }
    }
}
