package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.prognos.inference.http.HttpIo;
import org.prognos.inference.server.App;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;

/**
 * Every error is a problem document, those Jetty answers itself included (a bad request line, a NUL in the path, a
 * URI or headers too long, an unknown HTTP version): no HTML page, no exception class or text. A body shorter than
 * its Content-Length says so; a body that is not JSON is 415 before it is read.
 */
class EdgeProblemsTest {
    static final String AUTH = "Authorization: Bearer " + Http.SCORE_KEY + "\r\n";
    static final String SCORE = "/v1/models/pump/score";
    static final String WINDOW = "{\"readings\": [{\"time\": 1, \"values\": {\"temp\": 60, \"vib\": 61}}]}";
    /** Text that betrays the implementation: a Java class, an exception, an HTML page, Jetty's own reasons. */
    static final Pattern LEAK = Pattern.compile("(?i)(java\\.|jakarta\\.|org\\.eclipse|com\\.fasterxml|org\\.prognos\\.|exception"
            + "|<html|<h1|<pre|bad message|reason:|jetty)");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Server server;
    static Http http;

    @BeforeAll
    static void start() {
        TestModels.pumpRegistry(dir.resolve("registry"));
        server = TestServers.start(dir.resolve("registry"), TestServers.config().withLimits(new ServiceConfig.Limits(4096, 8, 50, 3, 256)));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Asserts an RFC 9457 problem of {@code status} with nothing of the implementation in it; returns it. */
    static JsonNode problem(int status, String contentType, String body) {
        assertTrue(contentType.startsWith("application/problem+json"), contentType + ": " + body);
        assertFalse(LEAK.matcher(body).find(), body);
        try {
            JsonNode p = JSON.readTree(body);
            assertEquals(status, p.at("/status").asInt(), body);
            assertTrue(p.at("/type").asText().startsWith("/docs#problem-"), body);
            assertFalse(p.at("/title").asText().isBlank(), body);
            assertFalse(p.at("/detail").asText().isBlank(), body);
            assertFalse(p.at("/requestId").asText().isBlank(), body);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    static JsonNode problem(RawHttp.Response r, int status) {
        assertEquals(status, r.status(), r.body());
        JsonNode p = problem(status, r.contentType(), r.body());
        assertEquals(r.headers().get("x-request-id"), p.at("/requestId").asText());
        return p;
    }

    static Stream<Arguments> jettyRefusals() {
        String close = "Connection: close\r\n\r\n";
        return Stream.of(
                Arguments.of("a request line that is not HTTP", "GARBAGE\r\n\r\n", 400),
                Arguments.of("a NUL in the path", "GET /health/%00live HTTP/1.1\r\nHost: x\r\n" + close, 400),
                Arguments.of("a NUL in a model name", "GET /v1/models/pu%00mp HTTP/1.1\r\nHost: x\r\n" + AUTH + close, 400),
                Arguments.of("a bad percent escape", "GET /v1/models/pu%zzmp HTTP/1.1\r\nHost: x\r\n" + AUTH + close, 400),
                Arguments.of("no Host header", "GET /health/live HTTP/1.1\r\n" + close, 400),
                Arguments.of("two Content-Lengths", "POST " + SCORE + " HTTP/1.1\r\nHost: x\r\n" + AUTH
                        + "Content-Type: application/json\r\nContent-Length: 5\r\nContent-Length: 6\r\n" + close + "abcde", 400),
                Arguments.of("a Content-Length that is no number", "POST " + SCORE + " HTTP/1.1\r\nHost: x\r\n" + AUTH
                        + "Content-Type: application/json\r\nContent-Length: abc\r\n" + close, 400),
                Arguments.of("a broken chunk size", "POST " + SCORE + " HTTP/1.1\r\nHost: x\r\n" + AUTH
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n" + close + "ZZ\r\nabc\r\n0\r\n\r\n", 400),
                Arguments.of("an absolute URI naming another host", "GET http://elsewhere/v1/models HTTP/1.1\r\nHost: x\r\n" + AUTH + close, 400),
                Arguments.of("a URI of 20,000 characters", "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n" + close, 414),
                Arguments.of("a 20,000-byte header", "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n" + close, 431),
                Arguments.of("HTTP/7.3", "GET /health/live HTTP/7.3\r\nHost: x\r\n" + close, 505),
                Arguments.of("an HTTP/2 preface on HTTP/1.1", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 426));
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("jettyRefusals")
    void what_jetty_refuses_itself_is_a_problem_not_an_html_page(String what, String request, int status) {
        JsonNode p = problem(RawHttp.exchange(server.port(), request), status);
        assertFalse(p.at("/detail").asText().contains("%00"), "the refused request is not echoed");
    }

    @Test
    void a_body_shorter_than_its_content_length_is_400_saying_so() {
        byte[] request = ("POST " + SCORE + " HTTP/1.1\r\nHost: x\r\n" + AUTH + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                + "{\"readings\": [").getBytes(StandardCharsets.ISO_8859_1);
        JsonNode p = problem(RawHttp.exchange(server.port(), request, true), 400);
        assertEquals("the body ended before its declared Content-Length (14 of 100 bytes arrived)", p.at("/detail").asText());
        assertEquals(SCORE, p.at("/instance").asText());
    }

    @Test
    void a_body_declared_over_the_limit_is_413_at_once_without_sending_it() {
        long t0 = System.nanoTime();
        JsonNode p = problem(RawHttp.exchange(server.port(), "POST " + SCORE + " HTTP/1.1\r\nHost: x\r\n" + AUTH
                + "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n"), 413);
        assertTrue(p.at("/detail").asText().contains("exceeds the limit of 4096 bytes"), p.toString());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "answered without waiting for the body (or the idle timeout)");
    }

    @ParameterizedTest(name = "Content-Type ''{0}'' is 415")
    @ValueSource(strings = {"", "text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x",
        "application/json; charset=iso-8859-1", "application/jsonp", "application/+json", "json"})
    void a_body_that_is_not_json_is_415_on_every_post_route(String contentType) {
        for (String route : App.ROUTES) {
            if (!route.startsWith("POST ")) {
                continue;
            }
            String path = route.substring(5).replace("{model}", "pump").replace("{asset}", "a1").replace("{id}", "x");
            String request = "POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + Http.ADMIN_KEY + "\r\n"
                    + (contentType.isEmpty() ? "" : "Content-Type: " + contentType + "\r\n")
                    + "Content-Length: " + WINDOW.length() + "\r\nConnection: close\r\n\r\n" + WINDOW;
            JsonNode p = problem(RawHttp.exchange(server.port(), request), 415);
            assertTrue(p.at("/detail").asText().contains("Content-Type"), p.toString());
            assertEquals("/docs#problem-unsupported-media-type", p.at("/type").asText());
        }
    }

    @ParameterizedTest(name = "Content-Type ''{0}'' is JSON")
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\"",
        "application/vnd.prognos+json"})
    void json_with_or_without_a_utf8_charset_is_accepted(String contentType) {
        Http.Response r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + SCORE))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(WINDOW)));
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void a_post_without_a_body_needs_no_content_type() {
        Http.Response r = http.withKey(Http.ADMIN_KEY).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/v1/models/pump/reload")).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void a_missing_key_is_401_before_the_content_type_is_judged() {
        Http.Response r = http.withKey(null).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + SCORE))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(WINDOW)));
        assertEquals(401, r.status(), r.body());
    }

    @Test
    void json_media_types_are_recognised_by_type_and_charset() {
        for (String yes : List.of("application/json", "APPLICATION/JSON ; charset=utf8", "application/problem+json", "application/json;v=2")) {
            assertTrue(HttpIo.isJson(yes), yes);
        }
        for (String no : Stream.of("text/json", "application/json;charset=latin1", "application/+json", "application/json-seq").toList()) {
            assertFalse(HttpIo.isJson(no), no);
        }
        assertFalse(HttpIo.isJson(null));
    }

    @Test
    void the_openapi_document_gives_every_post_route_its_415_and_408() {
        JsonNode doc = http.withKey(null).get("/openapi.json").json();
        for (String route : App.ROUTES) {
            if (route.startsWith("POST ")) {
                JsonNode responses = doc.at("/paths").get(route.substring(5)).at("/post/responses");
                assertEquals("#/components/responses/UnsupportedMediaType", responses.at("/415/$ref").asText(), route);
                assertEquals("#/components/responses/RequestTimeout", responses.at("/408/$ref").asText(), route);
            }
        }
    }

    @Test
    void the_docs_list_every_problem_type_jetty_can_produce() {
        String html = http.withKey(null).get("/docs").body();
        for (String slug : List.of("request-timeout", "uri-too-long", "unsupported-media-type", "headers-too-large", "http-version-not-supported",
                "unavailable")) {
            assertTrue(html.contains("id=\"problem-" + slug + "\""), slug);
        }
    }
}
