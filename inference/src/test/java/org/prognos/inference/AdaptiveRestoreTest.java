package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ColumnScaling;
import org.prognos.models.registry.ModelRegistry;

/**
 * A restart of a durable service whose adaptive scorers were snapshotted under version 1 of an anomaly model, while
 * the registry now serves version 2 (a reload happened after the last snapshot, or a new version was published while
 * the service was down): on Azure machine 57's real readings (the knn fixture of {@link TestModels}). A version 2 that
 * means the same to the scorers (same feature spec, adaptive settings, columns and scaling: the reload's rule) restores
 * them, and the restarted service answers as a service that never stopped, to {@value #TOLERANCE}; a version 2 with
 * other settings starts them afresh (warm-up included), and the restore logs why.
 */
class AdaptiveRestoreTest {
    static final String MODEL = "azure-anomaly-restored";
    static final int CHUNK = 7;
    static final int WARM_UP = AdaptiveAzureKnn.WARM_UP;
    static final double TOLERANCE = 1e-9;
    static final String RESTORER = "org.prognos.inference.state.Restorer";
    static final AdaptiveScoring SETTINGS = AdaptiveAzureKnn.WARMED;

    @TempDir
    Path dir;

    private static int publish(ModelRegistry registry, AdaptiveScoring settings) {
        return AdaptiveAzureKnn.publish(registry, MODEL, settings);
    }

    private ServiceConfig durable() {
        return TestServers.config().withState(new StateConfig(10_000, 48 * 3600, 60,
                dir.resolve("state").toString(), 1_000, 3600));
    }

    private static List<Map<String, Object>> readings() {
        return AdaptiveAzureKnn.machine57(10);
    }

    /** Sends {@code chunk} of machine 57's readings as asset m57 and returns its adaptive answer after them. */
    private static JsonNode send(Http http, List<Map<String, Object>> chunk) {
        return AdaptiveAzureKnn.send(http, MODEL, chunk);
    }

    private static void assertSameAnswer(JsonNode want, JsonNode got, String where) {
        assertEquals(want.at("/rows").asLong(), got.at("/rows").asLong(), where + ": " + got);
        assertEquals(want.at("/alarm").asBoolean(), got.at("/alarm").asBoolean(), where + ": " + got);
        for (String field : List.of("/score", "/likelihood", "/rawScore")) {
            assertEquals(want.at(field).asDouble(), got.at(field).asDouble(), TOLERANCE, where + field + ": " + got);
        }
    }

    @Test
    void a_snapshot_under_version_1_restores_under_a_version_2_that_means_the_same_and_scores_go_on_uninterrupted()
            throws IOException {
        restoresAndGoesOn(registry -> publish(registry, SETTINGS));
    }

    /**
     * The same for a model that scales each asset by its own (m57 at a synthetic level of its own: the fleet's centres
     * moved by half a scale): the scorer restored under version 2 (the same asset table) is made with m57's own scaling.
     */
    @Test
    void a_scorer_of_a_model_scaling_each_asset_by_its_own_restores_with_the_assets_own_scaling() throws IOException {
        AnomalyModel fleet = TestModels.azureAnomaly().withScoring(new AnomalyScoring.Adaptive(SETTINGS));
        double[] center = fleet.scaling().center().clone();
        for (int c = 0; c < center.length; c++) {
            center[c] += 0.5 * fleet.scaling().scale()[c];
        }
        AnomalyModel own = fleet.withAssetScaling(Map.of("m57", new ColumnScaling(center, fleet.scaling().scale())));
        restoresAndGoesOn(registry -> AdaptiveAzureKnn.publish(registry, MODEL, own));
    }

    /** Streams half of m57's readings, restarts onto a version 2 that {@code publish} publishes, then the rest. */
    private void restoresAndGoesOn(java.util.function.ToIntFunction<ModelRegistry> publish) throws IOException {
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        assertEquals(1, publish.applyAsInt(registry));
        List<Map<String, Object>> readings = readings();
        int half = readings.size() / 2 / CHUNK * CHUNK;
        try (Server reference = TestServers.start(dir.resolve("registry"))) {
            Http ref = new Http(reference.port());
            try (Server first = TestServers.start(dir.resolve("registry"), durable())) {
                Http http = new Http(first.port());
                for (int i = 0; i < half; i += CHUNK) {
                    assertSameAnswer(send(ref, readings.subList(i, i + CHUNK)), send(http, readings.subList(i, i + CHUNK)),
                            "before the restart, reading " + (i + CHUNK));
                }
            }                                                        // a graceful stop: snapshotted under version 1
            assertEquals(2, publish.applyAsInt(registry));           // the same model again, as version 2
            try (LogLines log = LogLines.of(RESTORER, Level.INFO);
                 Server second = TestServers.start(dir.resolve("registry"), durable())) {
                assertEquals(1, second.recovery().assets());
                assertTrue(log.lines().stream().anyMatch(l -> l.contains(MODEL + ":2")
                        && l.contains("taken under version 1 carry over to version 2")), log.lines().toString());
                Http http = new Http(second.port());
                assertSameAnswer(ref.get("/v1/assets/m57/score").json().at("/anomaly/adaptive"),
                        http.get("/v1/assets/m57/score").json().at("/anomaly/adaptive"), "right after the restart");
                long rows = 0;
                for (int i = half; i + CHUNK <= readings.size(); i += CHUNK) {
                    JsonNode got = send(http, readings.subList(i, i + CHUNK));
                    assertSameAnswer(send(ref, readings.subList(i, i + CHUNK)), got, "after the restart, reading " + (i + CHUNK));
                    rows = got.at("/rows").asLong();
                }
                assertTrue(rows > WARM_UP + 100, "the restored scorer kept its rows: " + rows);
            }
        }
    }

    @Test
    void a_snapshot_under_version_1_restarts_its_scorer_under_a_version_2_with_other_settings_and_logs_why()
            throws IOException {
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        publish(registry, SETTINGS);
        List<Map<String, Object>> readings = readings();
        int half = readings.size() / 2 / CHUNK * CHUNK;
        try (Server first = TestServers.start(dir.resolve("registry"), durable())) {
            Http http = new Http(first.port());
            for (int i = 0; i < half; i += CHUNK) {
                send(http, readings.subList(i, i + CHUNK));
            }
        }
        assertEquals(2, publish(registry, SETTINGS.withRest(AdaptiveScoring.RestRule.UNTIL_QUIET, 10)));
        try (LogLines log = LogLines.of(RESTORER, Level.INFO);
             Server second = TestServers.start(dir.resolve("registry"), durable())) {
            assertEquals(1, second.recovery().assets(), "the feature state is restored all the same");
            assertTrue(log.lines().stream().anyMatch(l -> l.contains(MODEL + ":2")
                    && l.contains("taken under version 1 restart (warming up)") && l.contains("adaptive settings changed")),
                    log.lines().toString());
            JsonNode restarted = send(new Http(second.port()), readings.subList(half, half + CHUNK));
            assertEquals(CHUNK, restarted.at("/rows").asLong(), "a fresh scorer: only the rows since the restart " + restarted);
            assertEquals(0.0, restarted.at("/score").asDouble(), 0.0, "warming up: " + restarted);
        }
    }
}
