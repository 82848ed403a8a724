package org.prognos.cli.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A HiveMQ client subscribed at QoS 1, keeping what it receives in arrival order; it may publish too. */
final class TestSubscriber implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Mqtt3AsyncClient client;
    private final List<Message> received = new ArrayList<>();

    /** One message received: its topic and its payload's bytes (not copied: the tests only read them). */
    record Message(String topic, byte[] bytes) {
        /** A message of text. */
        Message(String topic, String payload) {
            this(topic, payload.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Message m && m.topic.equals(topic) && Arrays.equals(m.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return topic.hashCode() * 31 + Arrays.hashCode(bytes);
        }

        /** The payload as UTF-8 text. */
        String payload() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return topic + " " + payload();
        }

        JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private TestSubscriber(Mqtt3AsyncClient client) {
        this.client = client;
    }

    /** Connected and subscribed to {@code filter} once this returns. */
    static TestSubscriber subscribe(EmbeddedBroker broker, String filter) throws Exception {
        Mqtt3AsyncClient client = broker.client("test-subscriber");
        client.connect().get(10, TimeUnit.SECONDS);
        TestSubscriber s = new TestSubscriber(client);
        client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> s.add(new Message(p.getTopic().toString(), p.getPayloadAsBytes())))
                .send().get(10, TimeUnit.SECONDS);
        return s;
    }

    /** Publishes {@code payload} on {@code topic} at QoS 1, waiting for the broker's acknowledgement. */
    void publish(String topic, byte[] payload) throws Exception {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send().get(10, TimeUnit.SECONDS);
    }

    /** The messages received so far. */
    synchronized List<Message> received() {
        return List.copyOf(received);
    }

    private synchronized void add(Message m) {
        received.add(m);
        notifyAll();
    }

    /** Waits until at least {@code n} messages have arrived, or {@code limit} passed; whether they did. */
    synchronized boolean awaitAtLeast(int n, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (received.size() < n && System.nanoTime() < end) {
            wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
        }
        return received.size() >= n;
    }

    /**
     * The messages once {@code n} have arrived and nothing more came for {@code quiet} (so a duplicate would show),
     * or whatever arrived within {@code limit}.
     */
    synchronized List<Message> await(int n, Duration quiet, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (received.size() < n && System.nanoTime() < end) {
            wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
        }
        int seen;
        do {
            seen = received.size();
            wait(quiet.toMillis());
        } while (received.size() != seen);
        return List.copyOf(received);
    }

    @Override
    public void close() throws Exception {
        client.disconnect().get(10, TimeUnit.SECONDS);
    }
}
