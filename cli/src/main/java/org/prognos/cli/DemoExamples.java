package org.prognos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.prognos.PrognosException;

/**
 * The demo's examples against its running service: each one is sent once (any answer but 200 stops the demo with its
 * problem detail), then printed as the {@code curl} line that sends the same request, so every example shown is known
 * to work. Apart from the demo's steps ({@link DemoCommand}) so that a step reads as the requests it makes.
 */
final class DemoExamples {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String scoreKey;
    private final PrintWriter out;

    /** Examples against {@code base} ({@code http://host:port}), sent with {@code scoreKey} unless a step says otherwise. */
    DemoExamples(String base, String scoreKey, PrintWriter out) {
        this.base = base;
        this.scoreKey = scoreKey;
        this.out = out;
    }

    /** The service's address, as the curl lines show it. */
    String base() {
        return base;
    }

    /** POSTs the JSON in {@code body} with the score key; the answer. */
    JsonNode post(String what, String path, Path body) throws IOException, InterruptedException {
        HttpRequest req = request(path, scoreKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofFile(body)).build();
        String shown = relative(body);
        return send(what, req, "curl -s -H \"Authorization: Bearer " + scoreKey + "\" -H 'Content-Type: application/json' \\\n"
                + "     '" + base + path + "' -d @" + shown);
    }

    /** POSTs nothing with {@code key}; the answer. */
    JsonNode postEmpty(String what, String path, String key) throws IOException, InterruptedException {
        return send(what, request(path, key).POST(HttpRequest.BodyPublishers.noBody()).build(),
                "curl -s -X POST -H \"Authorization: Bearer " + key + "\" '" + base + path + "'");
    }

    /** GETs {@code path} with {@code key} (null: no key); the answer, an empty object when it is not JSON. */
    JsonNode get(String what, String path, String key) throws IOException, InterruptedException {
        String auth = key == null ? "" : "-H \"Authorization: Bearer " + key + "\" ";
        return send(what, request(path, key).GET().build(), "curl -s " + auth + "'" + base + path + "'"
                + (path.equals("/metrics") ? " | grep '^prognos_'" : ""));
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(new URI(base + path)).timeout(Duration.ofSeconds(30));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        return key == null ? b : b.header("Authorization", "Bearer " + key);
    }

    private JsonNode send(String what, HttpRequest req, String curl) throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new PrognosException("demo example " + req.method() + " " + req.uri() + " answered " + res.statusCode() + ": " + res.body());
        }
        out.println();
        out.println("# " + what);
        out.println(curl);
        return res.headers().firstValue("Content-Type").orElse("").contains("json") ? JSON.readTree(res.body())
                : JSON.createObjectNode();
    }

    /** The body path as the user would type it from the directory they ran the demo in. */
    private String relative(Path body) {
        Path cwd = Path.of("").toAbsolutePath();
        return body.startsWith(cwd) ? cwd.relativize(body).toString() : body.toString();
    }
}
