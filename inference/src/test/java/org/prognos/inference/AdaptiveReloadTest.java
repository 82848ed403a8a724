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
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.models.TestModels;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ColumnScaling;
import org.prognos.models.registry.ModelRegistry;

/**
 * A reload of an anomaly model scored adaptively, through the HTTP edge, on Azure machine 57's real readings (the knn
 * fixture of {@link TestModels}): to a new version of the same model (same feature spec, adaptive settings, columns
 * and scaling) every asset's scorer is carried over, so the reloaded server answers exactly as a server that never
 * reloaded; to a version with other adaptive settings it restarts, warm-up included. The catalog's log says which, and
 * why. The same for a model that scales each asset by its own: a version with the same asset table carries m57's
 * scorer, made with m57's own scaling, over (answers equal a server that never reloaded); one whose table gives m57
 * another scaling restarts it.
 */
class AdaptiveReloadTest {
    static final String MODEL = "azure-anomaly-reloaded";
    static final int CHUNK = 7;
    static final int WARM_UP = AdaptiveAzureKnn.WARM_UP;
    static final AdaptiveScoring SETTINGS = AdaptiveAzureKnn.WARMED;

    @TempDir
    Path dir;

    private static int publish(ModelRegistry registry, AdaptiveScoring settings) {
        return AdaptiveAzureKnn.publish(registry, MODEL, settings);
    }

    /** Sends {@code chunk} of machine 57's readings as asset m57 and returns its adaptive answer after them. */
    private static JsonNode send(Http http, List<Map<String, Object>> chunk) {
        return AdaptiveAzureKnn.send(http, MODEL, chunk);
    }

    private static JsonNode reload(Http http, int version) throws IOException {
        Http.Response r = http.withKey(Http.ADMIN_KEY).post("/v1/models/" + MODEL + "/reload", "");
        assertEquals(200, r.status(), r.body());
        assertEquals(version, r.json().at("/version").asInt(), r.body());
        return r.json();
    }

    @Test
    void a_new_version_with_the_same_spec_and_settings_carries_the_scorers_and_other_settings_restart_them()
            throws IOException {
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        publish(registry, SETTINGS);
        List<Map<String, Object>> readings = AdaptiveAzureKnn.machine57(10);
        int half = readings.size() / 2 / CHUNK * CHUNK;
        try (LogLines log = LogLines.of(ModelCatalog.class, Level.INFO);
             AdaptiveAzureKnn.Twins twins = AdaptiveAzureKnn.Twins.start(dir.resolve("registry"))) {
            Http ref = twins.ref();
            Http rel = twins.rel();
            twins.sendAlike(MODEL, readings, half, CHUNK);
            assertEquals(2, publish(registry, SETTINGS));          // the same model again, as version 2
            reload(rel, 2);
            assertEquals(ref.get("/v1/assets/m57/score").json().at("/anomaly/adaptive"),
                    rel.get("/v1/assets/m57/score").json().at("/anomaly/adaptive"),
                    "right after the reload, before the next reading, the carried scorer answers");
            assertTrue(log.lines().stream().anyMatch(l -> l.contains(MODEL) && l.contains("adaptive scorers carry over")),
                    log.lines().toString());
            long before = 0;
            for (int i = half; i + CHUNK <= readings.size() - 2 * CHUNK; i += CHUNK) {
                JsonNode want = send(ref, readings.subList(i, i + CHUNK));
                JsonNode got = send(rel, readings.subList(i, i + CHUNK));
                assertEquals(want, got, "after the reload to version 2, reading " + (i + CHUNK));
                before = got.at("/rows").asLong();
            }
            assertTrue(before > WARM_UP + 100, "the carried scorer kept its rows: " + before);

            assertEquals(3, publish(registry, SETTINGS.withRest(AdaptiveScoring.RestRule.UNTIL_QUIET, 10)));
            log.clear();
            reload(rel, 3);
            assertTrue(log.lines().stream().anyMatch(l -> l.contains(MODEL) && l.contains("adaptive scorers restart")
                    && l.contains("adaptive settings changed")), log.lines().toString());
            int at = readings.size() - 2 * CHUNK;
            JsonNode restarted = send(rel, readings.subList(at, at + CHUNK));
            assertEquals(CHUNK, restarted.at("/rows").asLong(), "a fresh scorer: only the rows since the reload " + restarted);
            assertEquals(0.0, restarted.at("/score").asDouble(), 0.0, "warming up: " + restarted);
            assertEquals(before + CHUNK, send(ref, readings.subList(at, at + CHUNK)).at("/rows").asLong());
        }
    }

    @Test
    void a_model_scaling_each_asset_by_its_own_carries_the_scorers_only_while_the_asset_table_is_unchanged()
            throws IOException {
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        AnomalyModel fleet = TestModels.azureAnomaly().withScoring(new AnomalyScoring.Adaptive(SETTINGS));
        AnomalyModel own = fleet.withAssetScaling(Map.of("m57", shifted(fleet.scaling(), 0.5)));
        AdaptiveAzureKnn.publish(registry, MODEL, own);
        List<Map<String, Object>> readings = AdaptiveAzureKnn.machine57(10);
        int half = readings.size() / 2 / CHUNK * CHUNK;
        try (LogLines log = LogLines.of(ModelCatalog.class, Level.INFO);
             AdaptiveAzureKnn.Twins twins = AdaptiveAzureKnn.Twins.start(dir.resolve("registry"))) {
            Http ref = twins.ref();
            Http rel = twins.rel();
            twins.sendAlike(MODEL, readings, half, CHUNK);
            assertEquals(2, AdaptiveAzureKnn.publish(registry, MODEL, own));   // the same table again
            reload(rel, 2);
            assertTrue(log.lines().stream().anyMatch(l -> l.contains(MODEL) && l.contains("adaptive scorers carry over")),
                    log.lines().toString());
            int at = half;
            for (; at + CHUNK <= readings.size() - 2 * CHUNK; at += CHUNK) {
                assertEquals(send(ref, readings.subList(at, at + CHUNK)), send(rel, readings.subList(at, at + CHUNK)),
                        "the carried scorer keeps m57's own scaling, reading " + (at + CHUNK));
            }
            assertEquals(3, AdaptiveAzureKnn.publish(registry, MODEL,
                    fleet.withAssetScaling(Map.of("m57", shifted(fleet.scaling(), 1.0)))));
            log.clear();
            reload(rel, 3);
            assertTrue(log.lines().stream().anyMatch(l -> l.contains(MODEL) && l.contains("adaptive scorers restart")
                    && l.contains("column scaling changed")), log.lines().toString());
            assertEquals(CHUNK, send(rel, readings.subList(at, at + CHUNK)).at("/rows").asLong(), "a fresh scorer");
        }
    }

    /** {@code fleet}'s scaling with each centre moved by {@code by} scales (a synthetic asset level, for this test). */
    private static ColumnScaling shifted(ColumnScaling fleet, double by) {
        double[] center = fleet.center().clone();
        for (int c = 0; c < center.length; c++) {
            center[c] += by * fleet.scale()[c];
        }
        return new ColumnScaling(center, fleet.scale());
    }
}
