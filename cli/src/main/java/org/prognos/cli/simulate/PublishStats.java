package org.prognos.cli.simulate;

import java.util.OptionalLong;

/**
 * What a {@link Publisher} has sent so far, or in all: messages handed to the client (at the end, all of them done).
 *
 * @param messages     messages sent
 * @param readings     readings in them
 * @param events       events in them
 * @param bytes        payload bytes
 * @param elapsedNanos wall time since the start
 * @param dataTime     the data time of the latest message sent (shifted on later laps); empty before the first
 * @param laps         laps begun
 */
public record PublishStats(long messages, long readings, long events, long bytes, long elapsedNanos, OptionalLong dataTime,
                           int laps) {
    /** Elapsed seconds. */
    public double seconds() {
        return elapsedNanos / 1e9;
    }

    /** Messages a second, over the whole run. */
    public double messagesPerSecond() {
        return elapsedNanos == 0 ? 0 : messages / seconds();
    }

    /** Readings a second, over the whole run. */
    public double readingsPerSecond() {
        return elapsedNanos == 0 ? 0 : readings / seconds();
    }
}
