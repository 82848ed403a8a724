package org.prognos.inference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * MQTT ingestion: the broker, the subscriptions (a topic template naming the asset, the model its readings feed, the
 * payload format) and the topics the service publishes to. Off unless {@code url} is given. Every field but the URL
 * is optional:
 *
 * <pre>
 * mqtt:
 *   url: ssl://broker.example:8883      # tcp:// or mqtt:// for plain TCP, ssl:// or mqtts:// for TLS
 *   version: 5                          # 3 for MQTT 3.1.1
 *   clientId: prognos-1                 # the persistent session's id: keep it stable across restarts
 *   username: prognos
 *   passwordFile: /run/secrets/mqtt     # or passwordEnv: MQTT_PASSWORD
 *   tls: {caFile: ca.pem, keyStore: client.p12, keyStorePasswordEnv: MQTT_KEYSTORE_PASSWORD}
 *   subscriptions:
 *     - {topic: "fleet/{asset}/telemetry", model: azure-24h, format: json}
 *     - {topic: "spBv1.0/plant/+/+/+", model: pumps, format: sparkplug}
 *   deadLetterTopic: prognos/dead-letter   # + "/" + reason
 *   alertTopicPrefix: prognos              # alerts go to prognos/alerts/{asset}
 *   scoreTopic: prognos/scores/{asset}     # optional: every reading's score
 * </pre>
 *
 * @param url                 the broker; null turns MQTT off
 * @param version             5 (default) or 3 (3.1.1)
 * @param clientId            the client id of the persistent session ({@code prognos})
 * @param username            the user name, or null
 * @param passwordFile        a file holding the password (trailing newline ignored), or null
 * @param passwordEnv         an environment variable holding the password, or null
 * @param tls                 trust and client certificates for {@code ssl://}
 * @param subscriptions       what to subscribe to (default: {@code fleet/{asset}/telemetry}, JSON, the only model)
 * @param deadLetterTopic     where rejected messages are republished, with {@code /reason} appended
 * @param alertTopicPrefix    alerts are published to {@code {prefix}/alerts/{asset}}
 * @param scoreTopic          a topic template ({@code {asset}}) the score after each message is published to, or null
 * @param sessionExpirySeconds how long the broker keeps the session (and queues QoS 1 messages) while the service is
 *                             down (MQTT 5; 3.1.1 sessions do not expire)
 * @param maxBatch            most messages applied and made durable together (one fsync)
 * @param maxFutureSeconds    a reading later than now plus this is refused ({@code future_time}); only for models whose
 *                            time axis is a clock
 * @param receiveMaximum      most unacknowledged messages the broker may send at once (MQTT 5; 65,535, the protocol's
 *                            largest: Mosquitto 2.0.11 was seen sending past a smaller window when it had a backlog,
 *                            which the client answers by dropping the connection)
 */
public record MqttConfig(String url, int version, String clientId, String username, String passwordFile, String passwordEnv,
                         Tls tls, List<Subscription> subscriptions, String deadLetterTopic, String alertTopicPrefix,
                         String scoreTopic, double sessionExpirySeconds, int maxBatch, double maxFutureSeconds,
                         int receiveMaximum) {
    private static final Set<String> SCHEMES = Set.of("tcp", "mqtt", "ssl", "mqtts");

    public MqttConfig {
        if (url != null) {
            requireUrl(url);
        }
        if (version != 3 && version != 5) {
            throw new InvalidConfigException("'mqtt.version' must be 3 (MQTT 3.1.1) or 5, found " + version);
        }
        clientId = clientId == null || clientId.isBlank() ? "prognos" : clientId;
        tls = tls == null ? new Tls(null, null, null) : tls;
        subscriptions = subscriptions == null || subscriptions.isEmpty()
                ? List.of(new Subscription("fleet/{asset}/telemetry", null, "json")) : List.copyOf(subscriptions);
        deadLetterTopic = deadLetterTopic == null ? "prognos/dead-letter" : deadLetterTopic;
        alertTopicPrefix = alertTopicPrefix == null ? "prognos" : alertTopicPrefix;
        if (!(sessionExpirySeconds >= 0)) {
            throw new InvalidConfigException("'mqtt.sessionExpirySeconds' must not be negative, found " + sessionExpirySeconds);
        }
        if (maxBatch < 1) {
            throw new InvalidConfigException("'mqtt.maxBatch' must be at least 1, found " + maxBatch);
        }
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            throw new InvalidConfigException("'mqtt.receiveMaximum' must be between 1 and 65535, found " + receiveMaximum);
        }
    }

    @JsonCreator
    static MqttConfig of(@JsonProperty("url") String url, @JsonProperty("version") Integer version,
                         @JsonProperty("clientId") String clientId, @JsonProperty("username") String username,
                         @JsonProperty("passwordFile") String passwordFile, @JsonProperty("passwordEnv") String passwordEnv,
                         @JsonProperty("tls") Tls tls, @JsonProperty("subscriptions") List<Subscription> subscriptions,
                         @JsonProperty("deadLetterTopic") String deadLetterTopic,
                         @JsonProperty("alertTopicPrefix") String alertTopicPrefix, @JsonProperty("scoreTopic") String scoreTopic,
                         @JsonProperty("sessionExpirySeconds") Double sessionExpiry, @JsonProperty("maxBatch") Integer maxBatch,
                         @JsonProperty("maxFutureSeconds") Double maxFuture, @JsonProperty("receiveMaximum") Integer receiveMaximum) {
        return new MqttConfig(url, version == null ? 5 : version, clientId, username, passwordFile, passwordEnv, tls, subscriptions,
                deadLetterTopic, alertTopicPrefix, scoreTopic, sessionExpiry == null ? 86_400 : sessionExpiry,
                maxBatch == null ? 512 : maxBatch, maxFuture == null ? 3600 : maxFuture,
                receiveMaximum == null ? 65_535 : receiveMaximum);
    }

    /** MQTT off. */
    public static MqttConfig off() {
        return of(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The simple case ({@code prognos serve --mqtt URL}): every default, subscribed to {@code fleet/{asset}/telemetry}. */
    public static MqttConfig to(String url) {
        return of(url, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether MQTT ingestion runs. */
    public boolean enabled() {
        return url != null;
    }

    /** This config connecting to {@code newUrl}. */
    public MqttConfig withUrl(String newUrl) {
        return new MqttConfig(newUrl, version, clientId, username, passwordFile, passwordEnv, tls, subscriptions, deadLetterTopic,
                alertTopicPrefix, scoreTopic, sessionExpirySeconds, maxBatch, maxFutureSeconds, receiveMaximum);
    }

    /** This config with another client id (tests, several services on one broker). */
    public MqttConfig withClientId(String id) {
        return new MqttConfig(url, version, id, username, passwordFile, passwordEnv, tls, subscriptions, deadLetterTopic,
                alertTopicPrefix, scoreTopic, sessionExpirySeconds, maxBatch, maxFutureSeconds, receiveMaximum);
    }

    /** This config with other subscriptions. */
    public MqttConfig withSubscriptions(List<Subscription> s) {
        return new MqttConfig(url, version, clientId, username, passwordFile, passwordEnv, tls, s, deadLetterTopic,
                alertTopicPrefix, scoreTopic, sessionExpirySeconds, maxBatch, maxFutureSeconds, receiveMaximum);
    }

    /** This config publishing each score to {@code template}. */
    public MqttConfig withScoreTopic(String template) {
        return new MqttConfig(url, version, clientId, username, passwordFile, passwordEnv, tls, subscriptions, deadLetterTopic,
                alertTopicPrefix, template, sessionExpirySeconds, maxBatch, maxFutureSeconds, receiveMaximum);
    }

    /** This config logging in as {@code user} with the password in {@code file}. */
    public MqttConfig withLogin(String user, String file) {
        return new MqttConfig(url, version, clientId, user, file, passwordEnv, tls, subscriptions, deadLetterTopic,
                alertTopicPrefix, scoreTopic, sessionExpirySeconds, maxBatch, maxFutureSeconds, receiveMaximum);
    }

    /** This config with other TLS settings. */
    public MqttConfig withTls(Tls t) {
        return new MqttConfig(url, version, clientId, username, passwordFile, passwordEnv, t, subscriptions, deadLetterTopic,
                alertTopicPrefix, scoreTopic, sessionExpirySeconds, maxBatch, maxFutureSeconds, receiveMaximum);
    }

    /** This config speaking MQTT {@code v} (3 or 5). */
    public MqttConfig withVersion(int v) {
        return new MqttConfig(url, v, clientId, username, passwordFile, passwordEnv, tls, subscriptions, deadLetterTopic,
                alertTopicPrefix, scoreTopic, sessionExpirySeconds, maxBatch, maxFutureSeconds, receiveMaximum);
    }

    /** The broker's URI. */
    public URI uri() {
        return requireUrl(url);
    }

    /** Whether the connection is TLS. */
    public boolean secure() {
        String s = uri().getScheme().toLowerCase(Locale.ROOT);
        return s.equals("ssl") || s.equals("mqtts");
    }

    /** The broker's port (1883, or 8883 for TLS, when the URL names none). */
    public int port() {
        int p = uri().getPort();
        return p > 0 ? p : secure() ? 8883 : 1883;
    }

    private static URI requireUrl(String url) {
        try {
            URI u = new URI(url);
            if (u.getScheme() == null || !SCHEMES.contains(u.getScheme().toLowerCase(Locale.ROOT)) || u.getHost() == null) {
                throw new InvalidConfigException("'mqtt.url' must look like tcp://host:1883 or ssl://host:8883 (schemes "
                        + "tcp, mqtt, ssl, mqtts), found '" + url + "'");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new InvalidConfigException("'mqtt.url' is not a URL: '" + url + "' (" + e.getReason() + ")");
        }
    }

    /**
     * TLS for {@code ssl://}: whom to trust (a PEM file of CA certificates, else the JVM's default trust) and an
     * optional client certificate (a PKCS#12 key store; convert PEM with {@code openssl pkcs12 -export}).
     *
     * @param caFile              PEM CA certificates, or null
     * @param keyStore            a PKCS#12 file with the client's key and certificate, or null
     * @param keyStorePasswordEnv the environment variable holding its password
     */
    public record Tls(String caFile, String keyStore, String keyStorePasswordEnv) {
    }

    /**
     * One subscription.
     *
     * @param topic  a topic template: levels are literal, {@code +} (any), or {@code {asset}} (exactly once; the asset
     *               id); for Sparkplug B, a Sparkplug filter such as {@code spBv1.0/group/+/+/+}
     * @param model  the model the assets' readings feed; null: the only model served
     * @param format {@code json} (the body of the HTTP streaming call) or {@code sparkplug} (Sparkplug B)
     * @param tenant the tenant whose assets the messages feed (the asset namespace, as an API key's {@code tenant=});
     *               null: the default tenant
     */
    public record Subscription(String topic, String model, String format, String tenant) {
        /** Tenant names, as {@code org.prognos.inference.tenant.Tenant} checks them (this package imports none other). */
        private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

        public Subscription {
            if (topic == null || topic.isBlank()) {
                throw new InvalidConfigException("'mqtt.subscriptions[].topic' is required");
            }
            format = format == null ? "json" : format.toLowerCase(Locale.ROOT);
            if (!format.equals("json") && !format.equals("sparkplug")) {
                throw new InvalidConfigException("'mqtt.subscriptions[].format' must be json or sparkplug, found '" + format + "'");
            }
            if (tenant != null && !TENANT.matcher(tenant).matches()) {
                throw new InvalidConfigException("'mqtt.subscriptions[].tenant' must be 1 to 64 letters, digits, '.', '_' or"
                        + " '-', starting with a letter or digit");
            }
        }

        /** A subscription feeding the default tenant. */
        public Subscription(String topic, String model, String format) {
            this(topic, model, format, null);
        }

        @JsonCreator
        static Subscription of(@JsonProperty("topic") String topic, @JsonProperty("model") String model,
                               @JsonProperty("format") String format, @JsonProperty("tenant") String tenant) {
            return new Subscription(topic, model, format, tenant);
        }
    }
}
