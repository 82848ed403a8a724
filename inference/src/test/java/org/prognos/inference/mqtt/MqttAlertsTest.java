package org.prognos.inference.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.Http;
import org.prognos.inference.MqttConfig;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.StateConfig;
import org.prognos.inference.TestServers;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;
import org.prognos.live.testing.Mosquitto;

/**
 * Alerts from readings that arrive over MQTT: K hot readings in a row open one alert, published retained to
 * {@code prognos/alerts/{asset}} and listed by the API; a restart neither loses it nor opens it again; cool readings
 * close it.
 */
class MqttAlertsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path registry;
    @TempDir
    Path dir;
    Mosquitto broker;
    Server server;

    @BeforeAll
    static void models() {
        TestModels.pumpRegistry(registry);
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

    Server serve() {
        MqttConfig mqtt = MqttIngestTest.pumpsOn(broker.url()).withClientId("prognos-alerts");
        ServiceConfig config = TestServers.config().withMqtt(mqtt)
                .withState(new StateConfig(10_000, 48 * 3600, 60, dir.resolve("state").toString(), 512, 30));
        server = TestServers.start(registry, config);
        return server;
    }

    @Test
    void hot_readings_open_one_alert_that_survives_a_restart_and_cool_ones_close_it() throws Exception {
        broker = Mosquitto.start(dir);
        serve();
        Http http = new Http(server.port());
        try (TestClient device = new TestClient(broker.url()); TestClient scheduler = new TestClient(broker.url())) {
            scheduler.subscribe("prognos/alerts/#");
            scheduler.subscribe("prognos/scores/#");
            for (int c = 1; c <= 12; c++) {
                device.publish("fleet/pump-9/telemetry", MqttIngestTest.reading(c, c <= 4 ? 50 : 85));
            }
            JsonNode opened = awaitAlert(scheduler, "opened");
            assertEquals("pump-9", opened.at("/alert/asset").asText());
            String id = opened.at("/alert/id").asText();
            JsonNode open = http.get("/v1/alerts?state=open&asset=pump-9").json();
            assertEquals(1, open.at("/count").asInt(), open.toString());
            assertEquals(id, open.at("/alerts/0/id").asText());
        }
        server.close();
        serve();
        Http again = new Http(server.port());
        JsonNode still = again.get("/v1/alerts?state=open&asset=pump-9").json();
        assertEquals(1, still.at("/count").asInt(), "the restart kept the open alert: " + still);
        try (TestClient device = new TestClient(broker.url()); TestClient scheduler = new TestClient(broker.url())) {
            scheduler.subscribe("prognos/alerts/pump-9");
            JsonNode retained = JSON.readTree(scheduler.take(1, 10).get(0).payload());
            assertEquals("opened", retained.at("/event").asText(), "the asset's current alert is retained");
            String id = retained.at("/alert/id").asText();
            device.publish("fleet/pump-9/telemetry", MqttIngestTest.reading(13, 85));
            MqttIngestTest.awaitReadings(again, "pump-9", 13);
            assertEquals(1, again.get("/v1/alerts?state=all&asset=pump-9").json().at("/count").asInt(), "not opened twice");
            for (int c = 14; c <= 30; c++) {
                device.publish("fleet/pump-9/telemetry", MqttIngestTest.reading(c, 50));
            }
            JsonNode closed = awaitAlert(scheduler, "closed");
            assertEquals("closed", closed.at("/alert/state").asText());
            assertEquals(id, closed.at("/alert/id").asText(), "the same alert closed");
            assertEquals(0, again.get("/v1/alerts?state=open&asset=pump-9").json().at("/count").asInt());
        }
    }

    static JsonNode awaitAlert(TestClient client, String event) throws Exception {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (TestClient.Message m : client.take(1, 0.5)) {
                seen.add(m.topic() + " " + m.payload());
                if (m.topic().startsWith("prognos/alerts/")) {
                    JsonNode n = JSON.readTree(m.payload());
                    if (n.at("/event").asText().equals(event)) {
                        return n;
                    }
                }
            }
        }
        throw new AssertionError("no '" + event + "' alert; saw " + seen);
    }
}
