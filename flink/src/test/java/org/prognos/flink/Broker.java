package org.prognos.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.prognos.flink.score.AssetWindow;
import org.prognos.live.device.DeviceMessage;
import org.prognos.live.sparkplug.SparkplugEncoder;
import org.prognos.live.sparkplug.SparkplugMessage;

/**
 * A test's own MQTT client on the test broker: publishes device messages as devices do (the service's JSON payload,
 * Sparkplug B through the live module's encoder) and collects what the job publishes.
 */
final class Broker implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** A message the test received. */
    record Message(String topic, byte[] payload) {
        JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Mqtt5BlockingClient client;
    private final ConcurrentLinkedQueue<Message> received = new ConcurrentLinkedQueue<>();

    Broker(String url) {
        java.net.URI u = java.net.URI.create(url);
        client = Mqtt5Client.builder().identifier("test-" + UUID.randomUUID()).serverHost(u.getHost()).serverPort(u.getPort())
                .buildBlocking();
        client.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> received.add(new Message(p.getTopic().toString(),
                p.getPayloadAsBytes())));
        client.connect();
    }

    void subscribe(String filter) {
        client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
    }

    void publish(String topic, byte[] payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
    }

    void publish(SparkplugMessage m) {
        publish(m.topic().format(), m.payload());
    }

    /** What arrived on topics {@code which} accepts. */
    List<Message> received(Predicate<String> which) {
        return received.stream().filter(m -> which.test(m.topic())).toList();
    }

    /** Waits until {@code done} holds for what arrived, or {@code seconds} passed. */
    void await(Predicate<List<Message>> done, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.test(List.copyOf(received)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** {@code w} as the service's JSON readings payload. */
    static byte[] json(AssetWindow w) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode readings = root.putArray("readings");
        for (int i = 0; i < w.sampleMillis().length; i++) {
            ObjectNode r = readings.addObject();
            r.put("time", TIME.format(Instant.ofEpochMilli(w.sampleMillis()[i])));
            ObjectNode v = r.putObject("values");
            for (int c = 0; c < w.channels().length; c++) {
                v.put(w.channels()[c], w.values()[i * w.channels().length + c]);
            }
        }
        ArrayNode events = root.putArray("events");
        for (int i = 0; i < w.eventMillis().length; i++) {
            events.addObject().put("kind", w.eventKinds()[i]).put("code", w.eventCodes()[i])
                    .put("time", TIME.format(Instant.ofEpochMilli(w.eventMillis()[i])));
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code w}'s samples (one instant each, every channel) as Sparkplug metrics. */
    static List<DeviceMessage.Sample> samples(AssetWindow w) {
        List<DeviceMessage.Sample> out = new ArrayList<>();
        for (int i = 0; i < w.sampleMillis().length; i++) {
            out.add(new DeviceMessage.Sample(w.sampleMillis()[i], values(w, i)));
        }
        return out;
    }

    static Map<String, Double> values(AssetWindow w, int i) {
        Map<String, Double> v = new TreeMap<>();
        for (int c = 0; c < w.channels().length; c++) {
            v.put(w.channels()[c], w.values()[i * w.channels().length + c]);
        }
        return v;
    }

    static List<DeviceMessage.DeviceEvent> events(AssetWindow w) {
        List<DeviceMessage.DeviceEvent> out = new ArrayList<>();
        for (int i = 0; i < w.eventMillis().length; i++) {
            out.add(new DeviceMessage.DeviceEvent(w.eventMillis()[i], w.eventKinds()[i], w.eventCodes()[i]));
        }
        return out;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.disconnect();
    }
}
