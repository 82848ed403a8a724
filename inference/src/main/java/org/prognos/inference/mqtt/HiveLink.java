package org.prognos.inference.mqtt;

import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.message.auth.Mqtt3SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.prognos.PrognosException;
import org.prognos.inference.MqttConfig;
import org.prognos.inference.metrics.ServiceMetrics;

/**
 * {@link MqttLink} over the HiveMQ MQTT client, MQTT 5 or 3.1.1 as configured. The publish callback is registered
 * for every incoming message before connecting (so what the broker queued for our persistent session while we were
 * down is received, not dropped for want of a subscription callback), with manual acknowledgement. Reconnects with
 * exponential backoff from 0.5 s to 30 s with jitter; the client restores the subscriptions if the broker lost the
 * session (a broker restarted without persistence).
 */
final class HiveLink implements MqttLink {
    private static final System.Logger LOG = System.getLogger(HiveLink.class.getName());

    private final MqttConfig config;
    private final Map<String, String> env;
    private final ServiceMetrics metrics;
    private final AtomicBoolean up = new AtomicBoolean();
    private volatile boolean closing;
    /** Whether the broker was lost since the start: the next connection is a reconnection, logged at INFO. */
    private volatile boolean lostOnce;
    private Client client;

    HiveLink(MqttConfig config, Map<String, String> env, ServiceMetrics metrics) {
        this.config = config;
        this.env = env;
        this.metrics = metrics;
    }

    @Override
    public void start(List<String> filters, Consumer<Inbound> receiver, double timeoutSeconds) {
        client = config.version() == 5 ? new V5(build5(), receiver) : new V3(build3(), receiver);
        await(client.connect(), timeoutSeconds, "connect to the MQTT broker " + config.url());
        for (String f : filters) {
            await(client.subscribe(f), timeoutSeconds, "subscribe to '" + f + "' on " + config.url());
        }
        LOG.log(Level.DEBUG, "prognos subscribed to " + filters + " on " + config.url() + " as '" + config.clientId()
                + "' (MQTT " + (config.version() == 5 ? "5" : "3.1.1") + ")");
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain) {
        return client.publish(topic, payload, retain);
    }

    @Override
    public boolean connected() {
        return up.get();
    }

    @Override
    public void close() {
        closing = true;
        if (client != null) {
            try {
                client.disconnect().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(Level.DEBUG, "MQTT disconnect: " + e.getMessage());
            }
        }
    }

    private Mqtt5AsyncClient build5() {
        Mqtt5ClientBuilder b = Mqtt5Client.builder().identifier(config.clientId()).serverHost(config.uri().getHost())
                .serverPort(config.port()).automaticReconnect().initialDelay(500, TimeUnit.MILLISECONDS)
                .maxDelay(30, TimeUnit.SECONDS).applyAutomaticReconnect()
                .addConnectedListener(this::connected).addDisconnectedListener(this::disconnected);
        if (config.secure()) {
            b = tls(b.sslConfig()).applySslConfig();
        }
        Optional<byte[]> password = password();
        if (config.username() != null && password.isPresent()) {
            b = b.simpleAuth(Mqtt5SimpleAuth.builder().username(config.username()).password(password.get()).build());
        } else if (config.username() != null) {
            b = b.simpleAuth(Mqtt5SimpleAuth.builder().username(config.username()).build());
        } else if (password.isPresent()) {
            b = b.simpleAuth(Mqtt5SimpleAuth.builder().password(password.get()).build());
        }
        return b.buildAsync();
    }

    private Mqtt3AsyncClient build3() {
        Mqtt3ClientBuilder b = Mqtt3Client.builder().identifier(config.clientId()).serverHost(config.uri().getHost())
                .serverPort(config.port()).automaticReconnect().initialDelay(500, TimeUnit.MILLISECONDS)
                .maxDelay(30, TimeUnit.SECONDS).applyAutomaticReconnect()
                .addConnectedListener(this::connected).addDisconnectedListener(this::disconnected);
        if (config.secure()) {
            b = tls(b.sslConfig()).applySslConfig();
        }
        Optional<byte[]> password = password();
        if (config.username() != null) {
            b = b.simpleAuth(password.isPresent()
                    ? Mqtt3SimpleAuth.builder().username(config.username()).password(password.get()).build()
                    : Mqtt3SimpleAuth.builder().username(config.username()).build());
        }
        return b.buildAsync();
    }

    private <P> MqttClientSslConfigBuilder.Nested<P> tls(MqttClientSslConfigBuilder.Nested<P> ssl) {
        MqttClientSslConfigBuilder.Nested<P> s = ssl;
        Optional<TrustManagerFactory> trust = TlsContext.trust(config.tls());
        if (trust.isPresent()) {
            s = s.trustManagerFactory(trust.get());
        }
        Optional<KeyManagerFactory> keys = TlsContext.keys(config.tls(), env);
        if (keys.isPresent()) {
            s = s.keyManagerFactory(keys.get());
        }
        return s;
    }

    private Optional<byte[]> password() {
        if (config.passwordFile() != null) {
            Path file = Path.of(config.passwordFile());
            try {
                return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new PrognosException("cannot read mqtt.passwordFile " + file + ": " + e.getMessage(), e);
            }
        }
        if (config.passwordEnv() != null) {
            String v = env.get(config.passwordEnv());
            if (v == null) {
                throw new PrognosException("mqtt.passwordEnv names $" + config.passwordEnv() + ", which is not set");
            }
            return Optional.of(v.getBytes(StandardCharsets.UTF_8));
        }
        return Optional.empty();
    }

    private void connected(MqttClientConnectedContext ctx) {
        boolean reconnect = lostOnce;
        up.set(true);
        metrics.mqttConnected(true);
        // the first connection is part of the start, which serve's one line reports; a reconnection is news
        LOG.log(reconnect ? Level.INFO : Level.DEBUG, "prognos " + (reconnect ? "reconnected" : "connected") + " to the MQTT broker "
                + config.url());
    }

    private void disconnected(MqttClientDisconnectedContext ctx) {
        boolean was = up.getAndSet(false);
        metrics.mqttConnected(false);
        if (was && !closing) {
            lostOnce = true;
            LOG.log(Level.WARNING, "prognos lost the MQTT broker " + config.url() + " (" + ctx.getCause().getMessage()
                    + "); reconnecting with backoff");
        }
    }

    private static <T> T await(CompletableFuture<T> f, double seconds, String what) {
        try {
            return f.get((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrognosException("interrupted while trying to " + what, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw new PrognosException("cannot " + what + ": " + c.getMessage(), c);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new PrognosException("cannot " + what + ": no answer in " + seconds + " s", e);
        }
    }

    /** The calls both protocol versions answer. */
    private interface Client {
        CompletableFuture<?> connect();

        CompletableFuture<?> subscribe(String filter);

        CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain);

        CompletableFuture<Void> disconnect();
    }

    private final class V5 implements Client {
        private final Mqtt5AsyncClient c;

        V5(Mqtt5AsyncClient c, Consumer<Inbound> receiver) {
            this.c = c;
            c.publishes(MqttGlobalPublishFilter.ALL, p -> receiver.accept(new Inbound(p.getTopic().toString(),
                    p.getPayloadAsBytes(), p::acknowledge)), true);
        }

        @Override
        public CompletableFuture<?> connect() {
            return c.connectWith().cleanStart(false).sessionExpiryInterval((long) config.sessionExpirySeconds())
                    .keepAlive(30).restrictions().receiveMaximum(config.receiveMaximum()).applyRestrictions().send();
        }

        @Override
        public CompletableFuture<?> subscribe(String filter) {
            return c.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
        }

        @Override
        public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain) {
            return c.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(retain).payload(payload).send()
                    .thenAccept(r -> r.getError().ifPresent(e -> {
                        throw new PrognosException("publish to " + topic + " failed: " + e.getMessage(), e);
                    }));
        }

        @Override
        public CompletableFuture<Void> disconnect() {
            return c.disconnect();
        }
    }

    private final class V3 implements Client {
        private final Mqtt3AsyncClient c;

        V3(Mqtt3AsyncClient c, Consumer<Inbound> receiver) {
            this.c = c;
            c.publishes(MqttGlobalPublishFilter.ALL, p -> receiver.accept(new Inbound(p.getTopic().toString(),
                    p.getPayloadAsBytes(), p::acknowledge)), true);
        }

        @Override
        public CompletableFuture<?> connect() {
            return c.connectWith().cleanSession(false).keepAlive(30).send();
        }

        @Override
        public CompletableFuture<?> subscribe(String filter) {
            return c.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
        }

        @Override
        public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain) {
            return c.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(retain).payload(payload).send()
                    .thenApply(p -> null);
        }

        @Override
        public CompletableFuture<Void> disconnect() {
            return c.disconnect();
        }
    }
}
