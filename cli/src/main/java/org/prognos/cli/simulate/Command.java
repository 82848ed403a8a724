package org.prognos.cli.simulate;

import java.util.Arrays;
import java.util.Objects;

/**
 * A message received on one of a {@link Connection}'s command filters (a Sparkplug B host's NCMD asking an edge node
 * for a rebirth), handed to the {@link FrameEncoder} on the publishing thread.
 *
 * @param connection the index of the connection it came on, in {@link FrameEncoder#connections()}
 * @param topic      the topic it was published on
 * @param payload    its bytes; copied in and out
 */
public record Command(int connection, String topic, byte[] payload) {
    public Command {
        Objects.requireNonNull(topic, "topic");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Command c && connection == c.connection && topic.equals(c.topic)
                && Arrays.equals(payload, c.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connection, topic, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "Command[" + connection + ", " + topic + ", " + payload.length + " bytes]";
    }
}
