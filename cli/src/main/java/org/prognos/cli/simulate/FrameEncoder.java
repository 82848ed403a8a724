package org.prognos.cli.simulate;

import java.nio.ByteBuffer;

/**
 * Writes a {@link DeviceFrame} as the payload of one MQTT message: the seam between what a device says and how it is
 * put on the wire. {@link JsonPayloads} writes the body of the service's HTTP readings call; a Sparkplug B encoder
 * (the {@code live} module's, behind {@code --format sparkplug}) is meant to plug in here, together with the birth
 * messages and topic namespace Sparkplug adds, which the {@link Publisher} will then have to ask it for.
 *
 * <p>Encoders are called by one thread at a time and may keep state between calls (scratch buffers, caches, a
 * sequence number).
 */
public interface FrameEncoder {
    /** The format's name, as {@code --format} takes it. */
    String format();

    /**
     * Writes {@code frame} into {@code out} from position 0, growing it when too small.
     *
     * @param out a buffer to reuse; its content is overwritten
     * @return {@code out}, or a larger buffer when {@code out} was too small, flipped: the payload lies between its
     *         position (0) and its limit
     */
    ByteBuffer encode(DeviceFrame frame, ByteBuffer out);
}
