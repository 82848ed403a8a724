package org.prognos.inference.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.prognos.inference.AlertsConfig;
import org.prognos.inference.InvalidConfigException;
import org.prognos.live.alert.WebhookSignature;

/**
 * Posts alert events to a webhook as JSON, signed. Each attempt sends the event's document ({@link AlertMessage#body()},
 * the same bytes every time) with these headers:
 * <ul>
 * <li>{@value #ALERT_ID}: the alert's stable id; {@value #EVENT}: {@code opened}, {@code closed} or {@code acked};</li>
 * <li>{@value #DELIVERY}: the same for every attempt at this event for this webhook (de-duplicate on it, or on the
 * alert id and event); {@value #ATTEMPT}: 1, 2, …;</li>
 * <li>{@value #TIMESTAMP}: this attempt's Unix time in seconds;</li>
 * <li>{@value #SIGNATURE}: {@code sha256=} and the hex HMAC-SHA256, under the webhook's secret, of the timestamp, a
 * dot and the body. A receiver recomputes it, compares in constant time, and refuses old timestamps (replays).</li>
 * </ul>
 * A 2xx answer delivers the event; anything else, a timeout or a refused connection is retried. Redirects are not
 * followed. The secret is never logged, and the URL (which may hold a token) appears nowhere but in the request.
 */
public final class WebhookDestination implements AlertDestination {
    /** The alert's stable id. */
    public static final String ALERT_ID = WebhookSignature.ALERT_ID;
    /** {@code opened}, {@code closed} or {@code acked}. */
    public static final String EVENT = WebhookSignature.EVENT;
    /** The same for every attempt at one event for one webhook. */
    public static final String DELIVERY = WebhookSignature.DELIVERY;
    /** 1, 2, …, counting on across restarts. */
    public static final String ATTEMPT = WebhookSignature.ATTEMPT;
    /** The attempt's Unix time in seconds, part of what is signed. */
    public static final String TIMESTAMP = WebhookSignature.TIMESTAMP;
    /** {@code sha256=} and the hex HMAC-SHA256 of the timestamp, a dot and the body. */
    public static final String SIGNATURE = WebhookSignature.SIGNATURE;

    private final String name;
    private final URI url;
    private final WebhookSignature secret;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient client;

    /**
     * A webhook.
     *
     * @param name    its name
     * @param url     where to post
     * @param secret  the signing secret (copied)
     * @param retry   its retries
     * @param timeout connect and answer timeout of one attempt
     * @param clock   the clock of the timestamps
     */
    public WebhookDestination(String name, URI url, byte[] secret, RetryPolicy retry, Duration timeout, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.url = Objects.requireNonNull(url, "url");
        if (secret.length == 0) {
            throw new IllegalArgumentException("webhook '" + name + "': the signing secret is empty");
        }
        this.secret = new WebhookSignature(secret);
        this.retry = Objects.requireNonNull(retry, "retry");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The webhook {@code config} describes, its secret read from its file or from its variable in {@code env}.
     *
     * @throws InvalidConfigException when the secret cannot be read or is empty (the message names the
     *                                              file or variable, never the secret)
     */
    public static WebhookDestination of(AlertsConfig.Webhook config, Map<String, String> env, Clock clock) {
        RetryPolicy retry = new RetryPolicy(config.maxAttempts(), seconds(config.initialBackoffSeconds()),
                seconds(config.maxBackoffSeconds()));
        return new WebhookDestination(config.name(), URI.create(config.url()), secretOf(config, env), retry,
                seconds(config.timeoutSeconds()), clock);
    }

    private static byte[] secretOf(AlertsConfig.Webhook config, Map<String, String> env) {
        String where = "webhook '" + config.name() + "': ";
        String secret;
        if (config.secretFile() != null) {
            try {
                secret = Files.readString(Path.of(config.secretFile()), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new InvalidConfigException(where + "cannot read the secret file " + config.secretFile()
                        + ": " + e.getMessage(), e);
            }
        } else {
            secret = env.getOrDefault(config.secretEnv(), "").strip();
        }
        if (secret.isEmpty()) {
            throw new InvalidConfigException(where + "no signing secret in " + (config.secretFile() != null
                    ? "the file " + config.secretFile() : "the environment variable $" + config.secretEnv()));
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.max(1, Math.round(s * 1000)));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RetryPolicy retry() {
        return retry;
    }

    /** Posts the event; returns on a 2xx answer. */
    @Override
    public void deliver(AlertMessage message, int attempt) throws IOException, InterruptedException {
        byte[] body = message.body();
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "prognos-alerts")
                .header(ALERT_ID, message.alertId())
                .header(EVENT, message.event().label())
                .header(DELIVERY, message.deliveryId())
                .header(ATTEMPT, Integer.toString(attempt))
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, signature(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> answer = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() / 100 != 2) {
            throw new DeliveryException("webhook '" + name + "' answered HTTP " + answer.statusCode());
        }
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of {@code timestamp + "." + body} under this webhook's secret. */
    String signature(String timestamp, byte[] body) {
        return secret.sign(timestamp, body);
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret}. */
    public static String signature(byte[] secret, String timestamp, byte[] body) {
        return new WebhookSignature(secret).sign(timestamp, body);
    }

    @Override
    public String toString() {
        return "webhook '" + name + "'";
    }
}
