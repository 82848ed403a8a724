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
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.http.ApiDocs;
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
    void metrics_are_prometheus_text_with_request_latency_per_route_and_scores_per_band() throws InterruptedException {
        new Http(server.port()).post("/v1/models/pump/score", Map.of("readings", List.of(Map.of("time", 1, "values", Map.of("temp", 60, "vib", 61)))));
        // a request is counted by the request logger, which Jetty runs after the answer is sent: a scrape at once may
        // come first, so read until the score request shows (or 10 s pass; the assertion below then fails)
        String route = "route=\"/v1/models/{model}/score\"";
        Http.Response r = anonymous.get("/metrics");
        for (long end = System.nanoTime() + 10_000_000_000L; !r.body().contains(route) && System.nanoTime() < end; ) {
            Thread.sleep(20);
            r = anonymous.get("/metrics");
        }
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("text/plain"), r.contentType());
        String m = r.body();
        for (String name : List.of("prognos_http_requests_total", "prognos_http_request_duration_seconds_bucket",
                "prognos_scores_total{band=", "prognos_model_version{model=\"pump\"} 1.0", "prognos_asset_states",
                "prognos_http_requests_in_flight", "prognos_readings_ingested_total")) {
            assertTrue(m.contains(name), name + " in\n" + m);
        }
        assertTrue(m.contains(route), "routes are labelled by template, not by path");
    }

    @Test
    void openapi_describes_exactly_the_routes_and_every_reference_resolves() {
        JsonNode doc = anonymous.get("/openapi.json").json();
        assertTrue(doc.at("/openapi").asText().startsWith("3.0"));
        assertFalse(doc.at("/info/title").asText().isEmpty());
        assertEquals(new HashSet<>(App.ROUTES), documentedRoutes(doc));
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
    void every_registered_route_is_in_openapi_and_every_openapi_operation_is_a_registered_route() {
        List<String> registered = server.routes();
        assertEquals(registered.size(), new HashSet<>(registered).size(), "no route registered twice: " + registered);
        Set<String> documented = documentedRoutes(anonymous.get("/openapi.json").json());
        Set<String> undocumented = new TreeSet<>(registered);
        undocumented.removeAll(documented);
        Set<String> unregistered = new TreeSet<>(documented);
        unregistered.removeAll(registered);
        assertTrue(undocumented.isEmpty(), "registered but missing from openapi.json: " + undocumented);
        assertTrue(unregistered.isEmpty(), "in openapi.json but not registered: " + unregistered);
        assertEquals(new HashSet<>(App.ROUTES), new HashSet<>(registered), "App.ROUTES lists the registered routes");
        assertTrue(registered.contains("POST /v1/models/{model}/score") && registered.contains("GET /docs"), registered.toString());
    }

    static Set<String> documentedRoutes(JsonNode doc) {
        Set<String> documented = new HashSet<>();
        doc.at("/paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(
                method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        return documented;
    }

    @Test
    void docs_page_loads_only_the_services_own_assets_and_links_every_problem_type() {
        Http.Response r = anonymous.get("/docs");
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("text/html"));
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("connect-src 'self'") && csp.startsWith("default-src 'none'"), csp);
        String html = r.body();
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no external resources");
        Matcher loaded = Pattern.compile("<(?:script src|link rel=\"stylesheet\" href)=\"([^\"]+)\"").matcher(html);
        List<String> assets = new ArrayList<>();
        while (loaded.find()) {
            assets.add(loaded.group(1));
        }
        assertEquals(List.of(ApiDocs.ASSETS + "/swagger-ui/swagger-ui.css", ApiDocs.ASSETS + "/swagger-ui/swagger-ui-bundle.js",
                ApiDocs.ASSETS + "/docs.js"), assets);
        for (String asset : assets) {
            Http.Response a = anonymous.get(asset);
            assertEquals(200, a.status(), asset + " is served without a key");
            assertTrue(a.body().length() > 100, asset);
        }
        assertTrue(anonymous.get(ApiDocs.ASSETS + "/swagger-ui/swagger-ui-bundle.js").body().contains("SwaggerUIBundle"));
        assertTrue(anonymous.get(ApiDocs.ASSETS + "/docs.js").body().contains("url: '/openapi.json'"));
        Http.Response missing = anonymous.get(ApiDocs.ASSETS + "/nothing.js");
        assertEquals(404, missing.status());
        assertTrue(missing.contentType().startsWith("application/problem+json"), missing.contentType());
        for (String slug : List.of("invalid-request", "payload-too-large", "model-not-found")) {
            assertTrue(html.contains("<tr id=\"problem-" + slug + "\"><td><code>/docs#problem-" + slug + "</code>"), slug);
        }
    }
}
