package org.prognos.inference.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.prognos.inference.report.HeadlessChromium;

/**
 * One page of a headless Chromium driven over the DevTools protocol: Chromium started with
 * {@code --remote-debugging-port=0}, its page target reached through a WebSocket of Java's {@link HttpClient}. It
 * navigates, evaluates scripts, waits for conditions, takes screenshots, and records every console message, uncaught
 * exception and browser log entry (a failed load, a CSP refusal) of the page as a problem. Closing it ends Chromium.
 */
final class DevToolsPage implements AutoCloseable {
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process chromium;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private DevToolsPage(Process chromium, WebSocket socket) {
        this.chromium = chromium;
        this.socket = socket;
    }

    /** Starts Chromium on an empty page of {@code width} x {@code height}, its profile and log under {@code work}. */
    static DevToolsPage open(HeadlessChromium browser, Path work, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path profile = Files.createTempDirectory(work, "profile");
        Process p = new ProcessBuilder(browser.executable().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
                "--remote-debugging-port=0", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true).redirectOutput(work.resolve("chromium.log").toFile()).start();
        try {
            int port = port(profile.resolve("DevToolsActivePort"), p);
            HttpClient http = HttpClient.newHttpClient();
            String url = null;
            for (JsonNode t : JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body())) {
                if (t.path("type").asText().equals("page")) {
                    url = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (url == null) {
                throw new IOException("chromium has no page target");
            }
            Listener listener = new Listener();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(url), listener).get(30, TimeUnit.SECONDS);
            DevToolsPage page = new DevToolsPage(p, ws);
            listener.page = page;
            page.send("Runtime.enable", Map.of());
            page.send("Log.enable", Map.of());
            page.send("Page.enable", Map.of());
            return page;
        } catch (IOException | InterruptedException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("cannot reach chromium's DevTools: " + e, e);
        }
    }

    /** The port Chromium writes to its profile once it listens. */
    private static int port(Path file, Process p) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.size() >= 2) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!p.isAlive()) {
                throw new IOException("chromium exited with " + p.exitValue() + " before listening");
            }
            Thread.sleep(50);
        }
        throw new IOException("chromium wrote no DevToolsActivePort within 60 s");
    }

    /** Sends a command and waits for its result. */
    JsonNode send(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", JSON.valueToTree(params));
        socket.sendText(msg.toString(), true).join();
        JsonNode r;
        try {
            r = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(method + " got no answer: " + e, e);
        }
        if (r.has("error")) {
            throw new IllegalStateException(method + " failed: " + r.get("error"));
        }
        return r.path("result");
    }

    /** Navigates to {@code url} and waits until it has loaded. */
    void navigate(String url) {
        send("Page.navigate", Map.of("url", url));
        await("the page to load", () -> evaluate("document.readyState").asText().equals("complete"), COMMAND_TIMEOUT);
    }

    /** The value of a script (a promise is awaited). */
    JsonNode evaluate(String expression) {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Waits until {@code condition} holds, checking every 100 ms. */
    void await(String what, BooleanSupplier condition, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + patience.toSeconds() + " s for " + what + "; page problems: " + problems());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Writes a PNG of the whole page as laid out now (beyond the window's height too). */
    void screenshot(Path png) throws IOException {
        String data = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true)).path("data").asText();
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(data));
    }

    /** Console messages, uncaught exceptions and browser log entries of the page so far. */
    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    private synchronized void problem(String p) {
        problems.add(p);
    }

    private void onMessage(JsonNode m) {
        if (m.has("id")) {
            CompletableFuture<JsonNode> f = waiting.remove(m.get("id").asInt());
            if (f != null) {
                f.complete(m);
            }
            return;
        }
        JsonNode p = m.path("params");
        switch (m.path("method").asText()) {
            case "Runtime.consoleAPICalled" -> problem("console." + p.path("type").asText() + ": " + p.path("args"));
            case "Runtime.exceptionThrown" -> problem("uncaught: " + p.path("exceptionDetails"));
            case "Log.entryAdded" -> problem("log " + p.path("entry").path("level").asText() + ": " + p.path("entry").path("text").asText()
                    + " " + p.path("entry").path("url").asText());
            default -> { }
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser ends below either way
        }
        chromium.destroy();
        if (!chromium.waitFor(10, TimeUnit.SECONDS)) {
            chromium.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Assembles text frames into messages. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        volatile DevToolsPage page;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    DevToolsPage p = page;
                    JsonNode m = JSON.readTree(message);
                    if (p != null) {
                        p.onMessage(m);
                    } else if (m.has("id")) {
                        throw new IllegalStateException("an answer before the page was set up");
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("DevTools sent no JSON: " + message, e);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
