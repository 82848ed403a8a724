package org.prognos.inference.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.Http;
import org.prognos.inference.MqttConfig;
import org.prognos.inference.TestServers;
import org.prognos.inference.security.ApiKeys;
import org.prognos.inference.security.Caller;
import org.prognos.inference.security.Role;
import org.prognos.inference.server.Server;
import org.prognos.inference.tenant.Tenant;
import org.prognos.live.device.DeviceMessage.DeviceEvent;
import org.prognos.live.device.DeviceMessage.Sample;
import org.prognos.live.sparkplug.SparkplugEncoder;
import org.prognos.live.sparkplug.SparkplugMessage;
import org.prognos.models.TestModels;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.live.testing.Mosquitto;

/**
 * Sparkplug B through a real Mosquitto: an edge node's births and report-by-exception data feed the same features as
 * the same readings over HTTP; a death marks the asset offline; data without a birth is dead-lettered and the edge
 * node is asked for a rebirth.
 */
class SparkplugIngestTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path registry;
    @TempDir
    Path dir;
    Mosquitto broker;
    Server server;

    @BeforeAll
    static void models() {
        TestModels.publishAzure(new ModelRegistry(registry));
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

    @Test
    void an_edge_node_feeds_the_same_features_as_http_and_its_death_marks_the_asset_offline() throws Exception {
        broker = Mosquitto.start(dir);
        MqttConfig mqtt = MqttConfig.to(broker.url()).withClientId("prognos-spb")
                .withSubscriptions(List.of(new MqttConfig.Subscription("spBv1.0/plant/#", TestModels.AZURE, "sparkplug")));
        server = TestServers.start(registry, TestServers.config().withMqtt(mqtt));
        Http http = new Http(server.port());
        TimeAxis axis = TestModels.azureSpec().time().toAxis();
        long from = axis.parse("2015-10-05 06:00:00");
        List<Map<String, Object>> readings = TestModels.azureReadings("1", from, from + 48 * 3_600_000_000L);
        Map<String, Object> event = Map.of("kind", "maintenance", "code", "comp2", "time", readings.get(20).get("time"));
        SparkplugEncoder node = new SparkplugEncoder("plant", "gw-1", 0);
        try (TestClient edge = new TestClient(broker.url()); TestClient watcher = new TestClient(broker.url())) {
            watcher.subscribe("prognos/dead-letter/#");
            watcher.subscribe("spBv1.0/plant/NCMD/#");
            long t0 = millis(axis, readings.get(0));
            send(edge, node.nodeBirth(t0, Map.of()));
            send(edge, node.deviceBirth("machine-1", t0, values(readings.get(0))));
            for (int i = 1; i < readings.size(); i++) {
                long t = millis(axis, readings.get(i));
                List<DeviceEvent> events = i == 20 ? List.of(new DeviceEvent(t, "maintenance", "comp2")) : List.of();
                send(edge, node.deviceData("machine-1", List.of(new Sample(t, changed(readings, i))), events));
            }
            http.post("/v1/assets/twin-1/readings?model=" + TestModels.AZURE, Map.of("readings", readings, "events", List.of(event)));
            JsonNode twin = http.get("/v1/assets/twin-1/features").json();
            JsonNode live = awaitFeatures(http, "machine-1", readings.size());
            assertEquals(twin.at("/features"), live.at("/features"));
            assertEquals(twin.at("/time"), live.at("/time"));

            send(edge, node.deviceDeath("machine-1", millis(axis, readings.get(readings.size() - 1)) + 1000));
            assertEquals(false, awaitOnline(http, "machine-1", false));

            SparkplugEncoder unborn = new SparkplugEncoder("plant", "gw-2", 0);
            unborn.nodeBirth(t0, Map.of());
            send(edge, unborn.deviceBirth("machine-9", t0, values(readings.get(0))));
            List<TestClient.Message> got = watcher.take(2, 20);
            assertTrue(got.stream().anyMatch(m -> m.topic().equals("prognos/dead-letter/no_birth")), "dead letter: " + got);
            assertTrue(got.stream().anyMatch(m -> m.topic().equals("spBv1.0/plant/NCMD/gw-2")), "rebirth request: " + got);
        }
    }

    @Test
    void times_too_far_ahead_are_dead_lettered_as_future_time_and_a_subscription_feeds_its_tenant() throws Exception {
        broker = Mosquitto.start(dir);
        MqttConfig mqtt = MqttConfig.to(broker.url()).withClientId("prognos-spb-future").withSubscriptions(List.of(
                new MqttConfig.Subscription("spBv1.0/plant/#", TestModels.AZURE, "sparkplug"),
                new MqttConfig.Subscription("acme/{asset}/telemetry", TestModels.AZURE, "json", "acme")));
        String acmeKey = "acme-score-key-0123456789abcdef";
        server = Server.start(registry, TestServers.config().withMqtt(mqtt), ApiKeys.ofCallers(Map.of(
                acmeKey, new Caller("acme", Role.SCORE, Tenant.of("acme")), Http.SCORE_KEY, new Caller("plant", Role.SCORE, Tenant.DEFAULT))),
                Predictors.standard());
        Http http = new Http(server.port());
        TimeAxis axis = TestModels.azureSpec().time().toAxis();
        long from = axis.parse("2015-10-05 06:00:00");
        Map<String, Object> reading = TestModels.azureReadings("1", from, from + 1).get(0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (TestClient device = new TestClient(broker.url()); TestClient watcher = new TestClient(broker.url())) {
            watcher.subscribe("prognos/dead-letter/#");
            Map<String, Object> ahead = new LinkedHashMap<>(reading);
            ahead.put("time", now.plus(3, ChronoUnit.DAYS).toString());
            device.publish("acme/m-1/telemetry", JSON.writeValueAsString(ahead));
            Map<String, Object> real = new LinkedHashMap<>(reading);
            real.put("time", now.minus(1, ChronoUnit.HOURS).toString());
            device.publish("acme/m-1/telemetry", JSON.writeValueAsString(real));

            SparkplugEncoder node = new SparkplugEncoder("plant", "gw-1", 0);
            long t0 = now.minus(2, ChronoUnit.HOURS).toEpochMilli();
            send(device, node.nodeBirth(t0, Map.of()));
            send(device, node.deviceBirth("machine-5", t0, values(reading)));
            send(device, node.deviceData("machine-5", List.of(new Sample(now.plus(3, ChronoUnit.DAYS).toEpochMilli(), values(reading))),
                    List.of()));

            List<TestClient.Message> letters = watcher.take(2, 20);
            assertEquals(List.of("prognos/dead-letter/future_time", "prognos/dead-letter/future_time"),
                    letters.stream().map(TestClient.Message::topic).toList(), "got " + letters);
            JsonNode json = JSON.readTree(letters.get(0).payload());
            assertEquals("m-1", json.at("/asset").asText());
            assertTrue(json.at("/detail").asText().startsWith("readings[0].time: "), json.toString());
            assertTrue(JSON.readTree(letters.get(1).payload()).at("/detail").asText().contains("in the future"), letters.get(1).toString());

            JsonNode acme = awaitFeatures(http.withKey(acmeKey), "m-1", 1);
            assertEquals(1, acme.at("/readings").asInt(), "the real reading after the refused one was applied");
            assertEquals(404, http.get("/v1/assets/m-1/features").status(), "the acme subscription fed acme's m-1 only");
            assertEquals(1, awaitFeatures(http, "machine-5", 1).at("/readings").asInt(), "the birth applied, the future data not");
        }
    }

    static void send(TestClient client, SparkplugMessage m) {
        client.publish(m.topic().format(), m.payload());
    }

    static long millis(TimeAxis axis, Map<String, Object> reading) {
        return axis.parse((String) reading.get("time")) / 1000;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Double> values(Map<String, Object> reading) {
        Map<String, Double> out = new LinkedHashMap<>();
        ((Map<String, Object>) reading.get("values")).forEach((k, v) -> out.put(k, ((Number) v).doubleValue()));
        return out;
    }

    /** Only the channels whose value changed since the previous reading, as a device reporting by exception sends. */
    static Map<String, Double> changed(List<Map<String, Object>> readings, int i) {
        Map<String, Double> before = values(readings.get(i - 1));
        Map<String, Double> out = new LinkedHashMap<>();
        values(readings.get(i)).forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                out.put(k, v);
            }
        });
        return out;
    }

    static JsonNode awaitFeatures(Http http, String asset, int readings) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Http.Response r = http.get("/v1/assets/" + asset + "/features");
            if (r.status() == 200) {
                last = r.json();
                if (last.at("/readings").asInt() == readings) {
                    return last;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("features of " + asset + " with " + readings + " readings: " + last);
    }

    static Object awaitOnline(Http http, String asset, boolean want) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (JsonNode a : http.get("/v1/fleet/at-risk?limit=100").json().at("/assets")) {
                if (a.at("/asset").asText().equals(asset) && a.has("online") && a.at("/online").asBoolean() == want) {
                    return want;
                }
            }
            Thread.sleep(50);
        }
        return !want;
    }
}
