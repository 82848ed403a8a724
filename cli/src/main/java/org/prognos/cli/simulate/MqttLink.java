package org.prognos.cli.simulate;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttVersion;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.exceptions.MqttDecodeException;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.prognos.features.InvalidSpecException;

/**
 * One connection to a broker, MQTT 5 or 3.1.1: HiveMQ's two asynchronous client APIs behind one publish call, with an
 * optional last will and subscriptions for the commands a format answers. Clean session, no automatic reconnect: a
 * simulator that lost its broker says so and stops (see {@link Publisher}).
 */
sealed interface MqttLink permits MqttLink.V5, MqttLink.V3 {
    /** Seconds allowed to open the socket, and then for the broker's CONNACK. */
    int CONNECT_TIMEOUT_SECONDS = 10;
    /** Seconds between keep-alive pings when idle. */
    int KEEP_ALIVE_SECONDS = 30;

    /** The protocol version spoken. */
    MqttVersion version();

    /**
     * Sends one message. The payload is the client's until the returned future completes (QoS 0: written to the socket;
     * QoS 1: acknowledged), exceptionally when the message is lost.
     */
    CompletableFuture<?> publish(MqttTopic topic, MqttQos qos, ByteBuffer payload);

    /**
     * Subscribes to {@code filter} at QoS 1, waiting for the broker's answer; {@code handler} gets each message's
     * topic and payload on the client's thread.
     *
     * @throws BrokerException naming the URL when the broker refuses the subscription or does not answer
     */
    void subscribe(String filter, BiConsumer<String, byte[]> handler);

    /** Disconnects, waiting a few seconds at most. */
    void disconnect();

    /**
     * Connects with the first of {@link BrokerSettings#versions()} the broker speaks, registering {@code will}.
     *
     * @throws BrokerException naming the URL when the broker cannot be reached or refuses the connection
     */
    static MqttLink connect(BrokerSettings settings, Optional<Connection.Will> will) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(will, "will");
        Throwable refused = null;
        for (MqttVersion version : settings.versions()) {
            try {
                return version == MqttVersion.MQTT_5_0 ? V5.connect(settings, will) : V3.connect(settings, will);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                if (!refusedProtocol(version, cause)) {
                    throw failure(settings, version, cause);
                }
                refused = cause;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrokerException("interrupted while connecting to the MQTT broker at " + settings.url(), e);
            }
        }
        throw new BrokerException("the MQTT broker at " + settings.url() + " refused MQTT " + names(settings)
                + (settings.versions().contains(MqttVersion.MQTT_3_1_1) ? "" : "; try --mqtt-version 3"), refused);
    }

    /** Whether the broker answered a CONNECT of {@code version} as one that does not speak it. */
    private static boolean refusedProtocol(MqttVersion version, Throwable e) {
        if (version != MqttVersion.MQTT_5_0) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // an MQTT 3.1.1 broker answers with return code 1, which is no MQTT 5 reason code
            if (t instanceof MqttDecodeException && String.valueOf(t.getMessage()).contains("CONNACK")) {
                return true;
            }
            if (t instanceof Mqtt5ConnAckException c
                    && c.getMqttMessage().getReasonCode() == Mqtt5ConnAckReasonCode.UNSUPPORTED_PROTOCOL_VERSION) {
                return true;
            }
        }
        return false;
    }

    private static String names(BrokerSettings settings) {
        return String.join(" and ", settings.versions().stream().map(v -> v == MqttVersion.MQTT_5_0 ? "5" : "3.1.1").toList());
    }

    /** A one-line reason naming the URL. */
    private static BrokerException failure(BrokerSettings settings, MqttVersion version, Throwable e) {
        String at = "the MQTT broker at " + settings.url();
        if (e instanceof Mqtt5ConnAckException c) {
            return new BrokerException(at + " refused the connection: " + c.getMqttMessage().getReasonCode(), e);
        }
        if (e instanceof Mqtt3ConnAckException c) {
            return new BrokerException(at + " refused the connection: " + c.getMqttMessage().getReturnCode(), e);
        }
        if (e instanceof TimeoutException) {
            return new BrokerException("cannot reach " + at + ": no answer within " + CONNECT_TIMEOUT_SECONDS + " s", e);
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return new BrokerException("cannot reach " + at + ": connection refused", e);
            }
            if (t instanceof UnknownHostException) {
                return new BrokerException("cannot reach " + at + ": unknown host " + settings.host(), e);
            }
            if (t instanceof SSLException) {
                return new BrokerException("TLS with " + at + " failed: " + t.getMessage(), e);
            }
        }
        String v = version == MqttVersion.MQTT_5_0 ? "5" : "3.1.1";
        return new BrokerException("cannot connect to " + at + " (MQTT " + v + "): " + rootMessage(e), e);
    }

    /** Waits for a subscription's acknowledgement. */
    private static void subscribed(CompletableFuture<?> suback, String filter, String url) {
        try {
            suback.get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted while subscribing to " + filter + " at the MQTT broker at " + url, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new BrokerException("the MQTT broker at " + url + " did not grant a subscription to " + filter + ": "
                    + rootMessage(e), e);
        }
    }

    /** The innermost cause's message. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The TLS configuration: the JVM's trust store, or the certificates of {@code caFile}. */
    private static MqttClientSslConfig ssl(BrokerSettings settings) {
        if (settings.caFile().isEmpty()) {
            return MqttClientSslConfig.builder().build();
        }
        Path file = settings.caFile().get();
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new InvalidSpecException("--cafile: no certificate in " + file);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return MqttClientSslConfig.builder().trustManagerFactory(trust).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidSpecException("--cafile: cannot read PEM certificates from " + file + " (" + e.getMessage() + ")");
        }
    }

    /** MQTT 5. */
    final class V5 implements MqttLink {
        private final Mqtt5AsyncClient client;
        private final String url;

        private V5(Mqtt5AsyncClient client, String url) {
            this.client = client;
            this.url = url;
        }

        static V5 connect(BrokerSettings s, Optional<Connection.Will> will)
                throws ExecutionException, TimeoutException, InterruptedException {
            var builder = Mqtt5Client.builder().identifier(s.clientId()).serverHost(s.host()).serverPort(s.port())
                    .transportConfig()
                    .socketConnectTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .mqttConnectTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .applyTransportConfig();
            if (s.tls()) {
                builder = builder.sslConfig(ssl(s));
            }
            Mqtt5AsyncClient client = builder.buildAsync();
            Mqtt5ConnectBuilder.Send<CompletableFuture<Mqtt5ConnAck>> connect =
                    client.connectWith().cleanStart(true).keepAlive(KEEP_ALIVE_SECONDS);
            if (will.isPresent()) {
                connect = connect.willPublish().topic(will.get().topic()).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(will.get().payload()).applyWillPublish();
            }
            if (s.username().isPresent()) {
                var auth = connect.simpleAuth().username(s.username().get());
                connect = (s.password().isPresent() ? auth.password(s.password().get().getBytes(StandardCharsets.UTF_8)) : auth)
                        .applySimpleAuth();
            }
            connect.send().get(3L * CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new V5(client, s.url());
        }

        @Override
        public MqttVersion version() {
            return MqttVersion.MQTT_5_0;
        }

        @Override
        public CompletableFuture<?> publish(MqttTopic topic, MqttQos qos, ByteBuffer payload) {
            return client.publish(Mqtt5Publish.builder().topic(topic).qos(qos).payload(payload).build());
        }

        @Override
        public void subscribe(String filter, BiConsumer<String, byte[]> handler) {
            subscribed(client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE)
                    .callback(p -> handler.accept(p.getTopic().toString(), p.getPayloadAsBytes())).send(), filter, url);
        }

        @Override
        public void disconnect() {
            await(client.disconnect());
        }
    }

    /** MQTT 3.1.1. */
    final class V3 implements MqttLink {
        private final Mqtt3AsyncClient client;
        private final String url;

        private V3(Mqtt3AsyncClient client, String url) {
            this.client = client;
            this.url = url;
        }

        static V3 connect(BrokerSettings s, Optional<Connection.Will> will)
                throws ExecutionException, TimeoutException, InterruptedException {
            var builder = Mqtt3Client.builder().identifier(s.clientId()).serverHost(s.host()).serverPort(s.port())
                    .transportConfig()
                    .socketConnectTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .mqttConnectTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .applyTransportConfig();
            if (s.tls()) {
                builder = builder.sslConfig(ssl(s));
            }
            Mqtt3AsyncClient client = builder.buildAsync();
            Mqtt3ConnectBuilder.Send<CompletableFuture<Mqtt3ConnAck>> connect =
                    client.connectWith().cleanSession(true).keepAlive(KEEP_ALIVE_SECONDS);
            if (will.isPresent()) {
                connect = connect.willPublish().topic(will.get().topic()).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(will.get().payload()).applyWillPublish();
            }
            if (s.username().isPresent()) {
                var auth = connect.simpleAuth().username(s.username().get());
                connect = (s.password().isPresent() ? auth.password(s.password().get().getBytes(StandardCharsets.UTF_8)) : auth)
                        .applySimpleAuth();
            }
            connect.send().get(3L * CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new V3(client, s.url());
        }

        @Override
        public MqttVersion version() {
            return MqttVersion.MQTT_3_1_1;
        }

        @Override
        public CompletableFuture<?> publish(MqttTopic topic, MqttQos qos, ByteBuffer payload) {
            return client.publish(Mqtt3Publish.builder().topic(topic).qos(qos).payload(payload).build());
        }

        @Override
        public void subscribe(String filter, BiConsumer<String, byte[]> handler) {
            subscribed(client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE)
                    .callback(p -> handler.accept(p.getTopic().toString(), p.getPayloadAsBytes())).send(), filter, url);
        }

        @Override
        public void disconnect() {
            await(client.disconnect());
        }
    }

    private static void await(CompletableFuture<?> f) {
        try {
            f.get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | CompletionException e) {
            // already gone: nothing to close
        }
    }
}
