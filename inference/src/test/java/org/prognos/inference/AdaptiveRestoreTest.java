package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.LibraryVersions;
import org.prognos.models.bundle.Provenance;
import org.prognos.models.bundle.Task;
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
    static final TimeAxis AXIS = TimeAxis.Timestamps.utc();
    static final long HOUR = 3_600_000_000L;
    static final int CHUNK = 7;
    static final int WARM_UP = 30;
    static final double TOLERANCE = 1e-9;
    static final String RESTORER = "org.prognos.inference.state.Restorer";
    static final AdaptiveScoring SETTINGS = new AdaptiveScoring(0, 3, 0, 5, 100, 20, 0.999, 10, AdaptiveScoring.NO_RANGE_CHECK)
            .withRangeCheck(0.05).withWarmUp(WARM_UP);

    @TempDir
    Path dir;

    private static int publish(ModelRegistry registry, AdaptiveScoring settings) {
        AnomalyModel model = TestModels.azureAnomaly().withScoring(new AnomalyScoring.Adaptive(settings));
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        metrics.putObject("decision").put("threshold", 1 - TestModels.ANOMALY_FALSE_ALARM_RATE);
        var ref = registry.publish(BundleContents.of(MODEL, new Task.Anomaly("knn", TestModels.ANOMALY_FALSE_ALARM_RATE),
                TestModels.azureAnomalySpec(), new Provenance("sha256:" + "ef".repeat(32), "machines 1-20 (test fixture)", 42L,
                        Map.of(), LibraryVersions.current()), metrics, model.payload()));
        registry.promote(ref.name(), ref.version(), "production");
        return ref.version();
    }

    private ServiceConfig durable() {
        return TestServers.config().withState(new StateConfig(10_000, 48 * 3600, 60,
                dir.resolve("state").toString(), 1_000, 3600));
    }

    private static List<Map<String, Object>> readings() {
        long from = AXIS.parse("2015-10-10 06:00:00");
        return TestModels.azureReadings("57", from, from + 10 * 24 * HOUR);
    }

    /** Sends {@code chunk} of machine 57's readings as asset m57 and returns its adaptive answer after them. */
    private static JsonNode send(Http http, List<Map<String, Object>> chunk) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("readings", chunk);
        body.put("attributes", TestModels.azureAttributes("57"));
        Http.Response r = http.post("/v1/assets/m57/readings?model=" + MODEL, body);
        assertEquals(200, r.status(), r.body());
        return http.get("/v1/assets/m57/score").json().at("/anomaly/adaptive");
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
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        assertEquals(1, publish(registry, SETTINGS));
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
            assertEquals(2, publish(registry, SETTINGS));            // the same model again, as version 2
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
