package org.prognos.cli.simulate;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Publisher} sends a replay; what it sends, and on which topics, is the {@link FrameEncoder}'s.
 *
 * @param qos           the quality of service of every message
 * @param pacing        when each message is due
 * @param maxInFlight   messages sent and not yet done (QoS 1: acknowledged; QoS 0: written) at most; past that the
 *                      publisher waits, so memory stays bounded whatever the broker's speed
 * @param laps          times the replay is sent ({@link Integer#MAX_VALUE}: until stopped)
 * @param progressEvery how often progress is reported
 */
public record PublishOptions(MqttQos qos, Pacing pacing, int maxInFlight, int laps, Duration progressEvery) {
    /** Messages in flight unless told otherwise. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 256;
    /** Progress every five seconds unless told otherwise. */
    public static final Duration DEFAULT_PROGRESS = Duration.ofSeconds(5);

    public PublishOptions {
        Objects.requireNonNull(qos, "qos");
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(progressEvery, "progressEvery");
        if (maxInFlight < 1 || maxInFlight > 65_535) {
            throw new IllegalArgumentException("maxInFlight must be 1 to 65535 (MQTT's packet ids), found " + maxInFlight);
        }
        if (laps < 1) {
            throw new IllegalArgumentException("laps must be at least 1, found " + laps);
        }
        if (progressEvery.isNegative() || progressEvery.isZero()) {
            throw new IllegalArgumentException("progressEvery must be positive, found " + progressEvery);
        }
    }

    /** QoS 1, {@value #DEFAULT_MAX_IN_FLIGHT} in flight, one lap, progress every 5 s. */
    public static PublishOptions of(Pacing pacing) {
        return new PublishOptions(MqttQos.AT_LEAST_ONCE, pacing, DEFAULT_MAX_IN_FLIGHT, 1, DEFAULT_PROGRESS);
    }

    /** These options with another quality of service. */
    public PublishOptions withQos(MqttQos qos) {
        return new PublishOptions(qos, pacing, maxInFlight, laps, progressEvery);
    }

    /** These options with another bound on messages in flight. */
    public PublishOptions withMaxInFlight(int maxInFlight) {
        return new PublishOptions(qos, pacing, maxInFlight, laps, progressEvery);
    }

    /** These options sending the replay {@code laps} times. */
    public PublishOptions withLaps(int laps) {
        return new PublishOptions(qos, pacing, maxInFlight, laps, progressEvery);
    }

    /** These options looping until stopped. */
    public PublishOptions looping() {
        return withLaps(Integer.MAX_VALUE);
    }

    /** These options reporting progress this often. */
    public PublishOptions withProgressEvery(Duration every) {
        return new PublishOptions(qos, pacing, maxInFlight, laps, every);
    }
}
