package org.prognos.flink.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.prognos.PrognosException;
import org.prognos.flink.score.AlertEvent;
import org.prognos.live.alert.WebhookSignature;

/**
 * Posts each alert change to a webhook, signed as the service signs its webhooks ({@link WebhookSignature}: the same
 * headers, the same HMAC-SHA256 of timestamp, dot and body), the body being the {@link AlertEvent} as JSON. At least
 * once: a post is retried with doubling backoff until a 2xx answer, and {@code write} returns only then, so no
 * checkpoint completes over an undelivered alert; after {@code maxAttempts} the job fails and restarts from its last
 * checkpoint, which sends the alert again. {@code X-Prognos-Delivery} is the alert's id and event, the same on every
 * attempt and after a restore: a receiver de-duplicates on it.
 *
 * @param url         where to post
 * @param secretEnv   the environment variable of the task managers holding the signing secret, "" when
 *                    {@code secretFile} is given (never the secret itself: the sink travels with the job graph)
 * @param secretFile  a file on every task manager holding the secret (a mounted secret), "" when {@code secretEnv} is
 * @param maxAttempts attempts per alert before the job fails
 */
public record WebhookSink(String url, String secretEnv, String secretFile, int maxAttempts) implements Sink<AlertEvent> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long FIRST_BACKOFF_MILLIS = 200;
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    public WebhookSink {
        Objects.requireNonNull(url, "url");
        secretEnv = secretEnv == null ? "" : secretEnv;
        secretFile = secretFile == null ? "" : secretFile;
        URI u = URI.create(url);
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
            throw new IllegalArgumentException("webhook url must be http:// or https://, found '" + url + "'");
        }
        if (secretEnv.isBlank() == secretFile.isBlank()) {
            throw new IllegalArgumentException("webhook: give one of secretEnv (a variable) or secretFile (a file) holding"
                    + " the signing secret");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("webhook maxAttempts must be at least 1, found " + maxAttempts);
        }
    }

    @Override
    public SinkWriter<AlertEvent> createWriter(WriterInitContext context) {
        return new Writer(signer(System.getenv()));
    }

    /** The signer of the secret in {@code secretFile} or {@code env}. */
    WebhookSignature signer(Map<String, String> env) {
        String where = secretFile.isEmpty() ? "the environment variable $" + secretEnv : "the file " + secretFile;
        String secret;
        try {
            secret = secretFile.isEmpty() ? env.getOrDefault(secretEnv, "").strip()
                    : Files.readString(Path.of(secretFile), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new PrognosException("webhook " + URI.create(url).getHost() + ": cannot read " + where + ": " + e.getMessage(), e);
        }
        if (secret.isEmpty()) {
            throw new PrognosException("webhook " + URI.create(url).getHost() + ": no signing secret in " + where
                    + " on this task manager");
        }
        return new WebhookSignature(secret.getBytes(StandardCharsets.UTF_8));
    }

    private final class Writer implements SinkWriter<AlertEvent> {
        private final WebhookSignature signer;
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();

        Writer(WebhookSignature signer) {
            this.signer = signer;
        }

        @Override
        public void write(AlertEvent alert, Context context) throws IOException, InterruptedException {
            byte[] body = JSON.writeValueAsBytes(alert);
            long backoff = FIRST_BACKOFF_MILLIS;
            String last = "";
            for (int attempt = 1; attempt <= maxAttempts; attempt++) {
                String timestamp = Long.toString(System.currentTimeMillis() / 1000);
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "prognos-flink-alerts")
                        .header(WebhookSignature.ALERT_ID, alert.id())
                        .header(WebhookSignature.EVENT, alert.event())
                        .header(WebhookSignature.DELIVERY, alert.deliveryKey())
                        .header(WebhookSignature.ATTEMPT, Integer.toString(attempt))
                        .header(WebhookSignature.TIMESTAMP, timestamp)
                        .header(WebhookSignature.SIGNATURE, signer.sign(timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                try {
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status / 100 == 2) {
                        return;
                    }
                    last = "HTTP " + status;
                } catch (IOException e) {
                    last = e.toString();
                }
                if (attempt < maxAttempts) {
                    Thread.sleep(backoff);
                    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                }
            }
            // the URL may hold a token: name its host only
            throw new IOException("webhook " + URI.create(url).getHost() + " did not take alert " + alert.deliveryKey()
                    + " in " + maxAttempts + " attempts (last: " + last + "); the job restarts and sends it again");
        }

        @Override
        public void flush(boolean endOfInput) {
            // write returns only once delivered: nothing is pending
        }

        @Override
        public void close() {
        }
    }
}
