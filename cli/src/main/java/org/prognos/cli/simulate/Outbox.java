package org.prognos.cli.simulate;

import com.hivemq.client.mqtt.datatypes.MqttTopic;

/**
 * Where a {@link FrameEncoder} puts the messages it writes: the {@link Publisher}'s window of messages in flight. A
 * call may wait for room in the window; it copies the payload before it returns, so an encoder writes every message
 * into the same scratch array.
 */
@FunctionalInterface
public interface Outbox {
    /**
     * Sends {@code length} bytes of {@code payload} from {@code offset} on {@code topic}.
     *
     * @param connection which of the encoder's {@link FrameEncoder#connections()} carries it (its index)
     */
    void send(int connection, MqttTopic topic, byte[] payload, int offset, int length);

    /** Sends all of {@code payload}. */
    default void send(int connection, MqttTopic topic, byte[] payload) {
        send(connection, topic, payload, 0, payload.length);
    }
}
