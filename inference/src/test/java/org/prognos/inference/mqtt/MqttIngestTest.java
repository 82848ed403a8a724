package org.prognos.inference.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.PrognosException;
import org.prognos.inference.PumpReadings;
import org.prognos.inference.Http;
import org.prognos.inference.MqttConfig;
import org.prognos.inference.TestServers;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;
import org.prognos.live.testing.Mosquitto;

/**
 * MQTT ingestion against a real Mosquitto: readings published by devices feed the same state as HTTP, bad messages go
 * to the dead-letter topic with their reason and stop nothing, the service reconnects and resubscribes after the
 * broker restarts, and it logs in over TLS with a password.
 */
class MqttIngestTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final double TOLERANCE = 1e-9;

    @TempDir
    static Path registryDir;
    @TempDir
    Path dir;
    Mosquitto broker;
    Server server;

    @BeforeAll
    static void registry() {
        TestModels.pumpRegistry(registryDir.resolve("registry"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    Server serve(MqttConfig mqtt) {
        server = TestServers.start(registryDir.resolve("registry"), TestServers.config().withMqtt(mqtt));
        return server;
    }

    static MqttConfig pumpsOn(String url) {
        return MqttConfig.to(url).withClientId("prognos-test").withScoreTopic("prognos/scores/{asset}")
                .withSubscriptions(List.of(new MqttConfig.Subscription("fleet/{asset}/telemetry", "pump", "json")));
    }

    static String reading(int cycle, double temp) {
        return "{\"time\": " + cycle + ", \"values\": {\"temp\": " + (temp + cycle % 3) + ", \"vib\": " + (60 + cycle % 5) + "}}";
    }

    static List<Map<String, Object>> readings(int from, int to, double temp) {
        return PumpReadings.cycles(from, to, temp);
    }

    @Test
    void readings_published_over_mqtt_score_like_the_same_readings_over_http() throws Exception {
        broker = Mosquitto.start(dir);
        serve(pumpsOn(broker.url()));
        Http http = new Http(server.port());
        try (TestClient device = new TestClient(broker.url()); TestClient consumer = new TestClient(broker.url())) {
            consumer.subscribe("prognos/scores/#");
            for (int c = 1; c <= 12; c++) {
                device.publish("fleet/pump-1/telemetry", reading(c, 55));
            }
            List<TestClient.Message> scores = consumer.take(12, 20);
            assertEquals(12, scores.size(), "one score per reading");
            JsonNode last = JSON.readTree(scores.get(11).payload());
            assertEquals("pump-1", last.at("/asset").asText());
            assertEquals("12", last.at("/time").asText());
            JsonNode live = http.get("/v1/assets/pump-1/score").json();
            JsonNode window = http.post("/v1/models/pump/score", Map.of("asset", "pump-1", "readings", readings(1, 12, 55))).json();
            assertEquals(window.at("/risk/score").asDouble(), live.at("/risk/score").asDouble(), TOLERANCE);
            assertEquals(window.at("/risk/score").asDouble(), last.at("/risk").asDouble(), TOLERANCE);
            assertEquals(12, live.at("/readings").asInt());
        }
    }

    @Test
    void a_bad_message_is_dead_lettered_with_its_reason_and_stops_nothing() throws Exception {
        broker = Mosquitto.start(dir);
        serve(pumpsOn(broker.url()));
        Http http = new Http(server.port());
        try (TestClient device = new TestClient(broker.url()); TestClient watcher = new TestClient(broker.url())) {
            watcher.subscribe("prognos/dead-letter/#");
            watcher.subscribe("prognos/scores/#");
            device.publish("fleet/pump-2/telemetry", reading(1, 55));
            device.publish("fleet/pump-2/telemetry", "{\"time\": 2, \"values\": {\"temp\": 5");
            device.publish("fleet/pump-2/telemetry", "{\"time\": 2, \"valuez\": {\"temp\": 5, \"vib\": 1}}");
            device.publish("fleet/pump-2/telemetry", reading(1, 55));
            device.publish("fleet/pump-2/telemetry", reading(1, 60));
            device.publish("fleet/pump-2/telemetry", new byte[] {(byte) 0xff, 0x00, 0x13});
            device.publish("fleet/pump-2/telemetry", reading(2, 55));
            List<TestClient.Message> got = watcher.take(6, 20);
            got.addAll(watcher.take(1, 0.5));
            Set<String> reasons = new TreeSet<>();
            int scores = 0;
            for (TestClient.Message m : got) {
                if (m.topic().startsWith("prognos/dead-letter/")) {
                    JsonNode letter = JSON.readTree(m.payload());
                    assertEquals(m.topic(), "prognos/dead-letter/" + letter.at("/reason").asText());
                    assertEquals("fleet/pump-2/telemetry", letter.at("/topic").asText());
                    assertEquals("pump-2", letter.at("/asset").asText());
                    assertTrue(!letter.at("/detail").asText().isEmpty());
                    reasons.add(letter.at("/reason").asText());
                } else {
                    scores++;
                }
            }
            assertEquals(Set.of("malformed_payload", "unknown_field", "out_of_order"), reasons, "got " + got);
            assertEquals(2, scores, "the good readings before and after were applied");
            assertEquals(2, http.get("/v1/assets/pump-2/score").json().at("/readings").asInt());
            String metrics = http.get("/metrics").body();
            assertTrue(metrics.contains("prognos_mqtt_rejected_total{reason=\"malformed_payload\"} 2.0"), metrics);
            assertTrue(metrics.contains("prognos_mqtt_rejected_total{reason=\"out_of_order\"} 1.0"), metrics);
            assertTrue(metrics.contains("prognos_mqtt_messages_total{outcome=\"duplicate\"} 1.0"), "the same message twice: " + metrics);
        }
    }

    @Test
    void impossible_cycle_times_are_dead_lettered_as_invalid_payload_like_http_refuses_them() throws Exception {
        broker = Mosquitto.start(dir);
        serve(pumpsOn(broker.url()));
        Http http = new Http(server.port());
        try (TestClient device = new TestClient(broker.url()); TestClient watcher = new TestClient(broker.url())) {
            watcher.subscribe("prognos/dead-letter/#");
            device.publish("fleet/pump-4/telemetry", "{\"time\": -4, \"values\": {\"temp\": 55, \"vib\": 60}}");
            device.publish("fleet/pump-4/telemetry", "{\"time\": 1e300, \"values\": {\"temp\": 55, \"vib\": 60}}");
            device.publish("fleet/pump-4/telemetry", reading(1, 55));
            List<TestClient.Message> letters = watcher.take(2, 20);
            assertEquals(List.of("prognos/dead-letter/invalid_payload", "prognos/dead-letter/invalid_payload"),
                    letters.stream().map(TestClient.Message::topic).toList());
            for (TestClient.Message m : letters) {
                assertTrue(JSON.readTree(m.payload()).at("/detail").asText().startsWith("readings[0].time: "), m.toString());
            }
            awaitReadings(http, "pump-4", 1);
        }
    }

    @Test
    void the_service_reconnects_and_resubscribes_after_the_broker_restarts() throws Exception {
        broker = Mosquitto.start(dir);
        serve(pumpsOn(broker.url()));
        Http http = new Http(server.port());
        try (TestClient device = new TestClient(broker.url())) {
            for (int c = 1; c <= 5; c++) {
                device.publish("fleet/pump-3/telemetry", reading(c, 55));
            }
            awaitReadings(http, "pump-3", 5);
        }
        broker.restart();
        long deadline = System.nanoTime() + 40_000_000_000L;
        while (!server.mqtt().orElseThrow().connected() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(server.mqtt().orElseThrow().connected(), "reconnected");
        try (TestClient device = new TestClient(broker.url())) {
            for (int c = 6; c <= 10; c++) {
                device.publish("fleet/pump-3/telemetry", reading(c, 55));
            }
            awaitReadings(http, "pump-3", 10);
        }
    }

    @Test
    void it_logs_in_over_tls_with_a_password_and_refuses_a_wrong_one_clearly() throws Exception {
        broker = Mosquitto.start(dir, true);
        MqttConfig tls = pumpsOn(broker.tlsUrl()).withLogin(Mosquitto.USER, broker.passwordFile().toString())
                .withTls(new MqttConfig.Tls(broker.caFile().toString(), null, null));
        serve(tls);
        Http http = new Http(server.port());
        try (TestClient device = new TestClient(broker.url(), Mosquitto.USER, Mosquitto.PASSWORD)) {
            device.publish("fleet/pump-4/telemetry", reading(1, 55));
            awaitReadings(http, "pump-4", 1);
        }
        server.close();
        server = null;
        Path wrong = dir.resolve("wrong-password");
        Files.writeString(wrong, "not-it\n");
        PrognosException e = assertThrows(PrognosException.class,
                () -> serve(tls.withLogin(Mosquitto.USER, wrong.toString()).withClientId("prognos-test-2")));
        assertTrue(e.getMessage().startsWith("cannot connect to the MQTT broker " + broker.tlsUrl()), e.getMessage());
    }

    @Test
    void a_burst_faster_than_the_service_and_a_stuck_score_consumer_lose_nothing() throws Exception {
        broker = Mosquitto.start(dir);
        // small commits (16 messages, each with its fsync): the broker holds what the service has not taken yet
        MqttConfig slow = new MqttConfig(broker.url(), 5, "prognos-burst", null, null, null, null,
                List.of(new MqttConfig.Subscription("fleet/{asset}/telemetry", "pump", "json")), null, null,
                "prognos/scores/{asset}", 86_400, 16, 3600, 65535);
        serve(slow);
        Http http = new Http(server.port());
        int assets = 50;
        int cycles = 100;
        try (TestClient device = new TestClient(broker.url()); StuckClient stuck = new StuckClient(broker.url(), "prognos/scores/#")) {
            for (int c = 1; c <= cycles; c++) {
                for (int a = 0; a < assets; a++) {
                    device.publishAsync("fleet/burst-" + a + "/telemetry", reading(c, 50 + a % 7));
                }
            }
            device.flush();
            for (int a = 0; a < assets; a++) {
                awaitReadings(http, "burst-" + a, cycles);
            }
            assertTrue(stuck.received() > 0, "the stuck consumer got its first messages and acknowledged none");
        }
        String metrics = http.get("/metrics").body();
        assertTrue(metrics.contains("prognos_mqtt_messages_total{outcome=\"applied\"} " + (assets * cycles) + ".0"), metrics);
        assertTrue(!metrics.contains("prognos_mqtt_rejected_total{"), metrics);
    }

    static void awaitReadings(Http http, String asset, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        int seen = -1;
        while (System.nanoTime() < deadline) {
            Http.Response r = http.get("/v1/assets/" + asset + "/score");
            seen = r.status() == 200 ? r.json().at("/readings").asInt() : -1;
            if (seen == n) {
                return;
            }
            Thread.sleep(50);
        }
        assertEquals(n, seen, "readings of " + asset);
    }
}
