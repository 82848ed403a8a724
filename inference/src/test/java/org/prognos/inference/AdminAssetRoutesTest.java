package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;

/**
 * The admin routes that forget an asset ({@code DELETE /v1/assets/{asset}}) or empty its window
 * ({@code POST /v1/assets/{asset}/reset}): admin only, 404 for an unknown asset, durable across a restart, and the
 * asset's open alert closed. A reset is the way out of a poisoned reading (on a cycle axis no clock bounds a cycle).
 */
class AdminAssetRoutesTest {
    @TempDir
    static Path registry;
    @TempDir
    Path data;

    @BeforeAll
    static void models() {
        TestModels.pumpRegistry(registry);
    }

    ServiceConfig durable() {
        return TestServers.config().withState(new StateConfig(10_000, 48 * 3600, 60, data.toString(), 5, 3600))
                .withAlerts(new AlertsConfig(1, 0.2, List.of(), 1));
    }

    static List<Map<String, Object>> readings(long from, long to, double temp) {
        return PumpReadings.cycles(from, to, temp);
    }

    static Http.Response feed(Http http, String asset, long from, long to, double temp) {
        return http.post("/v1/assets/" + asset + "/readings?model=pump", Map.of("readings", readings(from, to, temp)));
    }

    @Test
    void delete_forgets_the_asset_in_memory_and_on_disk_and_only_an_admin_may() {
        try (Server s = TestServers.start(registry, durable())) {
            Http score = new Http(s.port());
            Http admin = score.withKey(Http.ADMIN_KEY);
            assertEquals(200, feed(score, "gone", 1, 12, 55).status());
            assertEquals(200, feed(score, "kept", 1, 12, 55).status());
            Http.Response denied = score.delete("/v1/assets/gone");
            assertEquals(403, denied.status());
            assertTrue(denied.json().at("/detail").asText().contains("[admin]"), denied.body());
            assertEquals(403, score.post("/v1/assets/gone/reset", "").status());

            Http.Response deleted = admin.delete("/v1/assets/gone");
            assertEquals(204, deleted.status(), deleted.body());
            assertEquals("", deleted.body());
            assertEquals(404, score.get("/v1/assets/gone/features").status());
            Http.Response again = admin.delete("/v1/assets/gone");
            assertEquals(404, again.status());
            assertEquals("/docs#problem-asset-not-found", again.json().at("/type").asText());
            assertEquals(404, admin.delete("/v1/assets/never-seen").status());
            assertEquals(400, admin.delete("/v1/assets/-bad").status());
            assertEquals(200, feed(score, "gone", 1, 3, 55).status(), "readings after a delete start a new asset at any time");
            assertEquals(3, score.get("/v1/assets/gone/features").json().at("/readings").asInt());
            assertEquals(204, admin.delete("/v1/assets/gone").status());
        }
        try (Server s = TestServers.start(registry, durable())) {
            Http score = new Http(s.port());
            assertEquals(1, s.recovery().assets(), "only 'kept' is restored");
            assertEquals(404, score.get("/v1/assets/gone/features").status(), "deleted on disk too");
            assertEquals(12, score.get("/v1/assets/kept/features").json().at("/readings").asInt());
        }
    }

    @Test
    void reset_empties_a_poisoned_window_keeps_the_asset_and_survives_a_restart() {
        try (Server s = TestServers.start(registry, durable())) {
            Http score = new Http(s.port());
            Http admin = score.withKey(Http.ADMIN_KEY);
            assertEquals(200, feed(score, "engine-3", 1, 20, 55).status());
            assertEquals(200, feed(score, "engine-3", 1_000_000_000_000L, 1_000_000_000_000L, 55).status(),
                    "a cycle far ahead, but within the cycle range: accepted");
            Http.Response stuck = feed(score, "engine-3", 21, 21, 55);
            assertEquals(400, stuck.status());
            assertTrue(stuck.json().at("/detail").asText().contains("is not after the asset's last reading"), stuck.body());

            assertEquals(404, admin.post("/v1/assets/never-seen/reset", "").status());
            Http.Response reset = admin.post("/v1/assets/engine-3/reset", "");
            assertEquals(204, reset.status(), reset.body());
            Http.Response empty = score.get("/v1/assets/engine-3/score");
            assertEquals(400, empty.status(), "known, with no readings: " + empty.body());
            assertTrue(empty.json().at("/detail").asText().contains("no readings yet"), empty.body());
            assertTrue(score.get("/v1/fleet/at-risk").json().at("/assets").findValuesAsText("asset").stream()
                    .noneMatch("engine-3"::equals), "its last score is gone from the ranking");
            assertEquals(200, feed(score, "engine-3", 21, 26, 55).status());
            assertEquals(6, score.get("/v1/assets/engine-3/features").json().at("/readings").asInt());
        }
        try (Server s = TestServers.start(registry, durable())) {
            Http score = new Http(s.port());
            JsonNode f = score.get("/v1/assets/engine-3/features").json();
            assertEquals(6, f.at("/readings").asInt(), "the reset is durable: " + f);
            assertEquals("26", f.at("/time").asText());
            assertEquals(200, feed(score, "engine-3", 27, 27, 55).status());
        }
    }

    @Test
    void deleting_or_resetting_an_asset_closes_its_open_alert_durably() {
        String deletedAlert;
        String resetAlert;
        try (Server s = TestServers.start(registry, durable())) {
            Http score = new Http(s.port());
            Http admin = score.withKey(Http.ADMIN_KEY);
            feed(score, "hot-1", 1, 9, 80);
            feed(score, "hot-2", 1, 9, 80);
            JsonNode open = score.get("/v1/alerts").json();
            assertEquals(2, open.at("/count").asInt(), "hot pumps alert: " + open);
            deletedAlert = score.get("/v1/alerts?asset=hot-1").json().at("/alerts/0/id").asText();
            resetAlert = score.get("/v1/alerts?asset=hot-2").json().at("/alerts/0/id").asText();

            assertEquals(204, admin.delete("/v1/assets/hot-1").status());
            JsonNode closed = score.get("/v1/alerts/" + deletedAlert).json();
            assertEquals("closed", closed.at("/state").asText(), closed.toString());
            assertEquals("9", closed.at("/dataTime/closed").asText(), "closed at its last score's time");
            assertEquals(204, admin.post("/v1/assets/hot-2/reset", "").status());
            assertEquals("closed", score.get("/v1/alerts/" + resetAlert).json().at("/state").asText());
            assertEquals(0, score.get("/v1/alerts").json().at("/count").asInt());

            feed(score, "hot-2", 1, 3, 80);
            JsonNode reopened = score.get("/v1/alerts?asset=hot-2").json();
            assertEquals(1, reopened.at("/count").asInt(), "after a reset the tracker starts over: earlier times count again");
        }
        try (Server s = TestServers.start(registry, durable())) {
            Http score = new Http(s.port());
            assertEquals("closed", score.get("/v1/alerts/" + deletedAlert).json().at("/state").asText());
            assertEquals("closed", score.get("/v1/alerts/" + resetAlert).json().at("/state").asText());
            assertEquals(2, score.get("/v1/alerts?state=all&asset=hot-2").json().at("/count").asInt(), "the history stays");
        }
    }
}
