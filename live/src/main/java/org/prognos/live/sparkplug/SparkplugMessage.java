package org.prognos.live.sparkplug;

import java.util.Arrays;
import java.util.Objects;

/**
 * An MQTT message to publish: a Sparkplug topic and its protobuf payload.
 *
 * @param topic   where to publish ({@link SparkplugTopic#format()})
 * @param payload the encoded {@code Payload}; copied in and out, the record does not share it
 */
public record SparkplugMessage(SparkplugTopic.Edge topic, byte[] payload) {
    public SparkplugMessage {
        Objects.requireNonNull(topic, "topic");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Equal when the topics are and the payloads hold the same bytes. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SparkplugMessage that && topic.equals(that.topic) && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * topic.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "SparkplugMessage[" + topic.format() + ", " + payload.length + " bytes]";
    }
}
