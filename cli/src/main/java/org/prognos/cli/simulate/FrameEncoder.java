package org.prognos.cli.simulate;

import java.util.List;

/**
 * How a replay is put on the wire, {@code --format}'s choice: the seam between what a device says (a
 * {@link DeviceFrame}) and the MQTT messages that say it. The {@link Publisher} decides when; the encoder decides
 * what, where and through which connection.
 *
 * <p>A run, as the publisher drives it: {@link #connections()} before connecting (their wills, their command
 * subscriptions), {@link #open} once connected, {@link #encode} for every frame in the replay's order,
 * {@link #deviceEnded} after an asset's last frame of the run, {@link #command} whenever a command arrived (between
 * frames, and while waiting for the next one), and {@link #close} at the end, also after a stop, unless the broker was
 * lost. Each call writes zero or more messages into the {@link Outbox}.
 *
 * <ul>
 *   <li>{@link JsonPayloads}: one message per frame, the body of the service's HTTP readings call, on the asset's
 *       topic; nothing else.</li>
 *   <li>{@link SparkplugFrames}: Sparkplug B edge nodes, with births, data, deaths and rebirths on request.</li>
 * </ul>
 *
 * <p>Encoders are called by one thread at a time, the publishing thread, and keep state between calls (scratch
 * buffers, caches, a Sparkplug session).
 */
public sealed interface FrameEncoder permits JsonPayloads, SparkplugFrames {
    /** The format's name, as {@code --format} takes it. */
    String format();

    /** Where the messages go, for the line printed before the run ({@code topic fleet/{asset}/telemetry}). */
    String describe();

    /** The connections to open, in the order {@link Outbox#send}'s index counts them: one plain connection unless said. */
    default List<Connection> connections() {
        return List.of(Connection.PLAIN);
    }

    /** Writes what goes before the first frame. */
    default void open(Outbox out) {
    }

    /** Writes the messages of one frame. */
    void encode(DeviceFrame frame, Outbox out);

    /** Writes what follows an asset's last frame of the run, {@code last}, which was just encoded. */
    default void deviceEnded(DeviceFrame last, Outbox out) {
    }

    /** Answers a command received on one of {@link #connections()}'s filters. */
    default void command(Command command, Outbox out) {
    }

    /** Writes what ends the run: after the last frame, or after a stop. */
    default void close(Outbox out) {
    }
}
