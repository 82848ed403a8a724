package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prognos.inference.alerts.Scores.await;
import static org.prognos.inference.alerts.Scores.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.alerts.AlertService;
import org.prognos.inference.alerts.Receiver;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;

/**
 * The alert routes on a real server: listing with filters, one alert, acknowledgement by role, problems for unknown
 * ids and bad parameters; and the configured webhook receives the events, signed with the secret from the
 * environment.
 */
class AlertEndpointsTest {
    @TempDir
    static Path dir;
    static Receiver receiver;
    static Server server;
    static Http score;
    static String closedId;
    static String open1;
    static String open2;

    @BeforeAll
    static void start() {
        TestModels.pumpRegistry(dir.resolve("registry"));
        receiver = Receiver.onFreePort(n -> 200).start();
        ServiceConfig config = TestServers.config().withAlerts(new AlertsConfig(3, 0.2,
                List.of(AlertsConfig.Webhook.of("ops", receiver.url(), "OPS_WEBHOOK_SECRET")), 1));
        server = TestServers.start(dir.resolve("registry"), config, Map.of("OPS_WEBHOOK_SECRET", "s3cret"));
        score = new Http(server.port());
        AlertService alerts = server.services().alerts();
        closedId = feed(alerts, "pump-1", 0, 0.5, 0.5, 0.5, 0.1, 0.1, 0.1).get(0).alert().id();
        open1 = feed(alerts, "pump-1", 10, 0.6, 0.7, 0.8).get(0).alert().id();
        open2 = feed(alerts, "pump-2", 0, 0.4, 0.4, 0.4).get(0).alert().id();
    }

    @AfterAll
    static void stop() {
        server.close();
        receiver.close();
    }

    static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.at("/alerts").forEach(a -> ids.add(a.at("/id").asText()));
        assertEquals(ids.size(), list.at("/count").asInt());
        return ids;
    }

    @Test
    void listing_answers_open_alerts_by_default_and_filters_by_state_asset_model_and_limit() {
        Http.Response r = score.get("/v1/alerts");
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of(open2, open1).stream().sorted().toList(), ids(r.json()).stream().sorted().toList());
        assertEquals(List.of(closedId), ids(score.get("/v1/alerts?state=closed").json()));
        assertEquals(3, ids(score.get("/v1/alerts?state=all").json()).size());
        assertEquals(List.of(open1, closedId), ids(score.get("/v1/alerts?state=all&asset=pump-1").json()));
        assertEquals(1, ids(score.get("/v1/alerts?state=all&asset=pump-1&limit=1").json()).size());
        assertEquals(List.of(), ids(score.get("/v1/alerts?state=all&model=another").json()));
        assertEquals(3, ids(score.get("/v1/alerts?state=all&model=pump-24h&since=2000-01-01T00:00:00Z").json()).size());
        assertEquals(List.of(), ids(score.get("/v1/alerts?state=all&since=2999-01-01T00:00:00%2B02:00").json()));
        assertEquals(List.of(), ids(score.get("/v1/alerts?state=all&delivery=dead").json()));
    }

    @Test
    void one_alert_carries_its_payload_and_deliveries() {
        JsonNode a = score.get("/v1/alerts/" + closedId).json();
        assertEquals("closed", a.at("/state").asText());
        assertEquals("pump-1", a.at("/asset").asText());
        assertEquals("pump-24h", a.at("/model/name").asText());
        assertEquals(0.5, a.at("/failure/probability").asDouble());
        assertEquals("2015-12-01 05:00:00", a.at("/dataTime/closed").asText());
        assertTrue(a.at("/closedAt").isTextual());
        await("delivered", () -> score.get("/v1/alerts/" + closedId).json().at("/deliveries").size() == 2
                && score.get("/v1/alerts/" + closedId).json().at("/deliveries").findValuesAsText("outcome").stream().allMatch("delivered"::equals));
        JsonNode d = score.get("/v1/alerts/" + closedId).json().at("/deliveries");
        assertEquals(List.of("opened", "closed"), d.findValuesAsText("event"));
        assertEquals("ops", d.at("/0/destination").asText());
        assertTrue(receiver.requests().stream().anyMatch(q -> q.header("X-Prognos-Alert-Id").equals(closedId)
                && q.header("X-Prognos-Signature").startsWith("sha256=")));
    }

    @Test
    void a_score_key_reads_but_cannot_acknowledge_while_operate_and_admin_keys_can() {
        Http.Response denied = score.post("/v1/alerts/" + open1 + "/ack", "");
        assertEquals(403, denied.status());
        assertTrue(denied.json().at("/detail").asText().contains("needs a key with role [operate, admin]"), denied.body());
        assertEquals(401, score.withKey(null).post("/v1/alerts/" + open1 + "/ack", "").status());

        Http.Response acked = score.withKey(Http.OPERATE_KEY).postRaw("/v1/alerts/" + open1 + "/ack", "");
        assertEquals(200, acked.status(), acked.body());
        assertEquals("key with role operate", acked.json().at("/acknowledged/by").asText());
        assertTrue(acked.json().at("/acknowledged/note").isMissingNode());
        Http.Response again = score.withKey(Http.ADMIN_KEY).post("/v1/alerts/" + open1 + "/ack", Map.of("note", "late"));
        assertEquals(200, again.status());
        assertEquals(acked.json().at("/acknowledged"), again.json().at("/acknowledged"), "the first acknowledgement stands");

        Http.Response byName = score.withKey(Http.ADMIN_KEY).post("/v1/alerts/" + open2 + "/ack",
                Map.of("note", "crew dispatched", "by", "ana"));
        assertEquals(200, byName.status(), byName.body());
        assertEquals("ana", byName.json().at("/acknowledged/by").asText());
        assertEquals("crew dispatched", score.get("/v1/alerts/" + open2).json().at("/acknowledged/note").asText());
        await("acked delivered", () -> receiver.requests().stream().anyMatch(q -> q.header("X-Prognos-Event").equals("acked")
                && q.header("X-Prognos-Alert-Id").equals(open2)));
    }

    @Test
    void unknown_ids_are_404_and_bad_parameters_400_problems() {
        Http.Response unknown = score.get("/v1/alerts/00000000-0000-3000-8000-000000000000");
        assertEquals(404, unknown.status());
        assertEquals("/docs#problem-alert-not-found", unknown.json().at("/type").asText());
        assertEquals(404, score.get("/v1/alerts/not-an-id").status());
        assertEquals(404, score.withKey(Http.OPERATE_KEY).post("/v1/alerts/00000000-0000-3000-8000-000000000000/ack", "").status());
        problem400("/v1/alerts?state=maybe", "query parameter 'state': expected open, closed or all, found 'maybe'");
        problem400("/v1/alerts?since=yesterday", "query parameter 'since': expected an ISO-8601 time");
        problem400("/v1/alerts?limit=0", "'limit' must be between 1 and 1000, found 0");
        problem400("/v1/alerts?asset=../x", "query parameter 'asset': '../x' is not a valid asset name");
        problem400("/v1/alerts?delivery=lost", "query parameter 'delivery': expected pending, delivered or dead");
        Http.Response badBody = score.withKey(Http.OPERATE_KEY).post("/v1/alerts/" + open1 + "/ack", Map.of("comment", "x"));
        assertEquals(400, badBody.status());
        assertTrue(badBody.json().at("/detail").asText().contains("unknown field 'comment'"), badBody.body());
    }

    static void problem400(String path, String detail) {
        Http.Response r = score.get(path);
        assertEquals(400, r.status(), r.body());
        assertEquals("application/problem+json", r.contentType());
        assertTrue(r.json().at("/detail").asText().startsWith(detail), r.body());
    }

    @Test
    void with_a_data_directory_alerts_and_acknowledgements_survive_a_restart_of_the_server() {
        ServiceConfig config = TestServers.config().withState(StateConfig.defaults().withDataDir(
                dir.resolve("state").toString()));
        String id;
        try (Server first = TestServers.start(dir.resolve("registry"), config)) {
            id = feed(first.services().alerts(), "pump-3", 0, 0.5, 0.5, 0.5).get(0).alert().id();
            assertEquals(200, new Http(first.port()).withKey(Http.OPERATE_KEY).post("/v1/alerts/" + id + "/ack",
                    Map.of("note", "seen")).status());
        }
        try (Server second = TestServers.start(dir.resolve("registry"), config)) {
            JsonNode a = new Http(second.port()).get("/v1/alerts/" + id).json();
            assertEquals("open", a.at("/state").asText());
            assertEquals("seen", a.at("/acknowledged/note").asText());
            assertEquals(List.of(), feed(second.services().alerts(), "pump-3", 1, 0.5, 0.5), "not opened again");
            assertEquals(List.of(id), ids(new Http(second.port()).get("/v1/alerts?asset=pump-3").json()));
        }
    }

    @Test
    void alert_metrics_are_exposed() {
        String m = score.withKey(null).get("/metrics").body();
        assertTrue(m.contains("prognos_alerts_opened_total{model=\"pump-24h\"} 3.0"), m);
        assertTrue(m.contains("prognos_alerts_closed_total{model=\"pump-24h\"} 1.0"), m);
        assertTrue(m.contains("prognos_alerts_open 2.0"), m);
    }
}
