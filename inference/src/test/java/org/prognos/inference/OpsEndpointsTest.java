package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.server.App;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;

/** Health, metrics, the OpenAPI document and the docs page. */
class OpsEndpointsTest {
    @TempDir
    static Path dir;
    static Server server;
    static Http anonymous;

    @BeforeAll
    static void start() {
        TestModels.pumpRegistry(dir.resolve("registry"));
        server = TestServers.start(dir.resolve("registry"));
        anonymous = new Http(server.port()).withKey(null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void health_is_open_and_names_the_models() {
        JsonNode live = anonymous.get("/health/live").json();
        assertEquals("up", live.at("/status").asText());
        assertEquals("[\"pump:1\",\"pump-rul:1\"]", live.at("/models").toString());
        assertEquals("ready", anonymous.get("/health/ready").json().at("/status").asText());
    }

    @Test
    void metrics_are_prometheus_text_with_request_latency_per_route_and_scores_per_band() {
        new Http(server.port()).post("/v1/models/pump/score", Map.of("readings", List.of(Map.of("time", 1, "values", Map.of("temp", 60, "vib", 61)))));
        Http.Response r = anonymous.get("/metrics");
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("text/plain"), r.contentType());
        String m = r.body();
        for (String name : List.of("prognos_http_requests_total", "prognos_http_request_duration_seconds_bucket",
                "prognos_scores_total{band=", "prognos_model_version{model=\"pump\"} 1.0", "prognos_asset_states",
                "prognos_http_requests_in_flight", "prognos_readings_ingested_total")) {
            assertTrue(m.contains(name), name + " in\n" + m);
        }
        assertTrue(m.contains("route=\"/v1/models/{model}/score\""), "routes are labelled by template, not by path");
    }

    @Test
    void openapi_describes_exactly_the_routes_and_every_reference_resolves() {
        JsonNode doc = anonymous.get("/openapi.json").json();
        assertTrue(doc.at("/openapi").asText().startsWith("3.0"));
        assertFalse(doc.at("/info/title").asText().isEmpty());
        Set<String> documented = new HashSet<>();
        doc.at("/paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(
                method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        assertEquals(new HashSet<>(App.ROUTES), documented);
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertTrue(refs.size() > 30);
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), ref);
            assertFalse(doc.at(ref.substring(1)).isMissingNode(), "unresolved " + ref);
        }
        doc.at("/paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            assertTrue(op.getValue().has("operationId") && op.getValue().has("summary") && op.getValue().has("responses"), p.getKey());
            for (JsonNode param : op.getValue().path("parameters")) {
                JsonNode resolved = param.has("$ref") ? doc.at(param.get("$ref").asText().substring(1)) : param;
                if (resolved.at("/in").asText().equals("path")) {
                    assertTrue(p.getKey().contains("{" + resolved.at("/name").asText() + "}"), p.getKey());
                }
            }
        }));
    }

    static void collectRefs(JsonNode n, List<String> out) {
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (e.getKey().equals("$ref")) {
                    out.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), out);
                }
            }
        } else if (n.isArray()) {
            n.forEach(c -> collectRefs(c, out));
        }
    }

    @Test
    void docs_page_is_self_contained_and_covers_every_route_and_problem_type() {
        Http.Response r = anonymous.get("/docs");
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("text/html"));
        String html = r.body();
        Matcher external = Pattern.compile("(src|href)=\"(https?:)?//").matcher(html);
        assertFalse(external.find(), "no external resources");
        assertFalse(html.contains("<script"), "no script");
        for (String route : App.ROUTES) {
            assertTrue(html.contains("<code>" + route.substring(route.indexOf(' ') + 1) + "</code>"), route);
        }
        assertTrue(html.contains("id=\"problem-invalid-request\""));
        assertTrue(html.contains("id=\"problem-payload-too-large\""));
    }
}
