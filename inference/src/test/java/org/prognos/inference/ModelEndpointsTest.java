package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;
import org.prognos.models.registry.ModelRegistry;

/** Model metadata and the admin reload. */
class ModelEndpointsTest {
    @TempDir
    static Path dir;
    static Server server;
    static Http http;
    static ModelRegistry registry;

    @BeforeAll
    static void start() {
        registry = TestModels.fullRegistry(dir.resolve("registry"));
        server = TestServers.start(dir.resolve("registry"));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void models_lists_every_production_model() {
        JsonNode list = http.get("/v1/models").json().at("/models");
        assertEquals(3, list.size());
        assertEquals("azure-24h", list.get(0).at("/name").asText());
        assertEquals("azure-24h@production", list.get(0).at("/reference").asText());
        assertEquals("failure-within-horizon", list.get(0).at("/task").asText());
        assertEquals("[\"volt\",\"rotate\",\"pressure\",\"vibration\"]", list.get(0).at("/channels").toString());
        assertEquals("remaining-useful-life", list.get(2).at("/task").asText());
    }

    @Test
    void model_details_give_channels_task_metrics_and_provenance() {
        JsonNode m = http.get("/v1/models/azure-24h").json();
        assertEquals(1, m.at("/version").asInt());
        assertEquals("timestamps", m.at("/timeAxis").asText());
        assertEquals("failure-within-horizon", m.at("/task/type").asText());
        assertEquals("24h", m.at("/task/horizon").asText());
        assertEquals("[\"none\",\"comp1\",\"comp2\",\"comp3\",\"comp4\"]", m.at("/task/classes").toString());
        assertEquals(30, m.at("/featureColumns").size());
        assertEquals(30, m.at("/featureLabels").size());
        for (int i = 0; i < 30; i++) {
            if (m.at("/featureColumns/" + i).asText().equals("vibration_mean_24h")) {
                assertEquals("vibration, 24 h mean", m.at("/featureLabels/" + i).asText());
            }
        }
        assertTrue(m.at("/featureColumns").toString().contains("vibration_mean_24h"), m.toString());
        assertEquals(0.3, m.at("/decisionThreshold").asDouble());
        assertEquals(0.3, m.at("/metrics/decision/threshold").asDouble());
        assertEquals(42, m.at("/provenance/seed").asInt());
        assertEquals(64, m.at("/featureSpecHash").asText().length());
        assertEquals(125.0, http.get("/v1/models/pump-rul").json().at("/task/cap").asDouble());
        assertEquals(404, http.get("/v1/models/nope").status());
    }

    @Test
    void admin_reload_swaps_in_a_newly_promoted_version() {
        Http admin = http.withKey(Http.ADMIN_KEY);
        JsonNode same = admin.post("/v1/models/pump/reload", "").json();
        assertEquals("unchanged", same.at("/outcome").asText());
        var v2 = TestModels.publishPump(registry);
        JsonNode r = admin.post("/v1/models/pump/reload", "").json();
        assertEquals("reloaded", r.at("/outcome").asText(), r.toString());
        assertEquals(1, r.at("/previousVersion").asInt());
        assertEquals(v2.version(), r.at("/version").asInt());
        JsonNode score = http.post("/v1/models/pump/score", Map.of("readings", List.of(Map.of("time", 1, "values", Map.of("temp", 60, "vib", 61))))).json();
        assertEquals(2, score.at("/model/version").asInt());
        String metrics = http.get("/metrics").body();
        assertTrue(metrics.contains("prognos_model_reloads_total{model=\"pump\"} 1.0"), metrics);
        assertTrue(metrics.contains("prognos_model_version{model=\"pump\"} 2.0"), metrics);
    }
}
