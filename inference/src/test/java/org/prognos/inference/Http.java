package org.prognos.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the tests: JSON in, status + headers + body out. */
public final class Http {
    public static final String ADMIN_KEY = "admin-key-0123456789abcdef";
    public static final String SCORE_KEY = "score-key-0123456789abcdef";
    public static final String OPERATE_KEY = "operate-key-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String base;
    private final String key;

    public Http(int port) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), "http://127.0.0.1:" + port, SCORE_KEY);
    }

    private Http(HttpClient client, String base, String key) {
        this.client = client;
        this.base = base;
        this.key = key;
    }

    /** The same client sending {@code newKey} (null: no Authorization header). */
    public Http withKey(String newKey) {
        return new Http(client, base, newKey);
    }

    /** A response. */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    public Response post(String path, Object body) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            return postRaw(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response postRaw(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response send(HttpRequest.Builder b) {
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        try {
            HttpResponse<String> r = client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
