package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.server.App;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;

/**
 * A bounded fuzz of the HTTP edge: a few thousand requests to every route of {@link App#ROUTES}, with a valid key,
 * whose bodies (byte flips, truncation, type swaps, huge numbers, deep nesting, bad UTF-8, lying lengths, wrong
 * Content-Type), paths, query strings and headers are mutated, sent over raw sockets so that what no HTTP client would
 * send reaches Jetty too. Every answer must be below 500 (but 505, the status HTTP prescribes for an unknown version);
 * every error an RFC 9457 problem whose {@code status} is the HTTP status; no answer may name a Java class or an
 * exception. After it the service is alive, ready, and scores.
 *
 * <p>The seed is random unless {@code -Dprognos.fuzz.seed=N} is given; it is printed (the one line this test writes),
 * published as a report entry and named in every failure, so
 * {@code ./mvnw -pl inference test -Dtest=EdgeFuzzTest -Dprognos.fuzz.seed=N} replays a run
 * ({@code -Dprognos.fuzz.cases=N} for a longer one; 3,000 by default, about 10 s).
 */
class EdgeFuzzTest {
    static final int CASES = Integer.getInteger("prognos.fuzz.cases", 3000);
    static final Pattern LEAK = Pattern.compile("(java|javax|jakarta|sun)\\.[a-z]+\\.|org\\.(eclipse|prognos|apache)\\.|com\\.fasterxml"
            + "|[A-Za-z]+(Exception|Error)\\b|\\bat [a-z]+\\.[a-z]+\\.[A-Za-z.$]+\\(|<html|<h1>|<pre>");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String WINDOW = "{\"asset\": \"m-1\", \"readings\": [{\"time\": 1, \"values\": {\"temp\": 60.5, \"vib\": 61}},"
            + " {\"time\": 2, \"values\": {\"temp\": 62, \"vib\": null}}], \"events\": [{\"kind\": \"maintenance\", \"code\": \"comp1\","
            + " \"time\": 1}], \"attributes\": {\"model\": \"m3\"}, \"asOf\": 3}";
    /** A valid body per POST route template. */
    static final Map<String, String> BODIES = Map.of(
            "/v1/models/{model}/score", WINDOW,
            "/v1/models/{model}/score-batch", "{\"assets\": [" + WINDOW + ", {\"asset\": \"m-2\", \"readings\": [{\"time\": 5,"
                    + " \"values\": {\"temp\": 1, \"vib\": 2}}]}]}",
            "/v1/models/{model}/reload", "",
            "/v1/assets/{asset}/readings", "{\"readings\": [{\"time\": 7, \"values\": {\"temp\": 60, \"vib\": 61}}],"
                    + " \"events\": [], \"attributes\": {\"site\": \"north\"}}",
            "/v1/alerts/{id}/ack", "{\"note\": \"checked the bearing\", \"by\": \"ops\"}");
    static final List<String> QUERIES = List.of("", "?explain=false", "?limit=5", "?model=pump", "?state=open&limit=3",
            "?explain=maybe", "?limit=-1", "?limit=99999999999999999999", "?model=..%2F..%2Fetc", "?since=yesterday",
            "?limit=1&limit=2", "?%zz=1", "?state=%00", "?asset=" + "x".repeat(500), "?delivery=dead&since=2015-01-01T00:00:00Z");
    static final List<String> SEGMENTS = List.of("pump", "pump-rul", "m-1", "..", "%2e%2e", "%00", "%ff", "%c3%28", "%2F", "a;b=c", "~",
            "*", "%20", "%25", "é", "x".repeat(300), ".hidden", "-", "null", "0", "pump%00", "../../etc/passwd", "%u0000");
    static final List<String> CONTENT_TYPES = List.of("", "text/plain", "application/xml", "application/json; charset=iso-8859-1",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "application/json;;;", "*/*", "application/",
            "application/json; charset=\"utf-16\"");
    static final List<String> HEADERS = List.of("X-Request-Id: " + "r".repeat(200), "X-Request-Id: <script>", "X-Request-Id: \u00e9",
            "Accept: text/html", "Accept: application/xml;q=0.9, */*;q=0.1", "Accept-Charset: utf-16", "Expect: 100-continue",
            "X-Prognos-Model: ../pump", "X-Prognos-Model: pump-rul", "Cookie: " + "c=1; ".repeat(50), "Range: bytes=0-10",
            "Connection: keep-alive, Upgrade", "Upgrade: websocket", "Sec-WebSocket-Key: x", "Content-Encoding: gzip",
            "Transfer-Encoding: identity", "If-None-Match: *", "X-Forwarded-For: 10.0.0.1", "Origin: http://evil.example");

    @TempDir
    static Path dir;
    static Server server;

    @BeforeAll
    static void start() {
        TestModels.pumpRegistry(dir.resolve("registry"));
        ServiceConfig config = TestServers.config().withLimits(new ServiceConfig.Limits(64 * 1024, 16, 200, 5, 512))
                .withClients(new ServiceConfig.Clients(1024, 5, 5, 64));
        server = TestServers.start(dir.resolve("registry"), config);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void mutated_requests_to_every_route_get_problems_never_5xx_and_the_service_survives(TestReporter reporter) {
        long seed = Long.getLong("prognos.fuzz.seed", new SecureRandom().nextLong());
        // printed, not only reported: a failure seen in CI's log must be replayable from that log alone
        System.out.println("EdgeFuzzTest seed " + seed + " (replay: -Dprognos.fuzz.seed=" + seed + ")");
        reporter.publishEntry("prognos.fuzz.seed", Long.toString(seed));
        String replay = " (replay: -Dprognos.fuzz.seed=" + seed + ")";
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CASES && failures.size() < 10; i++) {
            Request request = request(random);
            RawHttp.Response r;
            try {
                r = RawHttp.exchange(server.port(), request.bytes(), request.halfClose());
            } catch (UncheckedIOException e) {
                failures.add("case " + i + ": " + request + " -> no answer: " + e.getMessage());
                continue;
            }
            String label = "case " + i + ": " + request + " -> ";
            check(r, request.head()).ifPresent(why -> failures.add(label + why));
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures" + replay + ":\n" + String.join("\n", failures));

        Http http = new Http(server.port());
        assertEquals(200, http.withKey(null).get("/health/live").status(), "alive" + replay);
        assertEquals(200, http.withKey(null).get("/health/ready").status(), "ready" + replay);
        Http.Response score = http.postRaw("/v1/models/pump/score", WINDOW);
        assertEquals(200, score.status(), score.body() + replay);
    }

    /** Why an answer breaks the contract, if it does. */
    static java.util.Optional<String> check(RawHttp.Response r, boolean head) {
        String body = r.body();
        if (r.status() < 0) {
            return java.util.Optional.of("the connection closed without an answer");
        }
        if (r.status() >= 500 && r.status() != 505) {   // 505 is the status HTTP gives an unknown version: the client's fault
            return java.util.Optional.of("status " + r.status() + ": " + clip(body));
        }
        if (r.status() >= 400 && !head) {
            if (!r.contentType().startsWith("application/problem+json")) {
                return java.util.Optional.of("status " + r.status() + " as " + r.contentType() + ": " + clip(body));
            }
            try {
                JsonNode p = JSON.readTree(body);
                for (String field : List.of("type", "title", "status", "detail")) {
                    if (!p.hasNonNull(field) || p.get(field).asText().isBlank()) {
                        return java.util.Optional.of("problem without '" + field + "': " + clip(body));
                    }
                }
                if (p.get("status").asInt() != r.status()) {
                    return java.util.Optional.of("problem status " + p.get("status") + " on a " + r.status() + " answer");
                }
            } catch (IOException e) {
                return java.util.Optional.of("a problem that is not JSON: " + clip(body));
            }
            if (LEAK.matcher(body).find()) {
                return java.util.Optional.of("implementation details in the answer: " + clip(body));
            }
        }
        return java.util.Optional.empty();
    }

    /** One raw request, and whether the socket's output is shut after it (a body that ends before its length). */
    record Request(byte[] bytes, boolean halfClose, boolean head, String summary) {
        @Override
        public String toString() {
            return summary;
        }
    }

    static Request request(Random random) {
        String route = App.ROUTES.get(random.nextInt(App.ROUTES.size()));
        String method = route.substring(0, route.indexOf(' '));
        String template = route.substring(route.indexOf(' ') + 1);
        String path = template.replace("{model}", random.nextInt(4) == 0 ? pick(random, SEGMENTS) : "pump")
                .replace("{asset}", random.nextInt(4) == 0 ? pick(random, SEGMENTS) : "m-" + random.nextInt(5))
                .replace("{id}", random.nextInt(4) == 0 ? pick(random, SEGMENTS) : Long.toHexString(random.nextLong()));
        if (random.nextInt(8) == 0) {   // a mutated path: a segment replaced, added or doubled
            String[] parts = path.split("/", -1);
            int at = 1 + random.nextInt(parts.length - 1);
            parts[at] = random.nextBoolean() ? pick(random, SEGMENTS) : parts[at] + "/" + pick(random, SEGMENTS);
            path = String.join("/", parts);
        }
        if (random.nextInt(10) == 0) {
            method = pick(random, List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "FOO", "get"));
        }
        path += random.nextInt(3) == 0 ? pick(random, QUERIES) : "";
        String contentType = "application/json";
        byte[] body = new byte[0];
        String what = "";
        boolean lieShort = false;
        boolean lieLong = false;
        boolean chunked = false;
        if (method.equals("POST") || method.equals("PUT")) {
            String valid = BODIES.getOrDefault(template, "{}");
            int mutation = random.nextInt(12);
            what = "body mutation " + mutation;
            body = mutateBody(random, valid, mutation);
            if (random.nextInt(12) == 0) {
                contentType = pick(random, CONTENT_TYPES);
                what += ", Content-Type '" + contentType + "'";
            }
            int framing = random.nextInt(20);
            lieShort = framing == 0;
            lieLong = framing == 1;
            chunked = framing == 2;
        }
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        head.append("Authorization: Bearer ").append(random.nextInt(30) == 0 ? "x".repeat(random.nextInt(3000)) : Http.ADMIN_KEY).append("\r\n");
        if (!contentType.isEmpty() && body.length > 0) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        int extra = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
        for (int h = 0; h < extra; h++) {
            String header = pick(random, HEADERS);
            head.append(header).append("\r\n");
            what += ", " + (header.length() > 40 ? header.substring(0, 40) + "…" : header);
        }
        if (random.nextInt(15) == 0) {   // the request line or headers themselves broken
            String[][] breaks = {{" HTTP/1.1\r\n", " HTTP/1.7\r\n"}, {" HTTP/1.1\r\n", " HTTP/0.9\r\n"}, {" HTTP/1.1\r\n", " http/1.1\r\n"},
                {" HTTP/1.1\r\n", " HTTP/1.1 extra\r\n"}, {"Host: localhost\r\n", "Host: localhost\r\nX-Nul: a\u0000b\r\n"},
                {"Host: localhost\r\n", "Host: localhost\r\nX-Big: " + "b".repeat(12_000) + "\r\n"},
                {"Host: localhost\r\n", "Host: localhost\r\nBad Header: x\r\n"}, {"Host: localhost\r\n", "Host: a\r\nHost: b\r\n"},
                {"Host: localhost\r\n", "Host: localhost\r\n folded: continuation\r\n"}, {"\r\n", "\n"},
                {"Host: localhost\r\n", ""}, {" /", " " + "/v1".repeat(4000) + "/"}, {" /", "  /x y/"}, {" /", " \t/"}};
            String[] b = breaks[random.nextInt(breaks.length)];
            String broken = head.toString().replaceFirst(Pattern.quote(b[0]), java.util.regex.Matcher.quoteReplacement(b[1]));
            head.setLength(0);
            head.append(broken);
            what += ", head broken: " + clip(b[1]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (chunked) {
            head.append("Transfer-Encoding: chunked\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            int cut = body.length == 0 ? 0 : random.nextInt(body.length);
            chunk(out, body, 0, cut);
            chunk(out, body, cut, body.length);
            out.writeBytes((random.nextInt(4) == 0 ? "zz\r\n" : "0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            what += ", chunked";
        } else {
            long declared = lieShort ? Math.max(0, body.length - 1 - random.nextInt(Math.max(1, body.length))) : lieLong ? body.length + 1
                    + random.nextInt(100) : body.length;
            if (body.length > 0 || lieLong) {
                head.append("Content-Length: ").append(declared).append("\r\n");
            }
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(body);
            what += lieShort ? ", Content-Length short" : lieLong ? ", Content-Length long" : "";
        }
        String summary = method + " " + (path.length() > 80 ? path.substring(0, 80) + "…" : path) + " [" + what + "] "
                + clip(new String(body, StandardCharsets.UTF_8));
        return new Request(out.toByteArray(), lieLong, method.equals("HEAD"), summary);
    }

    private static void chunk(ByteArrayOutputStream out, byte[] body, int from, int to) {
        if (to > from) {
            out.writeBytes((Integer.toHexString(to - from) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, from, to - from);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** {@code valid} mutated one way; the kinds are numbered so a failure names its kind. */
    static byte[] mutateBody(Random random, String valid, int mutation) {
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        switch (mutation) {
            case 0 -> {   // byte flips
                if (bytes.length > 0) {
                    for (int k = 1 + random.nextInt(4); k > 0; k--) {
                        bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                return bytes;
            }
            case 1 -> {   // truncation, with a length that says so
                return java.util.Arrays.copyOf(bytes, bytes.length == 0 ? 0 : random.nextInt(bytes.length));
            }
            case 2, 3 -> {   // a value swapped for one of another type
                return tree(valid).map(t -> write(swap(random, t, List.of(JsonNodeFactory.instance.textNode("x"),
                        JsonNodeFactory.instance.numberNode(7), JsonNodeFactory.instance.booleanNode(true), JsonNodeFactory.instance.nullNode(),
                        JsonNodeFactory.instance.arrayNode().add(1), JsonNodeFactory.instance.objectNode().put("k", "v"),
                        JsonNodeFactory.instance.textNode("\u0000\ud800"), JsonNodeFactory.instance.textNode("y".repeat(600)))))).orElse(bytes);
            }
            case 4 -> {   // huge, tiny and non-finite numbers
                String[] numbers = {"1e309", "-1e400", "123456789012345678901234567890123456789", "1e-400", "9223372036854775808", "-0",
                    "NaN", "Infinity", "0x10", "1" + "0".repeat(70), "01", "1.", ".5"};
                return valid.replaceFirst("\\b\\d+(\\.\\d+)?\\b", numbers[random.nextInt(numbers.length)]).getBytes(StandardCharsets.UTF_8);
            }
            case 5 -> {   // deep nesting
                int depth = 20 + random.nextInt(5000);
                String deep = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                return valid.isEmpty() ? deep.getBytes(StandardCharsets.UTF_8)
                        : valid.replaceFirst("\\[", "[" + deep + ",").getBytes(StandardCharsets.UTF_8);
            }
            case 6 -> {   // bad UTF-8 inside a string or between tokens
                byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
                    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {0}};
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
                out.write(bytes, 0, at);
                out.writeBytes(bad[random.nextInt(bad.length)]);
                out.write(bytes, at, bytes.length - at);
                return out.toByteArray();
            }
            case 7 -> {   // duplicate keys, trailing tokens, comments, an unknown field
                String[] tails = {"{\"a\":1,\"a\":2}", " {}", " // c", "{\"readings\":[], \"readings\":[]}", "]", ",", "\u0000"};
                String t = tails[random.nextInt(tails.length)];
                return (t.startsWith("{") ? t : valid + t).getBytes(StandardCharsets.UTF_8);
            }
            case 8 -> {   // a body of another shape entirely
                String[] other = {"", "null", "[]", "\"text\"", "42", "true", "{}", "[" + valid + "]", "{\"assets\": {}}", "{\"readings\": null}",
                    "{\"readings\": [{}]}", "{\"time\": {}, \"values\": []}"};
                return other[random.nextInt(other.length)].getBytes(StandardCharsets.UTF_8);
            }
            case 9 -> {   // many readings (past limits.maxArrayLength)
                StringBuilder sb = new StringBuilder("{\"readings\": [");
                int n = 100 + random.nextInt(400);
                for (int k = 0; k < n; k++) {
                    sb.append(k == 0 ? "" : ",").append("{\"time\": ").append(k).append(", \"values\": {\"temp\": 1, \"vib\": 2}}");
                }
                return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            }
            case 10 -> {   // a body past limits.maxBodyBytes
                return ("{\"asset\": \"" + "z".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                return bytes;   // unchanged: the framing or headers carry the mutation
            }
        }
    }

    private static java.util.Optional<JsonNode> tree(String text) {
        try {
            return text.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(JSON.readTree(text));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static byte[] write(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code root} with one node, picked at random, replaced by one of {@code replacements}. */
    private static JsonNode swap(Random random, JsonNode root, List<JsonNode> replacements) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return replacements.get(random.nextInt(replacements.size()));
        }
        JsonNode c = containers.get(random.nextInt(containers.size()));
        JsonNode replacement = replacements.get(random.nextInt(replacements.size()));
        if (c instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            o.set(names.get(random.nextInt(names.size())), replacement);
        } else if (c instanceof ArrayNode a && a.size() > 0) {
            a.set(random.nextInt(a.size()), replacement);
        }
        return root;
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode() && n.size() > 0) {
            out.add(n);
            n.forEach(child -> collect(child, out));
        }
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String clip(String s) {
        String flat = s.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }
}
