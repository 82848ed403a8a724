package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;

/** Streaming state: ingest, asset scores, the at-risk ranking, bounds and eviction. */
class StreamingTest {
    static final double TOLERANCE = 1e-9;

    @TempDir
    static Path dir;
    Server server;

    @BeforeAll
    static void registry() {
        TestModels.pumpRegistry(dir.resolve("registry"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    Http start(ServiceConfig config) {
        server = TestServers.start(dir.resolve("registry"), config);
        return new Http(server.port());
    }

    static List<Map<String, Object>> readings(int from, int to, double temp) {
        return PumpReadings.cycles(from, to, temp);
    }

    @Test
    void streamed_readings_score_like_the_same_window() {
        Http http = start(TestServers.config());
        List<Map<String, Object>> all = readings(1, 12, 55);
        JsonNode first = http.post("/v1/assets/pump-1/readings?model=pump", Map.of("readings", all.subList(0, 7))).json();
        assertEquals(7, first.at("/accepted").asInt());
        assertEquals("pump", first.at("/model/name").asText());
        assertTrue(first.at("/stateBytes").asLong() > 0);
        for (Map<String, Object> r : all.subList(7, 12)) {
            assertEquals(200, http.post("/v1/assets/pump-1/readings?model=pump", r).status(), "one reading at a time");
        }
        JsonNode live = http.get("/v1/assets/pump-1/score").json();
        JsonNode window = http.post("/v1/models/pump/score", Map.of("asset", "pump-1", "readings", all)).json();
        assertEquals(window.at("/risk/score").asDouble(), live.at("/risk/score").asDouble(), TOLERANCE);
        assertEquals(window.at("/explanation"), live.at("/explanation"));
        assertEquals(12, live.at("/readings").asInt());
        assertEquals("12", live.at("/scoredAt").asText());
    }

    @Test
    void at_risk_ranks_assets_by_risk_and_follows_new_readings() {
        Http http = start(TestServers.config());
        http.post("/v1/assets/cool/readings?model=pump", Map.of("readings", readings(1, 6, 50)));
        http.post("/v1/assets/hot/readings?model=pump", Map.of("readings", readings(1, 6, 75)));
        http.post("/v1/assets/warm/readings?model=pump", Map.of("readings", readings(1, 6, 61)));
        JsonNode ranking = http.get("/v1/fleet/at-risk?limit=2").json();
        assertEquals(3, ranking.at("/tracked").asInt());
        assertEquals(2, ranking.at("/assets").size());
        assertEquals("hot", ranking.at("/assets/0/asset").asText());
        double top = ranking.at("/assets/0/risk").asDouble();
        assertTrue(top >= ranking.at("/assets/1/risk").asDouble());
        assertEquals(http.get("/v1/assets/hot/score").json().at("/risk/score").asDouble(), top, TOLERANCE);
        // cool heats up: five hot readings push its window mean past the others'
        http.post("/v1/assets/cool/readings", Map.of("readings", readings(7, 11, 80)));
        JsonNode after = http.get("/v1/fleet/at-risk?limit=3&model=pump").json();
        assertEquals(http.get("/v1/assets/cool/score").json().at("/risk/score").asDouble(),
                riskOf(after, "cool"), TOLERANCE, "the ranking rescored the asset that changed");
    }

    static double riskOf(JsonNode ranking, String asset) {
        for (JsonNode a : ranking.at("/assets")) {
            if (a.at("/asset").asText().equals(asset)) {
                return a.at("/risk").asDouble();
            }
        }
        return Double.NaN;
    }

    @Test
    void readings_older_than_the_state_are_400_and_unknown_assets_404() {
        Http http = start(TestServers.config());
        http.post("/v1/assets/p/readings?model=pump", Map.of("readings", readings(1, 5, 55)));
        Http.Response r = http.post("/v1/assets/p/readings?model=pump", Map.of("readings", readings(5, 6, 55)));
        assertEquals(400, r.status());
        assertEquals("readings[0].time: 5 is not after the asset's last reading 5; readings of one asset must arrive in increasing time",
                r.json().at("/detail").asText());
        Http.Response unknown = http.get("/v1/assets/never-seen/score");
        assertEquals(404, unknown.status());
        assertTrue(unknown.json().at("/detail").asText().startsWith("no streaming state for asset 'never-seen'"));
        Http.Response noModel = http.post("/v1/assets/q/readings", Map.of("readings", readings(1, 2, 55)));
        assertEquals(400, noModel.status());
        assertTrue(noModel.json().at("/detail").asText().startsWith("several models are served [pump, pump-rul]"));
        Http.Response other = http.post("/v1/assets/p/readings?model=pump-rul", Map.of("readings", readings(6, 7, 55)));
        assertEquals(409, other.status());
        assertTrue(other.json().at("/detail").asText().startsWith("asset 'p' follows model 'pump'"));
        Http.Response nothing = http.post("/v1/assets/p/readings?model=pump", Map.of());
        assertEquals(400, nothing.status());
    }

    @Test
    void least_recently_used_assets_are_evicted_past_the_bound_and_counted() {
        Http http = start(TestServers.config().withState(new StateConfig(2, 3600, 3600)));
        http.post("/v1/assets/a/readings?model=pump", Map.of("readings", readings(1, 3, 55)));
        http.post("/v1/assets/b/readings?model=pump", Map.of("readings", readings(1, 3, 55)));
        http.get("/v1/assets/a/score");
        http.post("/v1/assets/c/readings?model=pump", Map.of("readings", readings(1, 3, 55)));
        assertEquals(404, http.get("/v1/assets/b/score").status(), "b was the least recently used");
        assertEquals(200, http.get("/v1/assets/a/score").status());
        assertEquals(2, server.services().streaming().tracked());
        String metrics = http.get("/metrics").body();
        assertTrue(metrics.contains("prognos_asset_states_evicted_total{reason=\"capacity\"} 1.0"), metrics);
        assertTrue(metrics.contains("prognos_asset_states 2.0"), metrics);
    }

    @Test
    void idle_assets_are_evicted_by_the_sweep() throws InterruptedException {
        Http http = start(TestServers.config().withState(new StateConfig(10, 0.05, 3600)));
        http.post("/v1/assets/a/readings?model=pump", Map.of("readings", readings(1, 3, 55)));
        Thread.sleep(100);
        assertEquals(1, server.services().streaming().sweep());
        assertEquals(404, http.get("/v1/assets/a/score").status());
        assertTrue(http.get("/metrics").body().contains("prognos_asset_states_evicted_total{reason=\"idle\"} 1.0"));
    }

    @Test
    void the_model_header_selects_the_spec_and_one_served_model_needs_none() {
        Http http = start(TestServers.config());
        var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/v1/assets/h/readings")).header("X-Prognos-Model", "pump-rul").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"time\": 1, \"values\": {\"temp\": 60, \"vib\": 60}}")));
        assertEquals(200, r.status(), r.body());
        assertEquals("pump-rul", r.json().at("/model/name").asText());
        JsonNode s = http.get("/v1/assets/h/score").json();
        assertTrue(s.at("/remainingUsefulLife/value").isNumber());
        assertTrue(s.at("/warnings").toString().contains("partial windows"));
    }
}
