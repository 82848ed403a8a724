package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.tribuo.TribuoPayloads;

/**
 * The fault test: while threads hammer the score endpoint, the production bundle is replaced by a corrupted one
 * (a new version with a tampered payload, then the served version's own file altered in place). Every refusal is
 * logged and counted in /metrics, the previous model keeps serving, and not one request fails; a good new version
 * is then swapped in under the same load.
 */
class HotReloadFaultTest {
    static final int THREADS = 4;

    @TempDir
    Path dir;

    @Test
    void corrupt_bundles_are_refused_while_requests_flow_and_none_fails() throws Exception {
        ModelRegistry registry = TestModels.pumpRegistry(dir.resolve("registry"));
        ServiceConfig config = TestServers.config().withReload(new ServiceConfig.Reload(0.05));
        try (Server server = TestServers.start(dir.resolve("registry"), config)) {
            Http http = new Http(server.port());
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong ok = new AtomicLong();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            Set<Integer> versions = ConcurrentHashMap.newKeySet();
            Map<String, Object> body = Map.of("readings", List.of(Map.of("time", 1, "values", Map.of("temp", 60, "vib", 61)),
                    Map.of("time", 2, "values", Map.of("temp", 63, "vib", 60))));
            Thread[] hammers = new Thread[THREADS];
            for (int i = 0; i < THREADS; i++) {
                hammers[i] = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            Http.Response r = http.post("/v1/models/pump/score", body);
                            if (r.status() == 200) {
                                ok.incrementAndGet();
                                versions.add(r.json().at("/model/version").asInt());
                            } else {
                                failures.add(r.status() + " " + r.body());
                            }
                        } catch (RuntimeException e) {
                            failures.add(e.toString());
                        }
                    }
                });
                hammers[i].start();
            }
            try {
                awaitRequests(ok, 50);
                // 1. a new version whose payload was tampered with after publishing is promoted
                // published, altered, then promoted: the watcher (every 50 ms) must never find version 2 in production unaltered
                BundleRef v2 = TestModels.publishPumpUnpromoted(registry);
                Files.write(registry.directory(v2).resolve(TribuoPayloads.FILE), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
                registry.promote("pump", v2.version(), "production");
                awaitTrue(() -> metrics(http).contains("prognos_model_reload_failures_total{model=\"pump\",reason=\"integrity\"} 1.0"));
                Http.Response refused = http.withKey(Http.ADMIN_KEY).post("/v1/models/pump/reload", "");
                assertEquals(409, refused.status());
                assertTrue(refused.json().at("/detail").asText().contains("checksum mismatch for 'model.tribuo'"), refused.body());
                assertTrue(refused.json().at("/detail").asText().endsWith("still serving pump:1"), refused.body());
                assertEquals(1, http.get("/v1/models/pump").json().at("/version").asInt());

                // 2. production back on version 1, whose payload is then truncated in place on disk
                registry.promote("pump", 1, "production");
                Path v1Payload = registry.directory(new BundleRef("pump", 1)).resolve(TribuoPayloads.FILE);
                byte[] original = Files.readAllBytes(v1Payload);
                Files.write(v1Payload, Arrays.copyOf(original, original.length / 2));
                awaitTrue(() -> metrics(http).contains("prognos_model_reload_failures_total{model=\"pump\",reason=\"integrity\"} 3.0"));
                long before = ok.get();
                awaitRequests(ok, before + 50);
                assertEquals(1, http.get("/v1/models/pump").json().at("/version").asInt(), "the in-memory version 1 keeps serving");

                // 3. a good version is promoted and swapped in under load
                BundleRef v3 = TestModels.publishPump(registry);
                registry.promote("pump", v3.version(), "production");
                awaitTrue(() -> http.get("/v1/models/pump").json().at("/version").asInt() == v3.version());
                awaitRequests(ok, ok.get() + 50);
            } finally {
                stop.set(true);
                for (Thread t : hammers) {
                    t.join();
                }
            }
            assertTrue(failures.isEmpty(), failures.size() + " failed requests, first: " + failures.peek());
            assertTrue(versions.contains(1) && versions.contains(3), "served versions: " + versions);
            assertFalse(versions.contains(2), "the corrupt version never served");
            String metrics = metrics(http);
            assertTrue(metrics.contains("prognos_model_reloads_total{model=\"pump\"} 1.0"), metrics);
            assertTrue(metrics.contains("prognos_http_requests_total{method=\"POST\",route=\"/v1/models/{model}/score\",status=\"200\"}"), metrics);
            assertFalse(metrics.contains("status=\"500\""), metrics);
        }
    }

    @Test
    void a_model_promoted_after_start_is_served_and_a_corrupt_one_is_refused() throws Exception {
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        TestModels.publishPump(registry);
        // polling off: the test runs the registry watcher's pass itself, so nothing races with the tampering
        ServiceConfig config = TestServers.config().withReload(new ServiceConfig.Reload(0));
        try (Server server = TestServers.start(dir.resolve("registry"), config)) {
            Http http = new Http(server.port());
            // a new model whose payload is damaged after publishing: refused, counted, not served
            BundleRef rul = TestModels.publishPumpRul(registry);
            Files.write(registry.directory(rul).resolve(TribuoPayloads.FILE), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
            server.catalog().poll();
            assertTrue(metrics(http).contains("prognos_model_reload_failures_total{model=\"pump-rul\",reason=\"integrity\"} 1.0"),
                    metrics(http));
            assertEquals(503, http.get("/v1/models/pump-rul").status(), "refused, and reported as not served");
            server.catalog().poll();   // the same refused directory is not tried again
            assertTrue(metrics(http).contains("prognos_model_reload_failures_total{model=\"pump-rul\",reason=\"integrity\"} 1.0"));
            // a good new model is served after the next pass, beside the one already served
            TestModels.publishAzure(registry);
            server.catalog().poll();
            Http.Response score = http.post("/v1/models/" + TestModels.AZURE + "/score",
                    ScoreEndpointTest.azureRequest("55", "2015-12-01 06:00:00"));
            assertEquals(200, score.status(), score.body());
            assertEquals(Set.of("pump", TestModels.AZURE), Set.copyOf(http.get("/v1/models").json().findValuesAsText("name")));
        }
    }

    static String metrics(Http http) {
        return http.get("/metrics").body();
    }

    static void awaitRequests(AtomicLong ok, long n) throws InterruptedException {
        awaitTrue(() -> ok.get() >= n);
    }

    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(20);
        }
    }

}
