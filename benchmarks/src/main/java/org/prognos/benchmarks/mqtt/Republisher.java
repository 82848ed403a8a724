package org.prognos.benchmarks.mqtt;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's floor: an MQTT client that subscribes to {@code fleet/+/telemetry} at QoS 1 and republishes every
 * payload unchanged, at QoS 1, to {@code prognos/scores/{asset}} (the asset being the topic's middle level), and does
 * nothing else: no parsing, no state, no model, no store. It is what the broker, the HiveMQ client and one JVM cost
 * for a message in and a message out, the same shape of traffic as the service's. Acknowledgements are the client's
 * automatic ones (after the callback).
 */
public final class Republisher implements AutoCloseable {
    /** What it prints once subscribed. */
    static final String READY = "floor republishing";
    private static final String IN = "fleet/+/telemetry";

    private final Mqtt5AsyncClient client;
    private final AtomicLong republished = new AtomicLong();

    private Republisher(Mqtt5AsyncClient client) {
        this.client = client;
    }

    /** Connects to {@code brokerUrl} (tcp://host:port) and subscribes. */
    public static Republisher start(String brokerUrl, int receiveMaximum) throws Exception {
        URI u = URI.create(brokerUrl);
        Mqtt5AsyncClient c = Mqtt5Client.builder().identifier("prognos-bench-floor").serverHost(u.getHost())
                .serverPort(u.getPort()).buildAsync();
        c.connectWith().cleanStart(true).keepAlive(30).restrictions().receiveMaximum(receiveMaximum).applyRestrictions()
                .send().get(10, TimeUnit.SECONDS);
        Republisher r = new Republisher(c);
        c.subscribeWith().topicFilter(IN).qos(MqttQos.AT_LEAST_ONCE).callback(r::republish).send().get(10, TimeUnit.SECONDS);
        return r;
    }

    private void republish(Mqtt5Publish in) {
        String topic = in.getTopic().toString();
        String asset = topic.substring(topic.indexOf('/') + 1, topic.lastIndexOf('/'));
        client.publishWith().topic("prognos/scores/" + asset).qos(MqttQos.AT_LEAST_ONCE).payload(in.getPayloadAsBytes()).send();
        republished.incrementAndGet();
    }

    /** Messages republished so far. */
    public long republished() {
        return republished.get();
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    /** Runs until killed: {@code MqttBench floor --broker URL}. */
    static void run(String brokerUrl, int receiveMaximum) throws Exception {
        Republisher r = start(brokerUrl, receiveMaximum);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("floor republished " + r.republished() + " messages");
            r.close();
        }, "floor-stop"));
        System.out.println(READY + " " + IN + " to prognos/scores/{asset} on " + brokerUrl);
        System.out.flush();
        Thread.currentThread().join();
    }
}
