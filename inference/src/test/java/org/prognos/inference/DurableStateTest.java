package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.PrognosException;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;

/**
 * Streaming state kept in a data directory: a restart restores every asset (features, scores, the at-risk ranking)
 * from snapshots and journal, and a second service cannot open the same directory. (Crashes: KillRestartPropertyTest.)
 */
class DurableStateTest {
    @TempDir
    static Path registry;
    @TempDir
    Path data;

    @BeforeAll
    static void models() {
        TestModels.pumpRegistry(registry);
    }

    ServiceConfig durable() {
        return TestServers.config().withState(new StateConfig(10_000, 48 * 3600, 60, data.toString(), 5, 3600));
    }

    static List<Map<String, Object>> readings(int from, int to, double temp) {
        return PumpReadings.cycles(from, to, temp);
    }

    @Test
    void a_restart_restores_every_asset_and_the_ranking() {
        JsonNode features;
        JsonNode ranking;
        try (Server s = TestServers.start(registry, durable())) {
            Http http = new Http(s.port());
            for (int c = 1; c <= 23; c += 2) {
                http.post("/v1/assets/a/readings?model=pump", Map.of("readings", readings(c, c + 1, 55)));
                http.post("/v1/assets/b/readings?model=pump", Map.of("readings", readings(c, c + 1, 70)));
            }
            http.post("/v1/assets/c/readings?model=pump-rul", Map.of("readings", readings(1, 3, 60)));
            features = http.get("/v1/assets/a/features").json();
            ranking = http.get("/v1/fleet/at-risk?limit=10").json();
        }
        try (Server s = TestServers.start(registry, durable())) {
            assertEquals(3, s.recovery().assets());
            assertTrue(s.recovery().snapshots() > 0, "a graceful stop snapshots every asset");
            Http http = new Http(s.port());
            assertEquals(features, http.get("/v1/assets/a/features").json());
            assertEquals(ranking, http.get("/v1/fleet/at-risk?limit=10").json());
            assertEquals(400, http.post("/v1/assets/a/readings?model=pump", Map.of("readings", readings(24, 24, 55))).status(),
                    "the restored state remembers its last reading");
            assertEquals(200, http.post("/v1/assets/a/readings?model=pump", Map.of("readings", readings(25, 25, 55))).status());
        }
    }

    @Test
    void an_asset_evicted_for_room_stays_on_disk_and_its_next_reading_loads_it_again() {
        ServiceConfig two = TestServers.config().withState(new StateConfig(2, 48 * 3600, 60, data.toString(), 5, 3600));
        try (Server s = TestServers.start(registry, two); Server reference = TestServers.start(registry)) {
            Http http = new Http(s.port());
            Http plain = new Http(reference.port());
            for (String a : List.of("a", "b", "c")) {
                for (Http h : List.of(http, plain)) {
                    h.post("/v1/assets/" + a + "/readings?model=pump", Map.of("readings", readings(1, 9, 60)));
                }
            }
            assertEquals(plain.get("/v1/assets/a/features").json(), http.get("/v1/assets/a/features").json(),
                    "a was evicted from memory (two assets at most) and is loaded from disk");
            for (Http h : List.of(http, plain)) {
                assertEquals(200, h.post("/v1/assets/b/readings?model=pump", Map.of("readings", readings(10, 12, 70))).status());
            }
            assertEquals(plain.get("/v1/assets/b/features").json(), http.get("/v1/assets/b/features").json(),
                    "b continued from its kept state");
        }
        try (Server s = TestServers.start(registry, durable())) {
            assertEquals(3, s.recovery().assets(), "nothing evicted for room was deleted");
        }
    }

    @Test
    void a_second_service_on_the_same_directory_is_refused_clearly() {
        try (Server s = TestServers.start(registry, durable())) {
            PrognosException e = assertThrows(PrognosException.class,
                    () -> TestServers.start(registry, durable()));
            assertTrue(e.getMessage().contains("is in use by another process"), e.getMessage());
        }
    }
}
