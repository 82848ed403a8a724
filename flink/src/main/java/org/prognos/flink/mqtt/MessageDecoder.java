package org.prognos.flink.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.prognos.flink.score.AssetWindow;
import org.prognos.live.device.DeviceMessage;
import org.prognos.live.device.InvalidDeviceMessageException;
import org.prognos.live.device.JsonDeviceDecoder;
import org.prognos.live.sparkplug.Decoded;
import org.prognos.live.sparkplug.SparkplugDecoder;
import org.prognos.live.topic.TopicTemplate;

/**
 * Turns one MQTT message into the windows the job scores, with the live module's decoders (the service's): JSON
 * readings by {@link JsonDeviceDecoder}, Sparkplug B by {@link SparkplugDecoder}. A message that cannot be used is a
 * {@link Outcome.Rejected} with the service's reason label, never an exception.
 *
 * <p>Sparkplug state (each edge node's birth: metric names, aliases, {@code seq}) lives in this object, in the source
 * reader's memory, not in Flink state: a restored job starts with none, its first data message of each node is
 * rejected as {@code no_birth} and answered with a rebirth request, as the service does after a restart. Not
 * thread-safe: one decoder per subscriber, fed in arrival order.
 */
final class MessageDecoder {
    /** What became of a message. */
    sealed interface Outcome {
        /** Windows to score (none for a presence or a message that says nothing to score). */
        record Windows(List<AssetWindow> windows) implements Outcome {
        }

        /**
         * Not used.
         *
         * @param reason  the dead-letter reason ({@code malformed_payload}, {@code no_birth}, ...)
         * @param asset   the asset, "" when unknown
         * @param detail  what is wrong
         * @param rebirth whether to ask the message's edge node for a rebirth
         */
        record Rejected(String reason, String asset, String detail, boolean rebirth) implements Outcome {
        }
    }

    static final String NO_ROUTE = "no_subscription";

    private final List<MqttSubscription> subscriptions;
    private final List<TopicTemplate> templates;
    private final JsonDeviceDecoder json = new JsonDeviceDecoder();
    private final SparkplugDecoder sparkplug = new SparkplugDecoder();

    MessageDecoder(List<MqttSubscription> subscriptions) {
        this.subscriptions = List.copyOf(subscriptions);
        this.templates = subscriptions.stream().map(MqttSubscription::template).toList();
    }

    Outcome decode(String topic, byte[] payload, long receivedMillis) {
        Optional<MqttSubscription> route = route(topic);
        if (route.isEmpty()) {
            return new Outcome.Rejected(NO_ROUTE, "", "no subscription's topic template names an asset in '" + topic + "'", false);
        }
        MqttSubscription s = route.get();
        if (s.format().equals("sparkplug")) {
            return sparkplug(topic, payload, receivedMillis);
        }
        String asset = s.template().match(topic).orElseThrow();
        try {
            DeviceMessage.Telemetry t = json.decode(asset, payload);
            return new Outcome.Windows(t.samples().isEmpty() && t.events().isEmpty() ? List.of() : List.of(AssetWindow.of(t)));
        } catch (InvalidDeviceMessageException e) {
            return new Outcome.Rejected(e.reason(), e.asset(), e.getMessage(), false);
        }
    }

    private Outcome sparkplug(String topic, byte[] payload, long receivedMillis) {
        Decoded d = sparkplug.decode(topic, payload, receivedMillis);
        if (d instanceof Decoded.Rejected r) {
            return new Outcome.Rejected(r.reason().label(), "", r.detail(), r.reason().rebirthNeeded());
        }
        List<AssetWindow> out = new ArrayList<>();
        for (DeviceMessage m : d.messages()) {
            if (m instanceof DeviceMessage.Telemetry t && (!t.samples().isEmpty() || !t.events().isEmpty())) {
                out.add(AssetWindow.of(t));
            }
        }
        return new Outcome.Windows(out);
    }

    private Optional<MqttSubscription> route(String topic) {
        for (int i = 0; i < templates.size(); i++) {
            MqttSubscription s = subscriptions.get(i);
            if (templates.get(i).match(topic).filter(a -> !a.isEmpty() || s.format().equals("sparkplug")).isPresent()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
