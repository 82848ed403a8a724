package org.prognos.benchmarks.mqtt;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.prognos.features.telemetry.TimeAxis;

/**
 * The driver's receiving side, a connection of its own: subscribes to the score topic (QoS 1), to the service's
 * dead-letter topic and to the broker's count of dropped messages ({@code $SYS}), and hands every answer to the current
 * step's {@link StepLog} with its arrival time, taken first thing in the client's callback.
 */
final class Monitor implements AutoCloseable {
    private static final String SCORES = "prognos/scores/";
    private static final String DEAD_LETTERS = "prognos/dead-letter/#";
    private static final String DROPPED = "$SYS/broker/publish/messages/dropped";

    private final Mqtt5AsyncClient client;
    private final Map<String, Integer> assetIndex;
    private final TimeAxis axis;
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong unparsed = new AtomicLong();
    private volatile long brokerDropped;
    private volatile StepLog log;

    private Monitor(Mqtt5AsyncClient client, Map<String, Integer> assetIndex, TimeAxis axis) {
        this.client = client;
        this.assetIndex = Map.copyOf(assetIndex);
        this.axis = axis;
    }

    /** Connects to {@code brokerUrl} and subscribes; answers for assets outside {@code assetIndex} are counted unparsed. */
    static Monitor connect(String brokerUrl, Map<String, Integer> assetIndex, TimeAxis axis) throws Exception {
        URI u = URI.create(brokerUrl);
        Mqtt5AsyncClient c = Mqtt5Client.builder().identifier("prognos-bench-monitor").serverHost(u.getHost())
                .serverPort(u.getPort()).buildAsync();
        c.connectWith().cleanStart(true).keepAlive(30).send().get(10, TimeUnit.SECONDS);
        Monitor m = new Monitor(c, assetIndex, axis);
        c.subscribeWith().topicFilter(Target.SCORE_FILTER).qos(MqttQos.AT_LEAST_ONCE).callback(m::answer).send()
                .get(10, TimeUnit.SECONDS);
        c.subscribeWith().topicFilter(DEAD_LETTERS).qos(MqttQos.AT_LEAST_ONCE).callback(p -> m.deadLetters.incrementAndGet())
                .send().get(10, TimeUnit.SECONDS);
        c.subscribeWith().topicFilter(DROPPED).qos(MqttQos.AT_MOST_ONCE).callback(m::dropped).send().get(10, TimeUnit.SECONDS);
        return m;
    }

    /** Sends what arrives from now on to {@code next}. */
    void record(StepLog next) {
        this.log = next;
    }

    /** Dead letters seen so far (the service's rejections). */
    long deadLetters() {
        return deadLetters.get();
    }

    /** Answers that named no known asset or no reading time. */
    long unparsed() {
        return unparsed.get();
    }

    /** The broker's cumulative count of dropped messages, as of its last {@code $SYS} report (each second). */
    long brokerDropped() {
        return brokerDropped;
    }

    private void answer(Mqtt5Publish p) {
        long at = System.nanoTime();
        StepLog current = log;
        String topic = p.getTopic().toString();
        Integer asset = assetIndex.get(topic.substring(SCORES.length()));
        OptionalLong time = ReadingTime.of(p.getPayloadAsBytes(), axis);
        if (asset == null || time.isEmpty()) {
            unparsed.incrementAndGet();
        } else if (current != null) {
            current.received(asset, time.getAsLong(), at);
        }
    }

    private void dropped(Mqtt5Publish p) {
        try {
            brokerDropped = Long.parseLong(new String(p.getPayloadAsBytes(), StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            // a report we cannot read changes nothing
        }
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
