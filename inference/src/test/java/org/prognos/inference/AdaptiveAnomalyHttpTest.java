package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.HealthIndex;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.AdaptiveAnswers;

/**
 * An anomaly bundle scored adaptively (the Azure knn fixture of {@link TestModels} with a short likelihood history)
 * through the HTTP edge: a streamed asset's {@code /score} carries {@code anomaly.adaptive} as openapi.json's
 * {@code AdaptiveAnomalyScore} documents it, and its risk, band, threshold and health index are the adaptive score's;
 * a window scored alone gets the fitted model's answer with a warning. The equality of the adaptive scores with the
 * batch path is {@code cli/…/AdaptiveServiceParityTest}'s.
 */
class AdaptiveAnomalyHttpTest {
    static final double TOLERANCE = 1e-12;
    static final String MODEL = "azure-anomaly-adaptive";
    static final AdaptiveScoring SETTINGS = AdaptiveAzureKnn.SETTINGS;

    @TempDir
    static Path dir;
    static Server server;
    static Http http;

    @BeforeAll
    static void start() {
        AdaptiveAzureKnn.publish(new ModelRegistry(dir.resolve("registry")), MODEL, SETTINGS);
        server = TestServers.start(dir.resolve("registry"));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_streamed_assets_answer_is_its_adaptive_score() throws IOException {
        List<Map<String, Object>> readings = AdaptiveAzureKnn.machine57(6);
        int sent = 0;
        int scored = 0;
        long rows = 0;
        for (int i = 0; i < readings.size(); i += 7) {
            List<Map<String, Object>> chunk = readings.subList(i, Math.min(readings.size(), i + 7));
            AdaptiveAzureKnn.ingest(http, MODEL, chunk);
            sent += chunk.size();
            JsonNode s = http.get("/v1/assets/m57/score").json();
            JsonNode a = s.at("/anomaly/adaptive");
            assertFalse(a.isMissingNode(), s.toString());
            double score = a.at("/score").asDouble();
            // the spec emits no row until its windows are full (the first day), then one per reading
            assertTrue(a.at("/rows").asLong() <= sent, a.toString());
            if (rows > 0) {
                assertEquals(rows + chunk.size(), a.at("/rows").asLong(), "one row per reading once emitting: " + a);
            }
            rows = a.at("/rows").asLong();
            assertEquals(score, s.at("/risk/score").asDouble(), TOLERANCE);
            assertEquals(SETTINGS.alarmLevel(), s.at("/risk/threshold").asDouble(), TOLERANCE);
            assertEquals(AdaptiveAnswers.bands(SETTINGS).band(score).label(), s.at("/risk/band").asText());
            assertEquals(HealthIndex.of(score, 1 - SETTINGS.alarmLevel()), s.at("/healthIndex").asDouble(), 1e-9);
            assertEquals(score >= SETTINGS.alarmLevel(), a.at("/alarm").asBoolean());
            assertFalse(s.at("/anomaly/sensors").isEmpty(), "the fitted model's contributions stay: " + s);
            conformsToOpenApi(a);
            if (score > 0) {
                scored++;
            }
        }
        assertTrue(rows > 100, "rows scored adaptively: " + rows);
        assertTrue(scored > 5, "past the warm-up the likelihood is above 0: " + scored + " answers");
    }

    @Test
    void a_window_scored_alone_answers_the_fitted_model_and_says_so() throws IOException {
        Http.Response r = http.post("/v1/models/" + MODEL + "/score", ScoreEndpointTest.azureRequest("66", "2015-11-10 09:00:00"));
        assertEquals(200, r.status(), r.body());
        JsonNode s = r.json();
        assertTrue(s.at("/anomaly/adaptive").isMissingNode(), s.toString());
        assertEquals(s.at("/anomaly/score").asDouble(), s.at("/risk/score").asDouble(), TOLERANCE);
        assertTrue(s.at("/warnings").toString().contains("scored adaptively"), s.toString());
    }

    /** Every field of the adaptive part is a documented property, and every required property is there. */
    private static void conformsToOpenApi(JsonNode adaptive) throws IOException {
        JsonNode doc;
        try (InputStream in = AdaptiveAnomalyHttpTest.class.getResourceAsStream("/org/prognos/inference/openapi.json")) {
            doc = new ObjectMapper().readTree(in);
        }
        JsonNode schema = doc.at("/components/schemas/AdaptiveAnomalyScore");
        adaptive.fieldNames().forEachRemaining(f -> assertFalse(schema.at("/properties/" + f).isMissingNode(), "undocumented " + f));
        schema.at("/required").forEach(f -> assertFalse(adaptive.path(f.asText()).isMissingNode(), "missing required " + f));
        assertFalse(doc.at("/components/schemas/AnomalyOutlook/properties/adaptive").isMissingNode());
    }
}
