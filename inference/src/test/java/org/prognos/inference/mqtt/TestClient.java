package org.prognos.inference.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A device or a downstream consumer in the tests: publishes and subscribes at QoS 1 on a plain listener. */
final class TestClient implements AutoCloseable {
    /** A received message. */
    record Message(String topic, String payload, boolean retained) {
    }

    private final Mqtt5BlockingClient client;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();

    TestClient(String url) {
        this(url, null, null);
    }

    /** A client logging in as {@code user} (null: anonymous). */
    TestClient(String url, String user, String password) {
        URI u = URI.create(url);
        var builder = Mqtt5Client.builder().identifier("test-" + UUID.randomUUID()).serverHost(u.getHost()).serverPort(u.getPort());
        if (user != null) {
            builder = builder.simpleAuth(Mqtt5SimpleAuth.builder().username(user)
                    .password(password.getBytes(StandardCharsets.UTF_8)).build());
        }
        client = builder.buildBlocking();
        client.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> received.add(new Message(p.getTopic().toString(),
                new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8), p.isRetain())));
        client.connect();
    }

    void subscribe(String filter) {
        client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
    }

    void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    void publish(String topic, byte[] payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
    }

    private final List<CompletableFuture<?>> pending = new ArrayList<>();

    /** Publishes without waiting for the broker's acknowledgement (see {@link #flush}). */
    void publishAsync(String topic, String payload) {
        pending.add(client.toAsync().publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send());
    }

    /** Waits until the broker acknowledged every asynchronous publish. */
    void flush() {
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        pending.clear();
    }

    /** The next {@code n} messages, waiting up to {@code seconds} in all; fewer if they did not come. */
    List<Message> take(int n, double seconds) throws InterruptedException {
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (out.size() < n) {
            Message m = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (m == null) {
                break;
            }
            out.add(m);
        }
        return out;
    }

    @Override
    public void close() {
        client.disconnect();
    }
}
