package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.PrognosException;
import org.prognos.inference.server.Server;
import org.prognos.models.KeyFileException;
import org.prognos.models.TestModels;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.signing.BundleSigner;
import org.prognos.models.signing.KeyFiles;
import org.prognos.models.signing.SigningKey;

/**
 * A service with a trust list serves only bundles signed by its keys: an unsigned or tampered-but-rehashed bundle
 * is refused at start (the other models serve) and at reload (the last good version keeps serving), with the reason
 * in the log, in {@code /health/ready} and in {@code prognos_model_reload_failures_total}. The registry watcher's
 * pass is run by the test itself (polling off), so nothing races with the tampering.
 */
class SignedBundlesTest {
    static final Map<String, Object> BODY = Map.of("readings", List.of(Map.of("time", 1, "values", Map.of("temp", 60, "vib", 61))));

    @TempDir
    Path dir;

    ModelRegistry registry;
    BundleSigner signer;
    ServiceConfig trusting;

    @BeforeEach
    void setUp() {
        registry = new ModelRegistry(dir.resolve("registry"));
        SigningKey key = SigningKey.generate();
        signer = new BundleSigner(key);
        Path pub = KeyFiles.write(key, dir.resolve("keys"), "ops").publicKey();
        trusting = TestServers.config().withTrust(new ServiceConfig.Trust(List.of(pub.toString())));
    }

    BundleRef signed(BundleRef ref) {
        registry.sign(ref, signer);
        return ref;
    }

    static String metrics(Http http) {
        return http.get("/metrics").body();
    }

    @Test
    void unsigned_then_tampered_bundles_are_refused_at_reload_while_the_last_good_one_serves() {
        signed(TestModels.publishPump(registry));
        signed(TestModels.publishPumpRul(registry));
        try (Server server = TestServers.start(dir.resolve("registry"), trusting)) {
            Http http = new Http(server.port());
            assertEquals("ready", http.get("/health/ready").json().at("/status").asText());

            // an unsigned version 2 is promoted: refused, version 1 keeps serving, readiness and metrics say why
            BundleRef v2 = TestModels.publishPump(registry);
            server.catalog().poll();
            assertTrue(metrics(http).contains("prognos_model_reload_failures_total{model=\"pump\",reason=\"unsigned\"} 1.0"), metrics(http));
            JsonNode ready = http.get("/health/ready").json();
            assertEquals("degraded", ready.at("/status").asText());
            assertEquals("[\"pump:1\",\"pump-rul:1\"]", ready.at("/models").toString());
            assertEquals("pump", ready.at("/refused/0/model").asText());
            assertEquals("unsigned", ready.at("/refused/0/reason").asText());
            assertTrue(ready.at("/refused/0/detail").asText().startsWith("pump:2 is not signed"), ready.toString());
            Http.Response score = http.post("/v1/models/pump/score", BODY);
            assertEquals(200, score.status(), score.body());
            assertEquals(1, score.json().at("/model/version").asInt());

            // signing version 2 in place changes its directory: the next pass loads it
            registry.sign(v2, signer);
            server.catalog().poll();
            assertEquals(2, http.get("/v1/models/pump").json().at("/version").asInt());
            assertEquals("ready", http.get("/health/ready").json().at("/status").asText());

            // a signed version 3 whose payload is then swapped for another model's, its digest rewritten
            BundleRef v3 = signed(TestModels.publishPump(registry));
            Bundles.swapPayloadAndRehash(registry, v3, new BundleRef(TestModels.PUMP_RUL, 1));
            server.catalog().poll();
            assertTrue(metrics(http).contains("prognos_model_reload_failures_total{model=\"pump\",reason=\"bad-signature\"} 1.0"),
                    metrics(http));
            ready = http.get("/health/ready").json();
            assertEquals("bad-signature", ready.at("/refused/0/reason").asText());
            assertTrue(ready.at("/refused/0/detail").asText().contains("manifest.json changed after it was signed"), ready.toString());
            assertEquals(2, http.post("/v1/models/pump/score", BODY).json().at("/model/version").asInt());
            Http.Response reload = http.withKey(Http.ADMIN_KEY).post("/v1/models/pump/reload", "");
            assertEquals(409, reload.status());
            assertTrue(reload.json().at("/detail").asText().contains("(bad-signature)"), reload.body());
            assertTrue(reload.json().at("/detail").asText().endsWith("still serving pump:2"), reload.body());
        }
    }

    @Test
    void a_tampered_bundle_is_refused_at_start_and_the_signed_one_serves() {
        signed(TestModels.publishPump(registry));
        BundleRef rul = signed(TestModels.publishPumpRul(registry));
        Bundles.swapPayloadAndRehash(registry, rul, new BundleRef(TestModels.PUMP, 1));
        try (Server server = TestServers.start(dir.resolve("registry"), trusting)) {
            Http http = new Http(server.port());
            JsonNode ready = http.get("/health/ready").json();
            assertEquals("degraded", ready.at("/status").asText());
            assertEquals("[\"pump:1\"]", ready.at("/models").toString());
            assertEquals("pump-rul", ready.at("/failed/0/model").asText());
            assertEquals("bad-signature", ready.at("/failed/0/reason").asText());
            assertEquals(200, http.post("/v1/models/pump/score", BODY).status());
            Http.Response refused = http.post("/v1/models/pump-rul/score", BODY);
            assertEquals(503, refused.status());
            assertEquals("/docs#problem-model-unavailable", refused.json().at("/type").asText());
            assertTrue(refused.json().at("/detail").asText().startsWith("model 'pump-rul' is not served: its bundle"
                    + " (pump-rul@production) was refused (bad-signature): pump-rul:1: the signature by key"), refused.body());
            assertTrue(metrics(http).contains("prognos_model_serving{model=\"pump-rul\"} 0.0"), metrics(http));
        }
    }

    @Test
    void without_a_signed_bundle_the_service_does_not_start() {
        TestModels.publishPump(registry);
        PrognosException one = assertThrows(PrognosException.class,
                () -> TestServers.start(dir.resolve("registry"), trusting.withModels(List.of("pump@production"))));
        assertTrue(one.getMessage().startsWith("pump:1 is not signed"), one.getMessage());
        TestModels.publishPumpRul(registry);
        PrognosException both = assertThrows(PrognosException.class, () -> TestServers.start(dir.resolve("registry"), trusting));
        assertTrue(both.getMessage().startsWith("no model could be loaded: pump (unsigned): pump:1 is not signed"), both.getMessage());
        assertTrue(both.getMessage().contains("; pump-rul (unsigned): pump-rul:1 is not signed"), both.getMessage());
    }

    @Test
    void a_trust_key_that_cannot_be_read_stops_the_start_naming_the_file() {
        TestModels.publishPump(registry);
        Path missing = dir.resolve("keys/nobody.pub");
        KeyFileException e = assertThrows(KeyFileException.class, () -> TestServers.start(dir.resolve("registry"),
                TestServers.config().withTrust(new ServiceConfig.Trust(List.of(missing.toString())))));
        assertEquals("key file not found: " + missing.toAbsolutePath().normalize(), e.getMessage());
    }
}
