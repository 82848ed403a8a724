package org.prognos.cli.simulate;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One MQTT connection a {@link FrameEncoder} publishes through. JSON needs one, plain; Sparkplug B one per edge node,
 * because the broker publishes a connection's will when it is lost and an edge node's will is its death certificate.
 *
 * @param name     what the connection stands for ({@code gw-1}): appended to the client id when an encoder opens
 *                 several, so that each has its own; empty for the one connection of a format
 * @param will     what the broker publishes (QoS 1, not retained) when the connection is lost without a DISCONNECT
 * @param commands topic filters subscribed to once connected; what arrives on them goes back to the encoder as a
 *                 {@link Command} on the publishing thread
 */
public record Connection(String name, Optional<Will> will, List<String> commands) {
    /** One connection without will or commands: what a JSON publisher opens. */
    public static final Connection PLAIN = new Connection("", Optional.empty(), List.of());

    public Connection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(will, "will");
        commands = List.copyOf(commands);
    }

    /**
     * A last will.
     *
     * @param topic   where the broker publishes it
     * @param payload its bytes; copied in and out
     */
    public record Will(String topic, byte[] payload) {
        public Will {
            Objects.requireNonNull(topic, "topic");
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Will w && topic.equals(w.topic) && Arrays.equals(payload, w.payload);
        }

        @Override
        public int hashCode() {
            return 31 * topic.hashCode() + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Will[" + topic + ", " + payload.length + " bytes]";
        }
    }
}
