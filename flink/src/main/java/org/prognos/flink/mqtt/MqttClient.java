package org.prognos.flink.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuthBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.prognos.PrognosException;

/**
 * One MQTT 5 connection of the job (HiveMQ client, as the service uses), QoS 1 both ways. A subscriber's session is
 * persistent ({@code cleanStart=false}) and its messages are acknowledged by hand: the broker keeps what was not
 * acknowledged and sends it again when the same client id reconnects. Reconnects with backoff (0.5 s to 30 s).
 */
final class MqttClient implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 15;
    /**
     * MQTT 5's Receive Maximum, at the protocol's limit. A lower one would bound what a checkpoint interval reads, but
     * Mosquitto 2.0 re-sends a resumed session's unacknowledged messages on top of a fresh quota and so exceeds it,
     * which the HiveMQ client takes for a protocol error and disconnects (seen in MqttJobTest's failover). What waits
     * for a checkpoint is bounded by the broker's own limits instead (Mosquitto's {@code max_inflight_messages},
     * {@code max_queued_messages}).
     */
    private static final int RECEIVE_MAXIMUM = 65_535;

    /** A received message and the call that acknowledges it (PUBACK). */
    record Received(String topic, byte[] payload, Runnable ack) {
    }

    private final Mqtt5AsyncClient client;
    private final String what;
    /** Why the connection was last lost, for an error that follows. */
    private volatile String lastLoss = "";

    private MqttClient(Mqtt5ClientBuilder builder, String what) {
        this.client = builder.addDisconnectedListener(ctx -> lastLoss = " (connection lost: " + ctx.getCause() + ")").buildAsync();
        this.what = what;
    }

    /**
     * A subscriber on a persistent session: {@code receiver} gets every message (also those the broker kept for the
     * session while we were away), to be acknowledged by its {@link Received#ack()}.
     */
    static MqttClient subscriber(MqttBroker broker, String clientId, Iterable<String> filters, Consumer<Received> receiver,
                                 Map<String, String> env) {
        MqttClient c = new MqttClient(build(broker, clientId, env), "MQTT subscriber '" + clientId + "' on " + broker.url());
        c.client.publishes(MqttGlobalPublishFilter.ALL, p -> receiver.accept(new Received(p.getTopic().toString(),
                p.getPayloadAsBytes(), p::acknowledge)), true);
        c.await(c.client.connectWith().cleanStart(false).sessionExpiryInterval(broker.sessionExpirySeconds()).keepAlive(30)
                .restrictions().receiveMaximum(RECEIVE_MAXIMUM).applyRestrictions().send(), "connect");
        for (String f : filters) {
            c.await(c.client.subscribeWith().topicFilter(f).qos(MqttQos.AT_LEAST_ONCE).send(), "subscribe to '" + f + "'");
        }
        return c;
    }

    /** A publisher: a clean session, nothing subscribed. */
    static MqttClient publisher(MqttBroker broker, String clientId, Map<String, String> env) {
        MqttClient c = new MqttClient(build(broker, clientId, env), "MQTT publisher '" + clientId + "' on " + broker.url());
        c.await(c.client.connectWith().cleanStart(true).keepAlive(30).send(), "connect");
        return c;
    }

    /** Publishes at QoS 1; completes when the broker has it (PUBACK), fails with the broker's reason. */
    CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain) {
        return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(retain).payload(payload).send()
                .thenAccept(r -> r.getError().ifPresent(e -> {
                    throw new PrognosException("publish to " + topic + " failed: " + e.getMessage(), e);
                }));
    }

    /** Disconnects; a subscriber's session stays with the broker (for its expiry interval). */
    @Override
    public void close() {
        try {
            client.disconnect().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // gone already: nothing to release
        }
    }

    private static Mqtt5ClientBuilder build(MqttBroker broker, String clientId, Map<String, String> env) {
        Mqtt5ClientBuilder b = Mqtt5Client.builder().identifier(clientId).serverHost(broker.uri().getHost())
                .serverPort(broker.port()).automaticReconnect().initialDelay(500, TimeUnit.MILLISECONDS)
                .maxDelay(30, TimeUnit.SECONDS).applyAutomaticReconnect();
        if (broker.secure()) {
            b = b.sslWithDefaultConfig();
        }
        if (broker.user().isPresent() || !broker.passwordEnv().isEmpty()) {
            Mqtt5SimpleAuthBuilder.Complete auth = null;
            Mqtt5SimpleAuthBuilder start = Mqtt5SimpleAuth.builder();
            if (broker.user().isPresent()) {
                auth = start.username(broker.user().get());
            }
            if (!broker.passwordEnv().isEmpty()) {
                String pw = env.get(broker.passwordEnv());
                if (pw == null) {
                    throw new PrognosException("mqtt passwordEnv names $" + broker.passwordEnv() + ", which is not set on "
                            + "this task manager");
                }
                auth = (auth == null ? start.password(pw.getBytes(StandardCharsets.UTF_8))
                        : auth.password(pw.getBytes(StandardCharsets.UTF_8)));
            }
            b = b.simpleAuth(auth.build());
        }
        return b;
    }

    private <T> T await(CompletableFuture<T> f, String action) {
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrognosException(what + ": interrupted while trying to " + action, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw new PrognosException(what + ": cannot " + action + ": " + c.getMessage() + lastLoss, c);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new PrognosException(what + ": cannot " + action + ": no answer in " + TIMEOUT_SECONDS + " s" + lastLoss, e);
        }
    }
}
