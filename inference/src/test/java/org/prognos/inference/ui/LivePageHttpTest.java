package org.prognos.inference.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.Http;
import org.prognos.inference.history.RecentHistory;
import org.prognos.inference.server.App;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;

/**
 * The live page over plain HTTP: its files are public and load nothing from elsewhere, every data call it makes is
 * refused without a key with a 401 problem, and {@code GET /v1/assets/{asset}/history} answers the readings and scores
 * streamed, in the key's tenant only.
 */
class LivePageHttpTest {
    static final double TOLERANCE = 1e-12;
    /** The page's files and their content types. */
    static final Map<String, String> FILES = Map.of("/ui/", "text/html", "/ui/app.js", "text/javascript",
            "/ui/api.js", "text/javascript", "/ui/charts.js", "text/javascript", "/ui/style.css", "text/css",
            "/ui/vendor/uplot/uPlot.iife.min.js", "text/javascript", "/ui/vendor/uplot/uPlot.min.css", "text/css");
    static final Pattern API_PATH = Pattern.compile("'(/v1/[a-z/-]+)");

    @TempDir
    static Path dir;
    static Server server;
    static Http http;

    @BeforeAll
    static void start() {
        server = LiveFleet.start(dir);
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void the_page_files_are_public_confined_to_this_service_and_vendored() {
        Http anonymous = http.withKey(null);
        FILES.forEach((path, type) -> {
            Http.Response r = anonymous.get(path);
            assertEquals(200, r.status(), path + ": " + r.body());
            assertTrue(r.contentType().startsWith(type), path + ": " + r.contentType());
            assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'self'"), path);
        });
        String html = anonymous.get("/ui/").body();
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "nothing loaded from elsewhere");
        assertTrue(anonymous.get("/ui/vendor/uplot/LICENSE").body().contains("MIT License"), "uPlot's licence ships with it");
        assertEquals(404, anonymous.get("/ui/missing.js").status());
        Http.Response bare = anonymous.get("/ui");
        assertTrue(bare.status() == 200 && bare.body().equals(html)
                || bare.status() / 100 == 3 && bare.headers().firstValue("Location").orElse("").endsWith("/ui/"),
                "/ui leads to the page: " + bare.status() + " " + bare.headers().map());
    }

    @Test
    void every_data_call_of_the_page_is_refused_without_a_key_with_a_401_problem() throws IOException {
        String ackPath = "/v1/alerts/00000000-0000-0000-0000-000000000000/ack";
        List<String> calls = List.of("/v1/fleet/at-risk", "/v1/alerts", "/v1/models", "/v1/models/" + LiveFleet.MODEL + "/drift",
                "/v1/assets/pump-1/score", "/v1/assets/pump-1/history");
        List<String> called = new ArrayList<>();
        for (String file : List.of("app.js", "api.js", "charts.js")) {
            Matcher m = API_PATH.matcher(resource(file));
            while (m.find()) {
                called.add(m.group(1));
            }
        }
        assertFalse(called.isEmpty());
        for (String path : called) {
            assertTrue(calls.stream().anyMatch(c -> c.startsWith(path)) || ackPath.startsWith(path),
                    "the page calls " + path + ", which this test does not check");
        }
        Http anonymous = http.withKey(null);
        for (String path : calls) {
            Http.Response r = anonymous.get(path);
            assertEquals(401, r.status(), path);
            assertTrue(r.contentType().startsWith("application/problem+json"), path);
            assertEquals(401, r.json().at("/status").asInt(), path);
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), path);
        }
        Http.Response ack = anonymous.post(ackPath, Map.of("note", "x"));
        assertEquals(401, ack.status());
        assertTrue(ack.contentType().startsWith("application/problem+json"));
        assertEquals(401, http.withKey("not-a-key-0123456789").get("/v1/assets/pump-1/history").status());
    }

    @Test
    void history_answers_the_streamed_readings_and_each_score() {
        LiveFleet.Hot hot = LiveFleet.hot();
        String asset = "trace-" + hot.machine();
        long second = hot.time();
        long first = second - 6 * LiveFleet.HOUR;
        LiveFleet.stream(http, asset, hot.machine(), first);
        for (long t = first + LiveFleet.HOUR; t <= second; t += LiveFleet.HOUR) {
            Map<String, Object> one = Map.of("readings", TestModels.azureReadings(hot.machine(), t, t + 1));
            assertEquals(200, http.post("/v1/assets/" + asset + "/readings", one).status());
        }
        JsonNode h = http.get("/v1/assets/" + asset + "/history").json();
        assertEquals(asset, h.at("/asset").asText());
        assertEquals(RecentHistory.DEFAULT_POINTS, h.at("/capacity").asInt());
        assertEquals(7, h.at("/scores/times").size(), "one score per call");
        assertEquals(LiveFleet.HOURS + 6, h.at("/readings/times").size(), "every reading streamed");
        JsonNode score = http.get("/v1/assets/" + asset + "/score").json();
        assertEquals(score.at("/scoredAt").asText(), h.at("/scores/times/6").asText());
        assertEquals(score.at("/risk/score").asDouble(), h.at("/scores/risks/6").asDouble(), TOLERANCE);
        assertEquals(score.at("/risk/band").asText(), h.at("/scores/bands/6").asText());
        List<Map<String, Object>> sent = TestModels.azureReadings(hot.machine(), second, second + 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) sent.get(0).get("values");
        for (JsonNode channel : h.at("/readings/channels")) {
            JsonNode series = h.at("/readings/values").get(channel.asText());
            assertEquals(((Number) values.get(channel.asText())).doubleValue(), series.get(series.size() - 1).asDouble(), TOLERANCE,
                    channel.asText());
        }

        assertEquals(404, http.withKey(Http.ADMIN_KEY).get("/v1/assets/" + asset + "/history?tenant=other").status(),
                "another tenant's asset of the same name has no history");
        Http.Response unknown = http.get("/v1/assets/never-seen/history");
        assertEquals(404, unknown.status());
        assertTrue(unknown.contentType().startsWith("application/problem+json"));
        assertEquals(204, http.withKey(Http.ADMIN_KEY).delete("/v1/assets/" + asset).status());
        assertEquals(404, http.get("/v1/assets/" + asset + "/history").status(), "deleting an asset forgets its history");
    }

    static String resource(String file) throws IOException {
        try (InputStream in = App.class.getResourceAsStream(App.UI_RESOURCES + "/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
