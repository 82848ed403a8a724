package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.PrognosException;
import org.prognos.inference.server.Server;
import org.prognos.models.BundleIntegrityException;
import org.prognos.models.TestModels;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;

/**
 * One bundle that fails to load does not keep the others from serving: the service starts degraded, says which
 * model and why in {@code /health/ready}, answers its requests with a 503 problem naming the reason, and serves it
 * once a good bundle is published. It still refuses to start when nothing loads or the config is invalid.
 */
class PartialStartTest {
    static final Map<String, Object> BODY = Map.of("readings", List.of(Map.of("time", 1, "values", Map.of("temp", 60, "vib", 61))));
    static final List<String> BOTH = List.of("pump@production", "pump-rul@production");

    @TempDir
    Path dir;

    static String metrics(Http http) {
        return http.get("/metrics").body();
    }

    @Test
    void a_corrupt_bundle_leaves_the_service_degraded_until_a_good_one_is_published() {
        ModelRegistry registry = TestModels.pumpRegistry(dir.resolve("registry"));
        Bundles.truncatePayload(registry, new BundleRef(TestModels.PUMP_RUL, 1));
        try (Server server = TestServers.start(dir.resolve("registry"), TestServers.config().withModels(BOTH))) {
            Http http = new Http(server.port());
            Http.Response ready = http.get("/health/ready");
            assertEquals(200, ready.status());
            JsonNode h = ready.json();
            assertEquals("degraded", h.at("/status").asText());
            assertEquals("[\"pump:1\"]", h.at("/models").toString());
            assertEquals(1, h.at("/failed").size());
            assertEquals("pump-rul", h.at("/failed/0/model").asText());
            assertEquals("pump-rul@production", h.at("/failed/0/reference").asText());
            assertEquals("integrity", h.at("/failed/0/reason").asText());
            assertTrue(h.at("/failed/0/detail").asText().contains("checksum mismatch for 'model.tribuo'"), h.toString());
            assertEquals(0, h.at("/refused").size());

            assertEquals(200, http.post("/v1/models/pump/score", BODY).status());
            Http.Response refused = http.post("/v1/models/pump-rul/score", BODY);
            assertEquals(503, refused.status());
            assertEquals("/docs#problem-model-unavailable", refused.json().at("/type").asText());
            assertTrue(refused.json().at("/detail").asText().contains("was refused (integrity)"), refused.body());
            assertEquals(503, http.get("/v1/models/pump-rul").status());
            assertEquals(List.of("pump"), http.get("/v1/models").json().findValuesAsText("name"));
            String m = metrics(http);
            assertTrue(m.contains("prognos_model_reload_failures_total{model=\"pump-rul\",reason=\"integrity\"} 1.0"), m);
            assertTrue(m.contains("prognos_model_serving{model=\"pump-rul\"} 0.0"), m);
            assertTrue(m.contains("prognos_model_serving{model=\"pump\"} 1.0"), m);

            // nothing changed: the watcher does not try again; the admin reload does, and is refused
            server.catalog().poll();
            assertTrue(metrics(http).contains("prognos_model_reload_failures_total{model=\"pump-rul\",reason=\"integrity\"} 1.0"));
            Http.Response reload = http.withKey(Http.ADMIN_KEY).post("/v1/models/pump-rul/reload", "");
            assertEquals(409, reload.status());
            assertTrue(reload.json().at("/detail").asText().startsWith("model 'pump-rul' is still not served"), reload.body());

            // a good bundle is published and promoted: the next pass serves it
            BundleRef fixed = TestModels.publishPumpRul(registry);
            server.catalog().poll();
            Http.Response score = http.post("/v1/models/pump-rul/score", BODY);
            assertEquals(200, score.status(), score.body());
            assertEquals(fixed.version(), score.json().at("/model/version").asInt());
            h = http.get("/health/ready").json();
            assertEquals("ready", h.at("/status").asText());
            assertEquals("[\"pump:1\",\"pump-rul:2\"]", h.at("/models").toString(), "config order");
            assertEquals(0, h.at("/failed").size());
            assertTrue(metrics(http).contains("prognos_model_serving{model=\"pump-rul\"} 1.0"));
        }
    }

    @Test
    void a_reference_that_names_no_version_yet_is_served_once_it_does() {
        ModelRegistry registry = TestModels.pumpRegistry(dir.resolve("registry"));
        List<String> refs = List.of("pump@production", "pump-rul@candidate");
        try (Server server = TestServers.start(dir.resolve("registry"), TestServers.config().withModels(refs))) {
            Http http = new Http(server.port());
            assertEquals("missing", http.get("/health/ready").json().at("/failed/0/reason").asText());
            registry.promote(TestModels.PUMP_RUL, 1, "candidate");
            Http.Response reload = http.withKey(Http.ADMIN_KEY).post("/v1/models/pump-rul/reload", "");
            assertEquals(200, reload.status(), reload.body());
            assertEquals("reloaded", reload.json().at("/outcome").asText());
            assertEquals(0, reload.json().at("/previousVersion").asInt());
            assertEquals(200, http.post("/v1/models/pump-rul/score", BODY).status());
        }
    }

    @Test
    void the_service_does_not_start_when_no_model_loads_or_the_config_names_a_model_twice() {
        ModelRegistry registry = TestModels.pumpRegistry(dir.resolve("registry"));
        Bundles.truncatePayload(registry, new BundleRef(TestModels.PUMP_RUL, 1));
        BundleIntegrityException none = assertThrows(BundleIntegrityException.class, () -> TestServers.start(dir.resolve("registry"),
                TestServers.config().withModels(List.of("pump-rul@production"))));
        assertTrue(none.getMessage().contains("checksum mismatch for 'model.tribuo'"), none.getMessage());
        PrognosException twice = assertThrows(PrognosException.class, () -> TestServers.start(dir.resolve("registry"),
                TestServers.config().withModels(List.of("pump@production", "pump:1"))));
        assertEquals("the service config names model 'pump' twice; serve one version per name", twice.getMessage());
    }
}
