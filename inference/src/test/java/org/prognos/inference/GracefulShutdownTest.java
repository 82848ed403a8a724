package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;
import org.prognos.models.predict.Predictors;

/**
 * Shutdown drains in-flight requests: a request being scored when close() begins still gets its answer, while
 * readiness is already false (a 503 problem) so a load balancer stops sending new ones.
 */
class GracefulShutdownTest {
    @TempDir
    Path dir;

    @Test
    void close_waits_for_in_flight_requests_then_refuses_new_ones() throws Exception {
        TestModels.pumpRegistry(dir.resolve("registry"));
        CountDownLatch scoring = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Predictors slow = HeldPredictors.holding(scoring, release);
        Server server = Server.start(dir.resolve("registry"), TestServers.config().withDrainSeconds(10), TestServers.keys(), slow);
        Http http = new Http(server.port());
        RawHttp.Connection kept = RawHttp.open(server.port());
        String ready = "GET /health/ready HTTP/1.1\r\nHost: x\r\n\r\n";
        assertEquals(200, kept.exchange(ready).status(), "ready before the shutdown");
        CompletableFuture<Http.Response> inFlight = CompletableFuture.supplyAsync(() -> http.post("/v1/models/pump/score",
                Map.of("readings", List.of(Map.of("time", 1, "values", Map.of("temp", 60, "vib", 61))))));
        assertTrue(scoring.await(10, TimeUnit.SECONDS), "the request reached the model");
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        Thread.sleep(200);
        // readiness is false from the moment the drain begins, and says so as a problem (not Jetty's HTML page)
        assertFalse(server.services().lifecycle().ready());
        RawHttp.Response unready = kept.exchange(ready);
        assertEquals(503, unready.status(), unready.body());
        EdgeProblemsTest.problem(503, unready.contentType(), unready.body());
        kept.close();
        release.countDown();
        closing.get(20, TimeUnit.SECONDS);
        Http.Response r = inFlight.get(20, TimeUnit.SECONDS);
        assertEquals(200, r.status(), r.body());
        assertEquals("pump", r.json().at("/model/name").asText());
        assertThrows(RuntimeException.class, () -> http.get("/health/live"), "the listener is closed");
    }
}
