package org.prognos.inference.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.Http;
import org.prognos.inference.MqttConfig;
import org.prognos.inference.TestServers;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.BandScale;
import org.prognos.live.testing.Mosquitto;

/**
 * An anomaly model (the Azure knn fixture of {@link TestModels}) scoring readings that devices publish to a real
 * Mosquitto: one score message per reading, each with the model's calibrated score, its false-alarm band and
 * threshold, the last one equal to the asset's live score over HTTP.
 */
class MqttAnomalyTest {
    static final double TOLERANCE = 1e-9;
    static final long HOUR = 3_600_000_000L;

    @TempDir
    Path dir;

    @Test
    void readings_over_mqtt_are_scored_by_the_anomaly_model_with_its_bands() throws Exception {
        TestModels.publishAzureAnomaly(new ModelRegistry(dir.resolve("registry")));
        try (Mosquitto broker = Mosquitto.start(dir);
             Server server = TestServers.start(dir.resolve("registry"), TestServers.config().withMqtt(
                     MqttConfig.to(broker.url()).withClientId("prognos-anomaly").withScoreTopic("prognos/scores/{asset}")
                             .withSubscriptions(List.of(new MqttConfig.Subscription("fleet/{asset}/telemetry",
                                     TestModels.AZURE_ANOMALY, "json")))));
             TestClient device = new TestClient(broker.url()); TestClient consumer = new TestClient(broker.url())) {
            consumer.subscribe("prognos/scores/#");
            long from = TimeAxis.Timestamps.utc().parse("2015-11-20 00:00:00");
            List<Map<String, Object>> readings = TestModels.azureReadings("60", from, from + 30 * HOUR);
            ObjectMapper json = new ObjectMapper();
            for (Map<String, Object> r : readings) {
                device.publish("fleet/machine-60/telemetry", json.writeValueAsString(r));
            }
            List<TestClient.Message> scores = consumer.take(readings.size(), 30);
            assertEquals(readings.size(), scores.size(), "one score per reading");
            BandScale bands = new BandScale.FalseAlarm(TestModels.ANOMALY_FALSE_ALARM_RATE);
            for (TestClient.Message m : scores) {
                JsonNode s = json.readTree(m.payload());
                assertEquals(TestModels.AZURE_ANOMALY, s.at("/model").asText(), m.payload());
                assertEquals(1 - TestModels.ANOMALY_FALSE_ALARM_RATE, s.at("/threshold").asDouble(), TOLERANCE, m.payload());
                assertEquals(bands.band(s.at("/risk").asDouble()).label(), s.at("/band").asText(), m.payload());
            }
            JsonNode last = json.readTree(scores.get(scores.size() - 1).payload());
            JsonNode live = new Http(server.port()).get("/v1/assets/machine-60/score").json();
            assertEquals(live.at("/anomaly/score").asDouble(), last.at("/risk").asDouble(), TOLERANCE, live.toString());
            assertEquals(live.at("/risk/band").asText(), last.at("/band").asText());
        }
    }
}
