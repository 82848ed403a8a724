package org.prognos.inference;

import org.prognos.inference.codec.JsonCodec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.server.App;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;

/** Every kind of bad input gets the right 4xx as an RFC 9457 problem with a helpful detail and the request id. */
class BadInputTest {
    static final String SCORE = "/v1/models/pump/score";

    @TempDir
    static Path dir;
    static Server server;
    static Http http;

    @BeforeAll
    static void start() {
        TestModels.pumpRegistry(dir.resolve("registry"));
        ServiceConfig config = TestServers.config().withLimits(new ServiceConfig.Limits(4096, 8, 50, 3, 256));
        server = TestServers.start(dir.resolve("registry"), config);
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<Map<String, Object>> readings(int n) {
        List<Map<String, Object>> r = new ArrayList<>();
        for (int c = 1; c <= n; c++) {
            r.add(Map.of("time", c, "values", Map.of("temp", 50 + c, "vib", 60)));
        }
        return r;
    }

    /** Asserts a problem response and returns its detail. */
    static String problem(Http.Response r, int status) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        JsonNode p = r.json();
        assertEquals(status, p.at("/status").asInt());
        assertTrue(p.at("/type").asText().startsWith("/docs#problem-"));
        assertFalse(p.at("/title").asText().isEmpty());
        String id = r.headers().firstValue(App.REQUEST_ID).orElseThrow();
        assertEquals(id, p.at("/requestId").asText());
        return p.at("/detail").asText();
    }

    @Test
    void malformed_json_is_400_naming_line_and_column() {
        String d = problem(http.postRaw(SCORE, "{\"readings\": [ {\"time\": 1,, }"), 400);
        assertTrue(d.startsWith("malformed JSON at line 1, column"), d);
    }

    @Test
    void empty_body_is_400() {
        assertTrue(problem(http.postRaw(SCORE, ""), 400).contains("body is empty"));
    }

    @Test
    void wrong_types_are_400_naming_the_path() {
        String d = problem(http.post(SCORE, Map.of("readings", List.of(Map.of("time", 1, "values", Map.of("temp", "hot", "vib", 1))))), 400);
        assertEquals("readings[0].values.temp: expected a number, found a string", d);
        d = problem(http.post(SCORE, Map.of("readings", "none")), 400);
        assertTrue(d.startsWith("readings: expected an array"), d);
        d = problem(http.postRaw(SCORE, "[1, 2]"), 400);
        assertTrue(d.contains("expected an object, found an array"), d);
    }

    @Test
    void unknown_fields_are_400_listing_the_known_ones() {
        String d = problem(http.post(SCORE, Map.of("readings", readings(2), "asof", 3)), 400);
        assertTrue(d.startsWith("unknown field 'asof'; known fields: asOf, asset, attributes, events, readings"), d);
    }

    @Test
    void missing_channels_are_400_naming_them() {
        String d = problem(http.post(SCORE, Map.of("readings", List.of(Map.of("time", 1, "values", Map.of("temp", 50))))), 400);
        assertTrue(d.startsWith("readings[0].values: missing channel [vib]; the model pump reads [temp, vib]"), d);
    }

    @Test
    void a_null_value_is_a_missing_reading_not_an_error() {
        Map<String, Object> values = new HashMap<>();
        values.put("temp", 55);
        values.put("vib", null);
        var r = http.post(SCORE, Map.of("readings", List.of(Map.of("time", 1, "values", values), Map.of("time", 2, "values", Map.of("temp", 56, "vib", 61)))));
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void empty_window_is_400() {
        assertTrue(problem(http.post(SCORE, Map.of("readings", List.of())), 400).startsWith("readings: the window is empty"));
        assertTrue(problem(http.post(SCORE, Map.of("asset", "a")), 400).startsWith("readings: the window is empty"));
    }

    @Test
    void out_of_order_window_is_400() {
        List<Map<String, Object>> r = new ArrayList<>(readings(3));
        r.add(Map.of("time", 2, "values", Map.of("temp", 1, "vib", 2)));
        String d = problem(http.post(SCORE, Map.of("readings", r)), 400);
        assertEquals("readings[3].time: 2 is not after readings[2].time 3; send readings oldest first, one per time", d);
    }

    @Test
    void every_problem_of_a_window_is_listed() {
        List<Map<String, Object>> r = List.of(Map.of("time", "x", "values", Map.of("temp", 1, "vib", 2)),
                Map.of("time", 2, "values", Map.of("temp", 1)));
        JsonNode p = http.post(SCORE, Map.of("readings", r, "events", List.of(Map.of("kind", "explosion", "code", "c", "time", 1)))).json();
        assertEquals(3, p.at("/errors").size(), p.toString());
        assertTrue(p.at("/detail").asText().contains("(and 2 more problems, listed in 'errors')"));
    }

    @Test
    void event_problems_name_the_event_and_field() {
        List<Map<String, Object>> events = List.of(Map.of("kind", " Maintenance ", "code", "comp1", "time", 2),
                Map.of("kind", "explosion", "code", "c", "time", 1), Map.of("kind", "alarm", "code", " ", "time", "soon"));
        JsonNode p = http.post(SCORE, Map.of("readings", readings(5), "events", events)).json();
        List<String> errors = new ArrayList<>();
        p.at("/errors").forEach(e -> errors.add(e.asText()));
        assertEquals(List.of("events[1].kind: 'explosion' is not one of failure, maintenance, alarm",
                "events[2].code: required, e.g. comp2 or error3",
                "events[2].time: expected a whole cycle number, found 'soon'"), errors, p.toString());
    }

    @Test
    void events_in_any_order_and_case_are_read() {
        List<Map<String, Object>> events = List.of(Map.of("kind", "FAILURE", "code", "comp1", "time", 3),
                Map.of("kind", " maintenance", "code", "comp1", "time", 1));
        assertEquals(200, http.post(SCORE, Map.of("readings", readings(5), "events", events)).status());
    }

    @Test
    void asof_before_the_last_reading_is_400() {
        String d = problem(http.post(SCORE, Map.of("readings", readings(5), "asOf", 3)), 400);
        assertTrue(d.startsWith("asOf: 3 is not after the last reading (5)"), d);
    }

    @Test
    void nan_and_infinity_are_rejected() {
        assertTrue(problem(http.postRaw(SCORE, "{\"readings\": [{\"time\": 1, \"values\": {\"temp\": NaN, \"vib\": 1}}]}"), 400)
                .startsWith("malformed JSON"));
        assertEquals("readings[0].values.temp: NaN is not a finite number",
                problem(http.postRaw(SCORE, "{\"readings\": [{\"time\": 1, \"values\": {\"temp\": \"NaN\", \"vib\": 1}}]}"), 400));
        assertEquals("readings[0].values.temp: expected a number, found the string \"hot\"".replace("found the string \"hot\"", "found a string"),
                problem(http.postRaw(SCORE, "{\"readings\": [{\"time\": 1, \"values\": {\"temp\": \"hot\", \"vib\": 1}}]}"), 400));
        assertEquals("readings[0].values.temp: Infinity is not a finite number",
                problem(http.postRaw(SCORE, "{\"readings\": [{\"time\": 1, \"values\": {\"temp\": 1e999, \"vib\": 1}}]}"), 400));
    }

    @Test
    void unknown_model_is_404_listing_the_served_ones() {
        String d = problem(http.post("/v1/models/turbine/score", Map.of("readings", readings(2))), 404);
        assertEquals("no model 'turbine' is served here; served models: [pump, pump-rul]", d);
    }

    @Test
    void a_bad_body_is_reported_before_an_unknown_model() {
        String d = problem(http.postRaw("/v1/models/turbine/score", "{\"readings\": [ {\"time\": 1,, }"), 400);
        assertTrue(d.startsWith("malformed JSON at line 1, column"), d);
        d = problem(http.post("/v1/models/turbine/score", Map.of("readings", readings(2), "asof", 3)), 400);
        assertTrue(d.startsWith("unknown field 'asof'"), d);
        d = problem(http.post("/v1/models/.hidden/score", Map.of("readings", "none")), 400);
        assertTrue(d.startsWith("readings: expected an array"), d);
    }

    @Test
    void path_traversal_in_names_is_400() {
        var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/models/..%2F..%2Fetc/score"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertTrue(r.status() == 400 || r.status() == 404, r.body());
        String d = problem(http.post("/v1/models/.hidden/score", Map.of("readings", readings(2))), 400);
        assertTrue(d.startsWith("model name '.hidden' is not allowed"), d);
        d = problem(http.post("/v1/assets/..%2Fx/readings", Map.of("time", 1, "values", Map.of("temp", 1, "vib", 1))), 400);
        assertTrue(d.startsWith("asset id '../x' is not allowed"), d);
    }

    @Test
    void oversized_body_is_413() {
        String big = "{\"readings\": [" + "{\"time\": 1, \"values\": {\"temp\": 1, \"vib\": 1}},".repeat(200) + "]}";
        String d = problem(http.postRaw(SCORE, big), 413);
        assertTrue(d.contains("exceeds the limit of 4096 bytes"), d);
    }

    @Test
    void too_many_readings_or_assets_are_400() {
        String many = "{\"readings\": [" + "{\"time\":1,\"values\":{}},".repeat(50) + "{\"time\":1,\"values\":{}}]}";
        assertEquals("readings: 51 readings exceed the limit of 50 per window", problem(http.postRaw(SCORE, many), 400));
        List<Map<String, Object>> assets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            assets.add(Map.of("readings", readings(1)));
        }
        assertTrue(problem(http.post("/v1/models/pump/score-batch", Map.of("assets", assets)), 400).startsWith("assets: 4 assets exceed the limit of 3"));
    }

    @Test
    void too_deep_json_is_400() {
        // typed binding refuses a wrong nesting at its first token; the depth limit guards the parser itself
        var codec = new org.prognos.inference.codec.JsonCodec(new ServiceConfig.Limits(4096, 3, 50, 3, 256));
        InvalidRequestException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidRequestException.class, () -> codec.read(
                "{\"readings\": [{\"time\": 1, \"values\": {\"temp\": 1, \"vib\": 1}}]}".getBytes(), org.prognos.inference.api.ScoreRequest.class));
        assertTrue(e.getMessage().startsWith("the request exceeds a JSON limit: Document nesting depth (4) exceeds"), e.getMessage());
        String deep = "{\"readings\": [{\"time\": 1, \"values\": {\"temp\": 1, \"vib\": 1}}], \"attributes\": " + "[".repeat(20) + "]".repeat(20) + "}";
        assertEquals("attributes: expected an object, found an array", problem(http.postRaw(SCORE, deep), 400));
    }

    @Test
    void long_strings_are_400() {
        String d = problem(http.post(SCORE, Map.of("readings", readings(1), "asset", "x".repeat(300))), 400);
        assertTrue(d.startsWith("the request exceeds a JSON limit: String value length"), d);
    }

    @Test
    void missing_or_wrong_key_is_401_and_a_score_key_on_an_admin_route_is_403() {
        Http.Response r = http.withKey(null).post(SCORE, Map.of("readings", readings(2)));
        assertTrue(problem(r, 401).contains("needs an API key"));
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals("the API key is not valid", problem(http.withKey("not-a-key-but-long-enough").post(SCORE, Map.of("readings", readings(2))), 401));
        assertTrue(problem(http.post("/v1/models/pump/reload", ""), 403).contains("needs a key with role [admin]"));
        assertEquals(200, http.withKey(Http.ADMIN_KEY).post(SCORE, Map.of("readings", readings(2))).status(), "admin may also score");
        Http.Response basic = http.withKey(null).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + SCORE))
                .header("Authorization", "Basic dXNlcjpwYXNz").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertTrue(problem(basic, 401).contains("Bearer scheme"));
    }

    @Test
    void unknown_route_is_404_and_wrong_method_is_405() {
        assertTrue(problem(http.get("/v2/nothing"), 404).startsWith("no route /v2/nothing"));
        problem(http.get(SCORE), 405);
    }

    @Test
    void bad_query_parameters_are_400() {
        assertTrue(problem(http.post(SCORE + "?explain=maybe", Map.of("readings", readings(2))), 400).startsWith("query parameter 'explain'"));
        assertTrue(problem(http.get("/v1/fleet/at-risk?limit=lots"), 400).startsWith("query parameter 'limit'"));
        assertTrue(problem(http.get("/v1/fleet/at-risk?limit=0"), 400).startsWith("limit: must be between 1 and 1000"));
    }

    @Test
    void a_client_request_id_is_echoed() {
        var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/models/nope"))
                .header(App.REQUEST_ID, "trace-42").GET());
        assertEquals("trace-42", r.json().at("/requestId").asText());
    }
}
