package org.prognos.inference;

import static org.prognos.inference.ConfigChecks.or;
import static org.prognos.inference.ConfigChecks.positive;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.prognos.live.alert.AlertRule;
import org.prognos.models.bundle.Names;

/**
 * Alerts: an asset's alert opens after {@code consecutive} scores in a row beyond its model's alarm threshold and
 * closes after as many past the hysteresis level (see {@link AlertRule}); every opening, closing and
 * acknowledgement is delivered at least once to each webhook (and to MQTT, when the service has a broker).
 *
 * @param consecutive     K, scores in a row that open or close an alert (3)
 * @param hysteresis      fraction of the threshold a score must go back past to count towards closing (0.2)
 * @param webhooks        the webhooks alert events are posted to (none)
 * @param deliveryThreads threads that deliver to destinations (2); each destination gets one asset's events in order
 */
public record AlertsConfig(int consecutive, double hysteresis, List<Webhook> webhooks, int deliveryThreads) {
    public AlertsConfig {
        if (consecutive < 1 || consecutive > AlertRule.MAX_CONSECUTIVE) {
            throw new InvalidConfigException("'alerts.consecutive' must be between 1 and " + AlertRule.MAX_CONSECUTIVE
                    + ", found " + consecutive);
        }
        if (!(hysteresis >= 0 && hysteresis < 1)) {
            throw new InvalidConfigException("'alerts.hysteresis' must be at least 0 and below 1, found " + hysteresis);
        }
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        Set<String> names = new HashSet<>();
        for (Webhook w : webhooks) {
            if (!names.add(w.name())) {
                throw new InvalidConfigException("'alerts.webhooks' names the webhook '" + w.name() + "' twice; names must be unique");
            }
        }
        positive("alerts.deliveryThreads", deliveryThreads);
    }

    @JsonCreator
    static AlertsConfig of(@JsonProperty("consecutive") Integer consecutive, @JsonProperty("hysteresis") Double hysteresis,
                     @JsonProperty("webhooks") List<Webhook> webhooks, @JsonProperty("deliveryThreads") Integer threads) {
        AlertsConfig d = defaults();
        return new AlertsConfig(or(consecutive, d.consecutive), or(hysteresis, d.hysteresis), webhooks, or(threads, d.deliveryThreads));
    }

    /** K = 3, hysteresis 0.2, no webhook, two delivery threads. */
    public static AlertsConfig defaults() {
        return new AlertsConfig(3, 0.2, List.of(), 2);
    }

    /** The rule these settings describe. */
    public AlertRule rule() {
        return new AlertRule(consecutive, hysteresis);
    }

    /**
     * A webhook: every alert event is POSTed to {@code url} as JSON, signed with HMAC-SHA256 under a secret read from
     * a file or an environment variable (never from this file, never logged). A 2xx answer delivers it; anything
     * else is retried with exponential backoff and full jitter, and after {@code maxAttempts} the event is
     * dead-lettered.
     *
     * @param name                  the webhook's name in metrics, logs and the alert's deliveries
     * @param url                   an http or https URL (not repeated in messages: it may hold a token)
     * @param secretFile            a file holding the signing secret (surrounding white space ignored), or null
     * @param secretEnv             an environment variable holding the secret, or null; exactly one of the two
     * @param maxAttempts           attempts before the event is dead-lettered (12: about 18 min of retries at most)
     * @param initialBackoffSeconds the backoff ceiling after the first failure, doubled after each (1)
     * @param maxBackoffSeconds     the largest backoff ceiling (300)
     * @param timeoutSeconds        connect and answer timeout of one attempt (10)
     */
    public record Webhook(String name, String url, String secretFile, String secretEnv, int maxAttempts,
                          double initialBackoffSeconds, double maxBackoffSeconds, double timeoutSeconds) {
        /** Most attempts a webhook may be given. */
        public static final int MAX_ATTEMPTS = 100;

        public Webhook {
            if (name == null || !Names.MODEL_NAME.matcher(name).matches()) {
                throw new InvalidConfigException("a webhook's 'name' must be 1 to 64 letters, digits, '.', '_' or '-', starting"
                        + " with a letter or digit, found " + (name == null ? "none" : "'" + name + "'"));
            }
            String where = "webhook '" + name + "': ";
            if (!httpUrl(url)) {
                throw new InvalidConfigException(where + "'url' must be an absolute http or https URL with a host (not"
                        + " repeated here: it may hold a token)");
            }
            if ((secretFile == null) == (secretEnv == null)) {
                throw new InvalidConfigException(where + "give exactly one of 'secretFile' and 'secretEnv' (the signing"
                        + " secret; it never goes in this file)");
            }
            if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
                throw new InvalidConfigException(where + "'maxAttempts' must be between 1 and " + MAX_ATTEMPTS + ", found " + maxAttempts);
            }
            positive("alerts.webhooks." + name + ".initialBackoffSeconds", initialBackoffSeconds);
            positive("alerts.webhooks." + name + ".timeoutSeconds", timeoutSeconds);
            if (!(maxBackoffSeconds >= initialBackoffSeconds)) {
                throw new InvalidConfigException(where + "'maxBackoffSeconds' (" + maxBackoffSeconds
                        + ") must be at least 'initialBackoffSeconds' (" + initialBackoffSeconds + ")");
            }
        }

        @JsonCreator
        static Webhook of(@JsonProperty("name") String name, @JsonProperty("url") String url,
                          @JsonProperty("secretFile") String secretFile, @JsonProperty("secretEnv") String secretEnv,
                          @JsonProperty("maxAttempts") Integer maxAttempts,
                          @JsonProperty("initialBackoffSeconds") Double initialBackoff,
                          @JsonProperty("maxBackoffSeconds") Double maxBackoff, @JsonProperty("timeoutSeconds") Double timeout) {
            return new Webhook(name, url, secretFile, secretEnv, or(maxAttempts, 12), or(initialBackoff, 1.0),
                    or(maxBackoff, 300.0), or(timeout, 10.0));
        }

        /** A webhook with the default retries and timeout, signed with the secret in {@code secretEnv}. */
        public static Webhook of(String name, String url, String secretEnv) {
            return of(name, url, null, secretEnv, null, null, null, null);
        }

        private static boolean httpUrl(String url) {
            if (url == null) {
                return false;
            }
            try {
                URI u = new URI(url);
                return u.isAbsolute() && u.getHost() != null
                        && ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()));
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }
}
