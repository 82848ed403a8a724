package org.prognos.cli.simulate;

import com.hivemq.client.mqtt.MqttVersion;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.prognos.features.InvalidSpecException;

/**
 * Where and how to connect: the broker's URL, TLS, credentials, the MQTT versions to try and the client id.
 * {@link #toString()} never shows the password.
 *
 * @param url      the URL as given, for messages ({@code tcp://127.0.0.1:1883})
 * @param host     the broker's host name or address
 * @param port     its port
 * @param tls      whether to speak TLS ({@code ssl://}, {@code mqtts://} or {@code --tls})
 * @param caFile   PEM certificates to trust instead of the JVM's defaults (TLS only)
 * @param username the user name, if the broker wants one
 * @param password the password, if the broker wants one
 * @param versions the protocol versions to try, in order: the next one only when the broker refuses the protocol
 * @param clientId the MQTT client identifier
 */
public record BrokerSettings(String url, String host, int port, boolean tls, Optional<Path> caFile, Optional<String> username,
                             Optional<String> password, List<MqttVersion> versions, String clientId) {
    /** Port of plain MQTT. */
    public static final int MQTT_PORT = 1883;
    /** Port of MQTT over TLS. */
    public static final int MQTTS_PORT = 8883;
    /** MQTT 5, then MQTT 3.1.1 when the broker speaks only that (Moquette 0.17, the embedded broker, does). */
    public static final List<MqttVersion> PREFER_5 = List.of(MqttVersion.MQTT_5_0, MqttVersion.MQTT_3_1_1);

    public BrokerSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(clientId, "clientId");
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("versions: at least one MQTT version");
        }
        if (port < 1 || port > 65_535) {
            throw new InvalidSpecException("--broker: port " + port + " of " + url + " is not 1 to 65535");
        }
        if (caFile.isPresent() && !tls) {
            throw new InvalidSpecException("--cafile is for TLS: add --tls or use an ssl:// or mqtts:// URL");
        }
        if (password.isPresent() && username.isEmpty()) {
            throw new InvalidSpecException("--password-file needs --username");
        }
    }

    /**
     * Settings for a broker URL: {@code tcp://} or {@code mqtt://} (port 1883 unless given), {@code ssl://},
     * {@code mqtts://} or {@code tls://} (TLS, port 8883), no credentials, {@link #PREFER_5}, a random client id.
     */
    public static BrokerSettings parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new InvalidSpecException("--broker: '" + url + "' is not a URL such as tcp://127.0.0.1:1883 (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "tcp", "mqtt" -> false;
            case "ssl", "mqtts", "tls" -> true;
            default -> throw new InvalidSpecException("--broker: '" + url + "' is not a URL such as tcp://127.0.0.1:1883"
                    + " (tcp:// or mqtt:// for plain MQTT, ssl:// or mqtts:// for TLS)");
        };
        if (uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
            throw new InvalidSpecException("--broker: '" + url + "' is not a URL such as tcp://127.0.0.1:1883 (a host and"
                    + " an optional port, nothing more)");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? MQTTS_PORT : MQTT_PORT;
        return new BrokerSettings(url.trim(), host, port, tls, Optional.empty(), Optional.empty(), Optional.empty(), PREFER_5,
                randomClientId());
    }

    /** A client id unique enough for one run, 20 characters (MQTT 3.1.1 servers must take up to 23). */
    static String randomClientId() {
        return String.format(Locale.ROOT, "prognos-sim-%08x", ThreadLocalRandom.current().nextInt());
    }

    /**
     * These settings over TLS, trusting {@code caFile}'s certificates when given, else the JVM's; on port 8883 when the
     * URL named none.
     */
    public BrokerSettings withTls(Optional<Path> caFile) {
        int p = URI.create(url).getPort() < 0 ? MQTTS_PORT : port;
        return new BrokerSettings(url, host, p, true, caFile, username, password, versions, clientId);
    }

    /** These settings with a user name and, when given, the password read from {@code passwordFile} (first line). */
    public BrokerSettings withCredentials(String username, Optional<Path> passwordFile) {
        Optional<String> pw = passwordFile.map(BrokerSettings::readPassword);
        return new BrokerSettings(url, host, port, tls, caFile, Optional.of(username), pw, versions, clientId);
    }

    /** These settings trying {@code versions} in order. */
    public BrokerSettings withVersions(List<MqttVersion> versions) {
        return new BrokerSettings(url, host, port, tls, caFile, username, password, versions, clientId);
    }

    /** These settings with another client id. */
    public BrokerSettings withClientId(String clientId) {
        return new BrokerSettings(url, host, port, tls, caFile, username, password, versions, clientId);
    }

    private static String readPassword(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        } catch (IOException e) {
            throw new InvalidSpecException("--password-file: cannot read " + file + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public String toString() {
        return "BrokerSettings[" + url + (tls ? ", TLS" : "") + caFile.map(f -> ", CA " + f).orElse("")
                + username.map(u -> ", user " + u + (password.isPresent() ? " with a password" : "")).orElse("")
                + ", " + versions + ", client " + clientId + "]";
    }
}
