package org.prognos.flink.mqtt;

import java.io.Serializable;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the job's MQTT clients connect and as whom (MQTT 5). Every subscriber and publisher of the job derives its
 * client id from {@code clientId}: subscriber {@code i} is {@code {clientId}-in-{i}} (a persistent session the broker
 * keeps for {@code sessionExpirySeconds} while the job restarts), publishers are {@code {clientId}-{sink}-{i}}.
 *
 * @param url                  {@code tcp://host:1883}, or {@code ssl://host:8883} for TLS with the JVM's trust store
 * @param clientId             the prefix of the job's client ids; unique per job on the broker
 * @param username             the user name, "" for none
 * @param passwordEnv          the environment variable holding the password, "" for none (never the password itself:
 *                             the config travels with the job graph)
 * @param sessionExpirySeconds how long the broker keeps a subscriber's session (and its unacknowledged messages) while
 *                             the job is down
 */
public record MqttBroker(String url, String clientId, String username, String passwordEnv,
                         long sessionExpirySeconds) implements Serializable {
    public MqttBroker {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(clientId, "clientId");
        username = username == null ? "" : username;
        passwordEnv = passwordEnv == null ? "" : passwordEnv;
        URI u = URI.create(url);
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("tcp") && !scheme.equals("ssl") || u.getHost() == null) {
            throw new IllegalArgumentException("mqtt url must be tcp://host:port or ssl://host:port, found '" + url + "'");
        }
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("mqtt clientId must not be empty");
        }
        if (sessionExpirySeconds < 0) {
            throw new IllegalArgumentException("mqtt sessionExpirySeconds must not be negative, found " + sessionExpirySeconds);
        }
    }

    /** A broker with no login, sessions kept a day. */
    public static MqttBroker anonymous(String url, String clientId) {
        return new MqttBroker(url, clientId, "", "", 86_400);
    }

    URI uri() {
        return URI.create(url);
    }

    boolean secure() {
        return uri().getScheme().equalsIgnoreCase("ssl");
    }

    int port() {
        int p = uri().getPort();
        return p > 0 ? p : secure() ? 8883 : 1883;
    }

    Optional<String> user() {
        return username.isEmpty() ? Optional.empty() : Optional.of(username);
    }
}
