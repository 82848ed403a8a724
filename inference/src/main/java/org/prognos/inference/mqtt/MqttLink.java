package org.prognos.inference.mqtt;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The service's connection to its broker: receives what it subscribed to, publishes at QoS 1. */
interface MqttLink extends AutoCloseable {
    /**
     * Connects (waiting up to {@code timeoutSeconds}), then subscribes to {@code filters} at QoS 1; messages go to
     * {@code receiver} on the client's thread, in order, unacknowledged. After a lost connection the client reconnects
     * with backoff by itself and restores the subscriptions when the broker lost the session.
     *
     * @throws org.prognos.PrognosException when the broker cannot be reached or refuses the login or a subscription
     */
    void start(List<String> filters, Consumer<Inbound> receiver, double timeoutSeconds);

    /** Publishes at QoS 1; completes when the broker acknowledged it. */
    CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain);

    /** Whether the connection is up now. */
    boolean connected();

    /** Disconnects, keeping the broker's session (and what it queues for us). */
    @Override
    void close();
}
