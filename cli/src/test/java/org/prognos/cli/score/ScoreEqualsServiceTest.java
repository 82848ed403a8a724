package org.prognos.cli.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.cli.CliRun;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.security.ApiKeys;
import org.prognos.inference.security.Role;
import org.prognos.inference.server.Server;
import org.prognos.models.predict.Predictors;

/**
 * {@code prognos score} writes what the service answers: the same rows posted to a real service (port 0) as
 * windows of the asset's raw history with {@code asOf} the row's time give, to {@link #TOLERANCE}, every output in
 * the file: risk, health index, P(any failure) and each class's probability, or the remaining useful life; the band,
 * the alarm and the time scored at exactly; and with {@code --explain} the top features and their contributions.
 * Both models of {@link ScoreFixtures}: a grid spec on timestamps with events and attributes, and a cycle spec.
 */
class ScoreEqualsServiceTest {
    static final double TOLERANCE = 1e-9;
    static final String KEY = "score-key-0123456789abcdef";

    static Server server;
    static HttpClient http;

    @TempDir
    Path tmp;

    @BeforeAll
    static void service() {
        ServiceConfig config = ServiceConfig.defaults().withHost("127.0.0.1").withPort(0).withReload(new ServiceConfig.Reload(0));
        server = Server.start(ScoreFixtures.registry(), config, ApiKeys.of(Map.of(KEY, Role.SCORE)), Predictors.standard());
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void rows_on_a_24h_grid_equal_the_service_answers_as_of_their_times() throws Exception {
        Set<String> assets = Set.of("asset-0003", "asset-0017", "asset-0029");
        List<Map<String, String>> rows = score(ScoreFixtures.FLEET, ScoreFixtures.fleet(), null, "--assets", String.join(",", assets),
                "--every", "24h");
        assertEquals(assets, assetsOf(rows));
        ServiceWindows windows = new ServiceWindows(ScoreFixtures.fleet(), null, assets);
        int compared = 0;
        for (int i = 0; i < rows.size(); i += 7) {
            Map<String, String> row = rows.get(i);
            long t = windows.axis().parse(row.get("time"));
            assertSame(row, post(ScoreFixtures.FLEET, windows.body(row.get("asset"), t, true), false));
            compared++;
        }
        assertTrue(compared >= 20, "compared " + compared + " of " + rows.size() + " rows");
    }

    @Test
    void explained_rows_as_of_a_time_equal_the_service_answers_with_their_top_features() throws Exception {
        List<Map<String, String>> rows = score(ScoreFixtures.FLEET, ScoreFixtures.fleet(), null, "--as-of", "2024-02-20 00:00:00",
                "--explain", "3");
        assertEquals(40, rows.size());
        ServiceWindows windows = new ServiceWindows(ScoreFixtures.fleet(), null, assetsOf(rows));
        for (Map<String, String> row : rows) {
            assertEquals("2024-02-20 00:00:00", row.get("time"));
            JsonNode answer = post(ScoreFixtures.FLEET, windows.body(row.get("asset"), windows.axis().parse(row.get("time")), true), true);
            assertSame(row, answer);
            for (int k = 1; k <= 3; k++) {
                JsonNode f = answer.path("explanation").path("topFeatures").get(k - 1);
                assertEquals(f.path("feature").asText(), row.get("feature_" + k), row.toString());
                assertNear(f.path("contribution").asDouble(), row.get("contribution_" + k), "contribution_" + k, row);
            }
        }
    }

    @Test
    void last_rows_equal_the_service_answers_for_the_whole_history() throws Exception {
        List<Map<String, String>> rows = score(ScoreFixtures.FLEET, ScoreFixtures.fleet(), null, "--last", "--assets", "asset-0005,asset-0036");
        assertEquals(Set.of("asset-0005", "asset-0036"), assetsOf(rows));
        ServiceWindows windows = new ServiceWindows(ScoreFixtures.fleet(), null, assetsOf(rows));
        for (Map<String, String> row : rows) {
            assertSame(row, post(ScoreFixtures.FLEET, windows.body(row.get("asset"), Long.MAX_VALUE, true), false));
        }
    }

    @Test
    void remaining_life_of_test_engines_equals_the_service_at_every_cycle_and_at_the_last() throws Exception {
        Path cmapss = ScoreFixtures.notebooksData().resolve("cmapss");
        Set<String> engines = new LinkedHashSet<>(List.of("3", "24", "81"));
        List<Map<String, String>> rows = score(ScoreFixtures.RUL, cmapss, "FD001:test", "--assets", String.join(",", engines));
        List<Map<String, String>> last = score(ScoreFixtures.RUL, cmapss, "FD001:test", "--assets", String.join(",", engines), "--last");
        assertEquals(engines, assetsOf(rows));
        assertEquals(3, last.size());
        ServiceWindows windows = new ServiceWindows(cmapss, "FD001:test", engines);
        for (int i = 0; i < rows.size(); i += 11) {
            Map<String, String> row = rows.get(i);
            assertSame(row, post(ScoreFixtures.RUL, windows.body(row.get("asset"), Long.parseLong(row.get("time")), false), false));
        }
        for (Map<String, String> row : last) {
            Map<String, String> same = rows.stream().filter(r -> r.get("asset").equals(row.get("asset")))
                    .reduce((a, b) -> b).orElseThrow();
            assertEquals(same, row, "--last is the spec's row at the last cycle");
            assertSame(row, post(ScoreFixtures.RUL, windows.body(row.get("asset"), Long.MAX_VALUE, false), false));
        }
    }

    /** Runs {@code prognos score} and reads its CSV back as one map per row. */
    private List<Map<String, String>> score(String model, Path data, String subset, String... options) throws IOException {
        Path out = Files.createTempFile(tmp, "scores", ".csv");
        List<String> args = new ArrayList<>(List.of("score", "--registry", ScoreFixtures.registry().toString(), "--model", model,
                "--data", data.toString(), "--out", out.toString(), "--threads", "2", "--batch", "16"));
        if (subset != null) {
            args.addAll(List.of("--subset", subset));
        }
        args.addAll(List.of(options));
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        List<Map<String, String>> rows = ScoreFixtures.csvRows(lines);
        assertTrue(r.out().startsWith("scored " + rows.size() + " rows of "), r.out());
        return rows;
    }

    private static Set<String> assetsOf(List<Map<String, String>> rows) {
        Set<String> s = new LinkedHashSet<>();
        rows.forEach(r -> s.add(r.get("asset")));
        return s;
    }

    private static JsonNode post(String model, String body, boolean explain) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/models/" + model + "/score?explain="
                + explain)).header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return ServiceWindows.JSON.readTree(r.body());
    }

    /** Every column of {@code row} against the service's answer; every output of the answer has a column. */
    private static void assertSame(Map<String, String> row, JsonNode answer) {
        assertEquals(answer.path("asset").asText(), row.get("asset"));
        assertEquals(answer.path("scoredAt").asText(), row.get("time"), row.toString());
        assertNear(answer.path("risk").path("score").asDouble(), row.get("risk"), "risk", row);
        assertEquals(answer.path("risk").path("band").asText(), row.get("band"), row.toString());
        assertEquals(answer.path("risk").path("alarm").asText(), row.get("alarm"), row.toString());
        assertNear(answer.path("healthIndex").asDouble(), row.get("health_index"), "health_index", row);
        JsonNode failure = answer.path("failure");
        if (failure.isObject()) {
            assertNear(failure.path("any").asDouble(), row.get("failure_any"), "failure_any", row);
            int classes = 0;
            for (var it = failure.path("byComponent").fields(); it.hasNext(); classes++) {
                var e = it.next();
                assertNear(e.getValue().asDouble(), row.get("p_" + e.getKey()), "p_" + e.getKey(), row);
            }
            assertEquals(classes, row.keySet().stream().filter(k -> k.startsWith("p_")).count(), "a column per class");
            assertTrue(classes >= 1);
        } else {
            assertNear(answer.path("remainingUsefulLife").path("value").asDouble(), row.get("rul"), "rul", row);
        }
    }

    private static void assertNear(double expected, String cell, String column, Map<String, String> row) {
        assertEquals(expected, Double.parseDouble(cell), TOLERANCE, column + " of " + row);
    }
}
