package org.prognos.inference;

import org.prognos.inference.server.App;
import org.prognos.inference.server.Server;
import org.prognos.models.runtime.RiskBand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.TestModels;

/** The scoring endpoints on a real server with the Azure model and the pump models. */
class ScoreEndpointTest {
    static final double TOLERANCE = 1e-9;
    static final TimeAxis AXIS = TimeAxis.Timestamps.utc();

    @TempDir
    static Path dir;
    static Server server;
    static Http http;

    @BeforeAll
    static void start() {
        TestModels.fullRegistry(dir.resolve("registry"));
        server = TestServers.start(dir.resolve("registry"));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A request for Azure machine {@code machine} scored at {@code asOf}, with 27 hours of readings. */
    static Map<String, Object> azureRequest(String machine, String asOf) {
        long t = AXIS.parse(asOf);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asset", "machine-" + machine);
        body.put("readings", TestModels.azureReadings(machine, t - 27 * 3_600_000_000L, t));
        body.put("events", TestModels.azureEvents(machine, t));
        body.put("attributes", TestModels.azureAttributes(machine));
        body.put("asOf", asOf);
        return body;
    }

    @Test
    void score_answers_failure_probabilities_health_band_and_explanation() {
        Http.Response r = http.post("/v1/models/azure-24h/score", azureRequest("55", "2015-11-10 06:00:00"));
        assertEquals(200, r.status(), r.body());
        JsonNode s = r.json();
        assertEquals("azure-24h", s.at("/model/name").asText());
        assertEquals(1, s.at("/model/version").asInt());
        assertEquals("machine-55", s.at("/asset").asText());
        assertEquals("2015-11-10 06:00:00", s.at("/scoredAt").asText());
        assertEquals(27, s.at("/readings").asInt());
        JsonNode f = s.at("/failure");
        assertEquals("24h", f.at("/horizon").asText());
        double any = f.at("/any").asDouble();
        double sum = 0;
        for (String c : TestModels.COMPONENTS) {
            sum += f.at("/byComponent/" + c).asDouble();
        }
        assertEquals(any, sum, 1e-6, "P(any) = sum of component probabilities = 1 - P(none)");
        assertEquals(100 * (1 - any), s.at("/healthIndex").asDouble(), TOLERANCE);
        assertEquals(any, s.at("/risk/score").asDouble(), TOLERANCE);
        assertEquals(TestModels.AZURE_THRESHOLD, s.at("/risk/threshold").asDouble(), TOLERANCE);
        assertEquals(org.prognos.models.runtime.RiskBand.of(any, TestModels.AZURE_THRESHOLD).label(), s.at("/risk/band").asText());
        assertFalse(s.has("remainingUsefulLife"));
        JsonNode e = s.at("/explanation");
        assertEquals("occlusion", e.at("/method").asText());
        assertEquals("bundle", e.at("/references").asText());
        assertEquals(5, e.at("/topFeatures").size());
        Set<String> groups = new HashSet<>();
        e.at("/groups").forEach(g -> groups.add(g.at("/group").asText()));
        assertEquals(Set.of("volt", "rotate", "pressure", "vibration", "events", "attributes"), groups);
        double prev = Double.MAX_VALUE;
        for (JsonNode tf : e.at("/topFeatures")) {
            double c = Math.abs(tf.at("/contribution").asDouble());
            assertTrue(c <= prev, "top features are sorted by |contribution|");
            prev = c;
        }
        assertTrue(s.at("/warnings").isEmpty(), s.at("/warnings").toString());
        assertTrue(r.headers().firstValue(App.REQUEST_ID).isPresent());
    }

    @Test
    void score_without_explanation_leaves_it_out() {
        JsonNode s = http.post("/v1/models/azure-24h/score?explain=false", azureRequest("55", "2015-11-10 06:00:00")).json();
        assertFalse(s.has("explanation"));
        assertTrue(s.at("/failure/any").isNumber());
    }

    @Test
    void score_batch_scores_every_asset_in_order_with_the_numbers_of_single_calls() {
        List<Map<String, Object>> assets = new ArrayList<>();
        for (String m : List.of("61", "62", "63")) {
            assets.add(azureRequest(m, "2015-11-20 09:00:00"));
        }
        Http.Response r = http.post("/v1/models/azure-24h/score-batch", Map.of("assets", assets));
        assertEquals(200, r.status(), r.body());
        JsonNode scores = r.json().at("/scores");
        assertEquals(3, scores.size());
        for (int i = 0; i < 3; i++) {
            assertEquals("machine-6" + (i + 1), scores.get(i).at("/asset").asText());
            JsonNode single = http.post("/v1/models/azure-24h/score", assets.get(i)).json();
            assertEquals(single.at("/failure/any").asDouble(), scores.get(i).at("/failure/any").asDouble(), TOLERANCE);
            assertEquals(single.at("/explanation"), scores.get(i).at("/explanation"));
        }
    }

    @Test
    void rul_model_answers_remaining_life_and_health_from_the_cap() {
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int c = 1; c <= 8; c++) {
            readings.add(Map.of("time", c, "values", Map.of("temp", 55 + c, "vib", 60 + c)));
        }
        Http.Response r = http.post("/v1/models/pump-rul/score", Map.of("readings", readings));
        assertEquals(200, r.status(), r.body());
        JsonNode s = r.json();
        double rul = s.at("/remainingUsefulLife/value").asDouble();
        assertEquals("cycle", s.at("/remainingUsefulLife/unit").asText());
        assertEquals(125, s.at("/remainingUsefulLife/referenceLife").asDouble());
        assertEquals(100 * Math.min(1, Math.max(0, rul / 125)), s.at("/healthIndex").asDouble(), 1e-6);
        assertEquals("8", s.at("/scoredAt").asText());
        assertFalse(s.has("failure"));
        assertEquals("default", s.at("/explanation/references").asText());
    }

    @Test
    void partial_windows_and_missing_attributes_are_warned_about() {
        Map<String, Object> body = azureRequest("55", "2015-11-10 06:00:00");
        long t = AXIS.parse("2015-11-10 06:00:00");
        body.put("readings", TestModels.azureReadings("55", t - 5 * 3_600_000_000L, t));
        body.remove("attributes");
        JsonNode s = http.post("/v1/models/azure-24h/score", body).json();
        String warnings = s.at("/warnings").toString();
        assertTrue(warnings.contains("partial windows"), warnings);
        assertTrue(warnings.contains("attribute 'model' was not given"), warnings);
    }
}
