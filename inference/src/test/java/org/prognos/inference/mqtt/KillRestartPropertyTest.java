package org.prognos.inference.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.prognos.inference.Http;
import org.prognos.inference.TestServers;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;
import org.prognos.live.testing.Mosquitto;

/**
 * Durability, tried as an operator would break it: readings stream in over MQTT while the service is killed with
 * SIGKILL at random points and started again; once the rest has arrived, every asset's feature vector equals the one
 * an uninterrupted service computes from the same readings (to 1e-9), and no message was dead-lettered (a message
 * applied and made durable before the kill, but not yet acknowledged, is redelivered and recognised, not refused as
 * out of order).
 */
class KillRestartPropertyTest {
    static final int ASSETS = 6;
    static final int CYCLES = 40;
    static final double TOLERANCE = 1e-9;

    static Path dir;
    static Mosquitto broker;
    static int run;

    @BeforeContainer
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("prognos-kill");
        TestModels.pumpRegistry(dir.resolve("registry"));
        broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")));
    }

    @AfterContainer
    static void tearDown() throws IOException {
        if (broker != null) {
            broker.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<List<Integer>> killPoints() {
        return Arbitraries.integers().between(1, ASSETS * CYCLES - 1).list().ofMinSize(1).ofMaxSize(3).uniqueElements()
                .map(l -> l.stream().sorted().toList());
    }

    @Property(tries = 3, seed = "20261205")
    void killed_at_random_points_the_service_ends_with_every_feature_of_an_uninterrupted_run(
            @ForAll("killPoints") List<Integer> kills) throws Exception {
        Path tryDir = Files.createDirectories(dir.resolve("try-" + run++));
        String clientId = "prognos-kill-" + run;
        List<String[]> messages = messages();
        try (TestClient device = new TestClient(broker.url()); TestClient watcher = new TestClient(broker.url())) {
            watcher.subscribe("prognos/dead-letter/#");
            Child child = Child.start(tryDir, clientId);
            Iterator<Integer> nextKill = kills.iterator();
            int killAt = nextKill.hasNext() ? nextKill.next() : -1;
            for (int i = 0; i < messages.size(); i++) {
                if (i == killAt) {
                    child.kill();
                    child = Child.start(tryDir, clientId);
                    killAt = nextKill.hasNext() ? nextKill.next() : -1;
                }
                device.publish(messages.get(i)[0], messages.get(i)[1]);
                Thread.sleep(5);
            }
            Http durable = child.http();
            for (int a = 0; a < ASSETS; a++) {
                awaitReadings(durable, "pump-" + a, CYCLES);
            }
            try (Server reference = TestServers.start(dir.resolve("registry"))) {
                Http plain = new Http(reference.port());
                for (int a = 0; a < ASSETS; a++) {
                    plain.post("/v1/assets/pump-" + a + "/readings?model=pump", Map.of("readings", readings(a)));
                    JsonNode want = plain.get("/v1/assets/pump-" + a + "/features").json();
                    JsonNode got = durable.get("/v1/assets/pump-" + a + "/features").json();
                    assertFeaturesEqual(want, got, "pump-" + a + " after kills at " + kills);
                }
            }
            assertEquals(List.of(), watcher.take(1, 0.5), "nothing was dead-lettered");
            child.kill();
        }
    }

    static void assertFeaturesEqual(JsonNode want, JsonNode got, String what) {
        assertEquals(new TreeSet<>(names(want)), new TreeSet<>(names(got)), what);
        assertEquals(want.at("/readings").asLong(), got.at("/readings").asLong(), what);
        assertEquals(want.at("/time").asText(), got.at("/time").asText(), what);
        for (String f : names(want)) {
            JsonNode w = want.at("/features").get(f);
            JsonNode g = got.at("/features").get(f);
            if (w.isNull() || g.isNull()) {
                assertTrue(w.isNull() && g.isNull(), what + ": " + f + " " + w + " vs " + g);
            } else {
                assertEquals(w.asDouble(), g.asDouble(), TOLERANCE, what + ": " + f);
            }
        }
    }

    static List<String> names(JsonNode features) {
        List<String> out = new ArrayList<>();
        features.at("/features").fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Every asset's readings, interleaved in time order as a fleet publishes them: topic and payload. */
    static List<String[]> messages() {
        List<String[]> out = new ArrayList<>();
        for (int c = 1; c <= CYCLES; c++) {
            for (int a = 0; a < ASSETS; a++) {
                out.add(new String[] {"fleet/pump-" + a + "/telemetry", "{\"time\": " + c + ", \"values\": {\"temp\": "
                        + temp(a, c) + ", \"vib\": " + vib(a, c) + "}}"});
            }
        }
        return out;
    }

    static List<Map<String, Object>> readings(int a) {
        List<Map<String, Object>> r = new ArrayList<>();
        for (int c = 1; c <= CYCLES; c++) {
            r.add(Map.of("time", c, "values", Map.of("temp", temp(a, c), "vib", vib(a, c))));
        }
        return r;
    }

    static double temp(int a, int c) {
        return 50 + a * 3 + (c * 7 + a) % 11 + 0.125 * c;
    }

    static double vib(int a, int c) {
        return 60 + (c * 3 + a * 5) % 7;
    }

    static void awaitReadings(Http http, String asset, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long seen = -1;
        while (System.nanoTime() < deadline) {
            Http.Response r = http.get("/v1/assets/" + asset + "/features");
            seen = r.status() == 200 ? r.json().at("/readings").asLong() : -1;
            if (seen == n) {
                return;
            }
            Thread.sleep(100);
        }
        assertEquals(n, seen, "readings of " + asset);
    }

    /** The service in its own JVM, killed with SIGKILL. */
    record Child(Process process, Path portFile) {
        static Child start(Path dir, String clientId) throws IOException, InterruptedException {
            Path portFile = dir.resolve("port");
            Files.deleteIfExists(portFile);
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    ServiceProcess.class.getName(), KillRestartPropertyTest.dir.resolve("registry").toString(),
                    dir.resolve("state").toString(), broker.url(), clientId, portFile.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("service.log").toFile()))
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(portFile)) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("the service did not start: " + Files.readString(dir.resolve("service.log")));
                }
                Thread.sleep(50);
            }
            return new Child(p, portFile);
        }

        Http http() throws IOException {
            return new Http(Integer.parseInt(Files.readString(portFile).trim()));
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
