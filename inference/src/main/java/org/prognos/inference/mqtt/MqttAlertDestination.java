package org.prognos.inference.mqtt;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.prognos.PrognosException;
import org.prognos.inference.alerts.AlertDestination;
import org.prognos.inference.alerts.AlertMessage;

/**
 * Alerts to the broker: each event is published at QoS 1 to {@code {prefix}/alerts/{asset}}, retained when it is the
 * asset's current alert (so a consumer that subscribes later gets it at once), with the alert id in the body for
 * de-duplication. Delivered on the service's own MQTT connection once it is up; until then (and while the broker is
 * away) a delivery fails and is retried with backoff.
 */
public final class MqttAlertDestination implements AlertDestination {
    private static final long ACK_TIMEOUT_SECONDS = 10;

    private final String prefix;
    private final AtomicReference<MqttIngest> connection = new AtomicReference<>();

    public MqttAlertDestination(String prefix) {
        this.prefix = prefix;
    }

    /** Publishes on {@code ingest}'s connection from now on. */
    public void attach(MqttIngest ingest) {
        connection.set(ingest);
    }

    @Override
    public String name() {
        return "mqtt";
    }

    /** The topic of {@code asset}'s alerts. */
    public String topic(String asset) {
        return prefix + "/alerts/" + asset;
    }

    @Override
    public void deliver(AlertMessage message, int attempt) throws Exception {
        MqttIngest ingest = connection.get();
        if (ingest == null || !ingest.connected()) {
            throw new PrognosException("not connected to the MQTT broker yet");
        }
        ingest.publish(topic(message.asset()), message.body(), message.current()).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
