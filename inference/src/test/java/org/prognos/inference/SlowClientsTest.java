package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;
import org.prognos.models.predict.Predictors;

/**
 * Slow and greedy clients cannot take the service from the others: a body under the minimum rate or past the read
 * deadline is cut with a 408 problem, an idle connection is closed, connections past the per-address cap are closed
 * as they open, and a slow upload holds no worker thread, so 200 of them leave everyone else's latency where it was.
 * Readiness turns false while the worker queue is half full.
 */
class SlowClientsTest {
    static final String SCORE = "/v1/models/pump/score";
    static final String WINDOW = "{\"readings\": [{\"time\": 1, \"values\": {\"temp\": 60, \"vib\": 61}},"
            + " {\"time\": 2, \"values\": {\"temp\": 62, \"vib\": 60}}]}";
    static final String SCORE_REQUEST = "POST " + SCORE + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + Http.SCORE_KEY
            + "\r\nContent-Type: application/json\r\nContent-Length: " + WINDOW.length() + "\r\n\r\n" + WINDOW;
    /** How much a p99 may grow when 200 slow uploads are open. */
    static final double P99_GROWTH_ALLOWED = 2.0;

    @TempDir
    static Path dir;
    static Path registry;

    @BeforeAll
    static void registry() {
        registry = dir.resolve("registry");
        TestModels.pumpRegistry(registry);
    }

    static ServiceConfig config(ServiceConfig.Clients clients) {
        return TestServers.config().withClients(clients);
    }

    static InetAddress loopback(int last) {
        try {
            return InetAddress.getByName("127.0.0." + last);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The headers of a score request declaring a {@code declared}-byte body, none of which is sent yet. */
    static byte[] slowUploadHeaders(long declared) {
        return ("POST " + SCORE + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + Http.SCORE_KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static String metric(int port, InetAddress from, String line) {
        try (RawHttp.Connection c = RawHttp.open(from, port)) {
            String text = c.exchange("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").body();
            return text.lines().filter(l -> l.startsWith(line)).findFirst().orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void connections_past_the_per_address_cap_are_closed_as_they_open_and_counted() throws Exception {
        try (Server server = TestServers.start(registry, config(new ServiceConfig.Clients(1024, 30, 30, 4)))) {
            int port = server.port();
            List<RawHttp.Connection> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                RawHttp.Connection c = RawHttp.open(loopback(1), port);
                assertEquals(200, c.exchange("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n").status());
                held.add(c);
            }
            try (RawHttp.Connection fifth = RawHttp.open(loopback(1), port)) {
                assertTrue(fifth.closedWithin(2000), "the fifth connection from one address is closed at once");
            }
            try (RawHttp.Connection other = RawHttp.open(loopback(2), port)) {
                assertEquals(200, other.exchange("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n").status(), "other addresses are served");
            }
            assertEquals("prognos_http_connections_rejected_total{reason=\"per-address\"} 1.0",
                    metric(port, loopback(3), "prognos_http_connections_rejected_total"));
            held.remove(0).close();
            Thread.sleep(300);
            try (RawHttp.Connection again = RawHttp.open(loopback(1), port)) {
                assertEquals(200, again.exchange("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n").status(), "a freed slot is usable");
            }
            for (RawHttp.Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void a_body_slower_than_the_minimum_rate_is_cut_with_a_408_problem() throws Exception {
        try (Server server = TestServers.start(registry, config(ServiceConfig.Clients.defaults()));
             RawHttp.Connection c = RawHttp.open(server.port())) {
            long t0 = System.nanoTime();
            c.send(slowUploadHeaders(10_000));
            CompletableFuture<RawHttp.Response> answer = CompletableFuture.supplyAsync(c::read);
            trickle(c, new byte[] {' '}, 100, answer);   // a byte every 100 ms: 10 B/s, under the 1,024 B/s minimum
            RawHttp.Response r = answer.get(15, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            EdgeProblemsTest.problem(r, 408);
            assertTrue(r.body().contains("slower than the service's minimum rate"), r.body());
            assertTrue(seconds < 5, "cut within seconds, took " + seconds);
            assertEquals("prognos_http_requests_cut_total{reason=\"slow\"} 1.0", metric(server.port(), loopback(2), "prognos_http_requests_cut_total"));
        }
    }

    @Test
    void a_body_still_arriving_at_the_read_deadline_is_cut_with_a_408_problem() throws Exception {
        try (Server server = TestServers.start(registry, config(new ServiceConfig.Clients(1024, 1, 30, 64)));
             RawHttp.Connection c = RawHttp.open(server.port())) {
            long t0 = System.nanoTime();
            c.send(slowUploadHeaders(1_000_000));
            CompletableFuture<RawHttp.Response> answer = CompletableFuture.supplyAsync(c::read);
            byte[] chunk = new byte[512];
            Arrays.fill(chunk, (byte) ' ');
            trickle(c, chunk, 200, answer);   // 2.5 KiB/s: over the minimum rate, but 1 MB would take minutes
            RawHttp.Response r = answer.get(15, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            EdgeProblemsTest.problem(r, 408);
            assertTrue(r.body().contains("read deadline of 1.0 s"), r.body());
            assertTrue(seconds < 4, "cut at the deadline, took " + seconds);
        }
    }

    @Test
    void a_caller_without_a_known_key_is_refused_at_once_with_its_body_unread() throws Exception {
        try (Server server = TestServers.start(registry, config(ServiceConfig.Clients.defaults()));
             RawHttp.Connection c = RawHttp.open(server.port())) {
            long t0 = System.nanoTime();
            c.send(("POST " + SCORE + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer not-a-key-of-this-service\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 500000\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
            RawHttp.Response r = CompletableFuture.supplyAsync(c::read).get(15, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            EdgeProblemsTest.problem(r, 401);
            assertTrue(seconds < 2, "refused without waiting for the body, took " + seconds);
            assertEquals("", metric(server.port(), loopback(2), "prognos_http_requests_cut_total"), "no body was read, so none was cut");
        }
    }

    /** Sends {@code chunk} every {@code millis} until the answer arrives, the connection fails or 10 s pass. */
    static void trickle(RawHttp.Connection c, byte[] chunk, int millis, CompletableFuture<?> answer) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!answer.isDone() && System.nanoTime() < end) {
            try {
                c.send(chunk);
            } catch (IOException closed) {
                return;
            }
            Thread.sleep(millis);
        }
    }

    @Test
    void an_idle_connection_is_closed_after_the_idle_timeout() throws Exception {
        try (Server server = TestServers.start(registry, config(new ServiceConfig.Clients(1024, 30, 1, 64)));
             RawHttp.Connection c = RawHttp.open(server.port())) {
            assertEquals(200, c.exchange("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n").status());
            assertTrue(c.closedWithin(5000), "closed about a second after it went idle");
        }
    }

    @Test
    void readiness_is_false_while_half_the_worker_queue_waits_and_true_again_after() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Predictors blocking = HeldPredictors.holding(new CountDownLatch(1), release);
        Path yaml = java.nio.file.Files.writeString(dir.resolve("small-pool.yaml"), "threads: {maxThreads: 8, minThreads: 2, queueSize: 8}\n");
        ServiceConfig config = ServiceConfig.read(yaml).withHost("127.0.0.1").withPort(0).withReload(new ServiceConfig.Reload(0));
        try (Server server = Server.start(registry, config, TestServers.keys(), blocking)) {
            Http http = new Http(server.port());
            assertTrue(server.services().lifecycle().ready());
            List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 14; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> http.postRaw(SCORE, WINDOW), Executors.newSingleThreadExecutor()));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (server.services().lifecycle().ready() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String why = server.services().lifecycle().unavailable().orElse("still ready");
            assertTrue(why.startsWith("every HTTP worker is busy and "), why);
            release.countDown();
            for (CompletableFuture<Http.Response> call : calls) {
                try {
                    call.get(20, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException refused) {
                    // past the queue, Jetty refuses the job and closes the connection: that client retries elsewhere
                }
            }
            assertEquals("ready", http.withKey(null).get("/health/ready").json().at("/status").asText());
        }
    }

    /**
     * 200 connections each uploading a large declared body slowly but above the minimum rate (so Jetty keeps them)
     * hold no worker: four normal clients' p99 score latency with them open stays within twice its value without.
     * Medians over alternating rounds, after a warm-up of both paths. On a service that reads bodies on its workers the
     * slow uploads take all 32 and the normal requests wait for minutes.
     */
    @Test
    void two_hundred_slow_uploads_leave_normal_clients_p99_within_twice_its_value() throws Exception {
        try (Server server = TestServers.start(registry, config(ServiceConfig.Clients.defaults()))) {
            int port = server.port();
            ExecutorService normal = Executors.newFixedThreadPool(4);
            try {
                measureP99(normal, port, 500);   // warm-up without slow clients
                try (SlowUploads slow = SlowUploads.open(port, 200)) {
                    measureP99(normal, port, 500);   // and with them
                }
                List<Double> without = new ArrayList<>();
                List<Double> with = new ArrayList<>();
                for (int round = 0; round < 5; round++) {
                    Thread.sleep(500);   // let the service settle after the last round's uploads closed
                    without.add(measureP99(normal, port, 250));
                    try (SlowUploads slow = SlowUploads.open(port, 200)) {
                        Thread.sleep(500);   // let every upload start
                        with.add(measureP99(normal, port, 250));
                        assertTrue(slow.open() >= 190, "the slow uploads stay open: " + slow.open());
                    }
                }
                double base = median(without);
                double loaded = median(with);
                assertTrue(loaded <= P99_GROWTH_ALLOWED * base, String.format(java.util.Locale.ROOT,
                        "p99 %.2f ms with 200 slow uploads vs %.2f ms without (rounds: %s vs %s)", loaded, base, with, without));
            } finally {
                normal.shutdownNow();
            }
            assertTrue(new Http(port).withKey(null).get("/health/live").status() == 200);
        }
    }

    /** Four clients each send {@code perClient} score requests on a kept-alive connection; the p99 latency in ms. */
    static double measureP99(ExecutorService pool, int port, int perClient) throws Exception {
        List<Future<double[]>> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            clients.add(pool.submit(() -> {
                double[] ms = new double[perClient];
                try (RawHttp.Connection conn = RawHttp.open(port)) {
                    for (int i = 0; i < perClient; i++) {
                        long t0 = System.nanoTime();
                        RawHttp.Response r = conn.exchange(SCORE_REQUEST);
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                        assertEquals(200, r.status(), r.body());
                    }
                }
                return ms;
            }));
        }
        List<Double> all = new ArrayList<>();
        for (Future<double[]> f : clients) {
            for (double v : f.get(120, TimeUnit.SECONDS)) {
                all.add(v);
            }
        }
        all.sort(Double::compare);
        return all.get((int) Math.ceil(0.99 * all.size()) - 1);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    /**
     * Slow uploads from 127.0.0.2..5 (50 per address, under the cap of 64): each declares a 1 MB body and sends 512
     * bytes every 200 ms or so (about 2.5 KiB/s, above the 1,024 B/s minimum even when this thread is late); one is
     * reopened if the service cuts it.
     */
    static final class SlowUploads implements AutoCloseable {
        private final int port;
        private final RawHttp.Connection[] connections;
        private final Thread trickle;
        private final AtomicBoolean running = new AtomicBoolean(true);

        private SlowUploads(int port, int n) throws IOException {
            this.port = port;
            this.connections = new RawHttp.Connection[n];
            for (int i = 0; i < n; i++) {
                connections[i] = connect(i);
            }
            trickle = new Thread(this::trickle, "slow-uploads");
            trickle.setDaemon(true);
            trickle.start();
        }

        static SlowUploads open(int port, int n) throws IOException {
            return new SlowUploads(port, n);
        }

        private RawHttp.Connection connect(int i) throws IOException {
            RawHttp.Connection c = RawHttp.open(loopback(2 + i % 4), port);
            c.send(slowUploadHeaders(1_000_000));
            return c;
        }

        private void trickle() {
            byte[] chunk = new byte[512];
            Arrays.fill(chunk, (byte) ' ');
            while (running.get()) {
                for (int i = 0; i < connections.length && running.get(); i++) {
                    try {
                        connections[i].send(chunk);
                    } catch (IOException cut) {
                        try {
                            connections[i].close();
                            connections[i] = connect(i);
                        } catch (IOException e) {
                            // the service is going away: the test's assertions say what matters
                        }
                    }
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Connections the service has not closed. */
        int open() throws IOException {
            int n = 0;
            for (RawHttp.Connection c : connections) {
                if (!c.closedWithin(1)) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            running.set(false);
            trickle.interrupt();
            try {
                trickle.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (RawHttp.Connection c : connections) {
                c.close();
            }
        }
    }
}
