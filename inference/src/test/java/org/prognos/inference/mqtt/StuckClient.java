package org.prognos.inference.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A downstream consumer that subscribes at QoS 1 and never acknowledges what it receives, with a receive window of
 * 10: after ten messages the broker has to queue (or drop) everything else for it. The service publishing to it must
 * not slow down or lose its own input.
 */
final class StuckClient implements AutoCloseable {
    private final Mqtt5AsyncClient client;
    private final AtomicInteger received = new AtomicInteger();

    StuckClient(String url, String filter) {
        URI u = URI.create(url);
        client = Mqtt5Client.builder().identifier("stuck-" + UUID.randomUUID()).serverHost(u.getHost()).serverPort(u.getPort())
                .buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, p -> received.incrementAndGet(), true);
        client.connectWith().restrictions().receiveMaximum(10).applyRestrictions().send().join();
        client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().join();
    }

    int received() {
        return received.get();
    }

    @Override
    public void close() {
        client.disconnect();
    }
}
