package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.security.ApiKeys;
import org.prognos.inference.security.Caller;
import org.prognos.inference.security.Role;
import org.prognos.inference.server.Server;
import org.prognos.inference.tenant.Tenant;
import org.prognos.models.TestModels;
import org.prognos.models.predict.Predictors;

/**
 * Per-key quotas on a real server: requests and readings a second and requests in flight, each past its limit a 429
 * problem with {@code Retry-After} in whole seconds, counted per key label; other keys and open routes unaffected.
 * Rates are set so low (one request per 100 s) that a slow machine cannot refill a bucket between two requests.
 */
class QuotaEndpointsTest {
    static final String DASHBOARD = "dashboard-key-0123456789abcdef";
    static final String BATCH = "batch-job-key-0123456789abcdef";

    @TempDir
    static Path registry;

    @BeforeAll
    static void models() {
        TestModels.pumpRegistry(registry);
    }

    static Server serve(QuotasConfig quotas) {
        return serve(quotas, Predictors.standard());
    }

    static Server serve(QuotasConfig quotas, Predictors predictors) {
        ApiKeys keys = ApiKeys.ofCallers(Map.of(DASHBOARD, new Caller("dashboard", Role.SCORE, Tenant.DEFAULT),
                BATCH, new Caller("batch-job", Role.SCORE, Tenant.DEFAULT)));
        return Server.start(registry, TestServers.config().withQuotas(quotas), keys, predictors);
    }

    static List<Map<String, Object>> readings(int from, int to) {
        return PumpReadings.cycles(from, to, 55);
    }

    /** Asserts a 429 problem and returns its Retry-After. */
    static long tooMany(Http.Response r) {
        assertEquals(429, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"));
        assertEquals("/docs#problem-too-many-requests", r.json().at("/type").asText());
        String retry = r.headers().firstValue("Retry-After").orElseThrow();
        assertTrue(retry.matches("[1-9][0-9]*"), "whole seconds: " + retry);
        return Long.parseLong(retry);
    }

    @Test
    void a_key_over_its_requests_a_second_gets_429_with_retry_after_and_others_do_not() {
        try (Server s = serve(new QuotasConfig(0.01, 0, 100, 32, 1.0))) {
            Http dash = new Http(s.port()).withKey(DASHBOARD);
            assertEquals(200, dash.get("/v1/models").status());
            Http.Response refused = dash.get("/v1/models");
            long retry = tooMany(refused);
            assertTrue(retry > 90 && retry <= 100, "one request per 100 s: " + retry);
            assertTrue(refused.json().at("/detail").asText().contains("'dashboard'"), refused.body());
            assertEquals(200, dash.withKey(BATCH).get("/v1/models").status(), "each key has its own bucket");
            assertEquals(401, dash.withKey("not-a-key-0123456789abcdef").get("/v1/models").status(), "no key, no quota");
            assertEquals(200, dash.get("/health/live").status(), "open routes count against no quota");
            String metrics = dash.get("/metrics").body();
            assertTrue(metrics.contains("prognos_quota_rejections_total{key=\"dashboard\",reason=\"requests\"} 1.0"), metrics);
            assertTrue(!metrics.contains(DASHBOARD), "the key itself never appears");
        }
    }

    @Test
    void readings_are_counted_over_ingest_and_score_calls_and_refused_readings_are_not_applied() {
        try (Server s = serve(new QuotasConfig(0, 0.1, 50, 32, 1.0))) {
            Http dash = new Http(s.port()).withKey(DASHBOARD);
            assertEquals(200, dash.post("/v1/assets/p/readings?model=pump", Map.of("readings", readings(1, 3))).status());
            assertEquals(200, dash.post("/v1/models/pump/score", Map.of("readings", readings(1, 2))).status());
            Http.Response refused = dash.post("/v1/assets/p/readings?model=pump", Map.of("readings", readings(4, 6)));
            long retry = tooMany(refused);
            assertTrue(retry >= 25 && retry <= 30, "3 readings at 0.1 a second: " + retry);
            assertTrue(refused.json().at("/detail").asText().contains("quotas.readingsPerSecond"), refused.body());
            assertEquals(3, dash.get("/v1/assets/p/features").json().at("/readings").asInt(), "nothing was applied");
            tooMany(dash.post("/v1/models/pump/score", Map.of("readings", readings(1, 1))));
            tooMany(dash.post("/v1/models/pump/score-batch", Map.of("assets", List.of(Map.of("readings", readings(1, 1))))));
            assertEquals(200, dash.withKey(BATCH).post("/v1/assets/p/readings?model=pump", Map.of("readings", readings(4, 6))).status());
            String metrics = dash.get("/metrics").body();
            assertTrue(metrics.contains("prognos_quota_rejections_total{key=\"dashboard\",reason=\"readings\"} 3.0"), metrics);
        }
    }

    @Test
    void a_key_with_its_requests_in_flight_gets_429_and_every_answer_gives_its_place_back() throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Server s = serve(new QuotasConfig(0, 0, 2, 1, 1.0), HeldPredictors.holding(reached, release))) {
            Http dash = new Http(s.port()).withKey(DASHBOARD);
            // every kind of answer releases the key's place: an error, a 404, a bad body, a success
            for (int i = 0; i < 3; i++) {
                assertEquals(404, dash.get("/v1/assets/none/score").status());
                assertEquals(400, dash.postRaw("/v1/assets/p/readings?model=pump", "{").status());
                assertEquals(404, dash.get("/v1/models/nope").status());
                assertEquals(200, dash.get("/v1/models").status());
            }
            CompletableFuture<Http.Response> held = CompletableFuture.supplyAsync(() -> dash.post("/v1/models/pump/score",
                    Map.of("readings", List.of(Map.of("time", 1, "values", Map.of("temp", 60, "vib", 61))))));
            assertTrue(reached.await(10, TimeUnit.SECONDS), "the held request reached the model");
            Http.Response busy = dash.get("/v1/models");
            assertEquals(1, tooMany(busy));
            assertTrue(busy.json().at("/detail").asText().contains("1 requests in flight"), busy.body());
            assertEquals(200, dash.withKey(BATCH).get("/v1/models").status(), "another key is not held up");
            release.countDown();
            assertEquals(200, held.get(10, TimeUnit.SECONDS).status());
            awaitInFlight(dash, 1);
            assertEquals(200, dash.get("/v1/models").status(), "the slow request's place was given back");
            String metrics = dash.get("/metrics").body();
            assertTrue(metrics.contains("prognos_quota_rejections_total{key=\"dashboard\",reason=\"concurrency\"} 1.0"), metrics);
        }
    }

    @Test
    void without_keys_every_request_is_the_anonymous_callers_and_counts_against_its_quotas() {
        ServiceConfig config = TestServers.config().withAuth(AuthConfig.disabled())
                .withQuotas(new QuotasConfig(0.01, 0, 100, 32, 1.0));
        try (Server s = Server.start(registry, config, ApiKeys.disabled(), Predictors.standard())) {
            Http anonymous = new Http(s.port()).withKey(null);
            assertEquals(200, anonymous.get("/v1/models").status());
            tooMany(anonymous.get("/v1/models/pump"));
            assertTrue(anonymous.get("/metrics").body().contains("prognos_quota_rejections_total{key=\"anonymous\",reason=\"requests\"} 1.0"));
        }
    }

    /** Waits until the server counts {@code n} requests in flight (the scrape included). */
    static void awaitInFlight(Http http, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            last = http.withKey(null).get("/metrics").body();
            if (last.contains("prognos_http_requests_in_flight " + n + ".0")) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("never " + n + " requests in flight:\n" + last);
    }
}
