package org.prognos.inference.scoring;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.ServiceConfig;

/**
 * Which times the service accepts from clients: every reading, event and {@code asOf} time of every request and
 * message passes here (HTTP bodies through {@code RequestWindow} and {@code WindowReader}, MQTT JSON through the same,
 * Sparkplug B samples through {@code SparkplugWindows}), so one rule holds for all.
 *
 * <ul>
 * <li>On a clock axis ({@link TimeAxis.Timestamps}) a time may lie at most {@code limits.maxFutureSkewSeconds} past
 * the service's clock: a reading dated far ahead would make every later real reading of its asset "not after the
 * last one" and be refused. Times before year 1 are refused too.</li>
 * <li>On a cycle axis ({@link TimeAxis.Cycles}) a cycle is a count: at least 0 and at most {@value #MAX_CYCLE}
 * (2^53, the largest whole number a double holds exactly, beyond any machine's life).</li>
 * </ul>
 * Both ranges leave room for the arithmetic features do on times (a time minus a window's span, one tick after the
 * last reading), so no accepted time can overflow into another.
 */
public final class TimeBounds {
    /** The largest cycle number accepted. */
    public static final long MAX_CYCLE = 1L << 53;
    /** The earliest clock time accepted, 0001-01-01T00:00:00Z, in microseconds since the epoch. */
    public static final long MIN_TIMESTAMP = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond() * 1_000_000;
    /** The latest clock time accepted whatever the skew, 9999-12-31T23:59:59Z, in microseconds since the epoch. */
    public static final long MAX_TIMESTAMP = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() * 1_000_000;
    /** Words every future-time problem holds (MQTT files such messages under {@code future_time}). */
    public static final String IN_THE_FUTURE = "in the future";

    private final Clock clock;
    private final double maxFutureSkewSeconds;

    /**
     * Bounds for times read now on {@code clock}.
     *
     * @param maxFutureSkewSeconds how far past the clock a time may lie (positive)
     */
    public TimeBounds(Clock clock, double maxFutureSkewSeconds) {
        if (!(maxFutureSkewSeconds > 0)) {
            throw new IllegalArgumentException("the future skew must be positive, found " + maxFutureSkewSeconds);
        }
        this.clock = clock;
        this.maxFutureSkewSeconds = maxFutureSkewSeconds;
    }

    /** The bounds of {@code limits} on the system clock. */
    public static TimeBounds of(ServiceConfig.Limits limits) {
        return new TimeBounds(Clock.systemUTC(), limits.maxFutureSkewSeconds());
    }

    /** How far past the clock a time may lie. */
    public double maxFutureSkewSeconds() {
        return maxFutureSkewSeconds;
    }

    /** The times accepted on {@code axis} now (the clock is read once: take one range per window). */
    public Range on(TimeAxis axis) {
        if (axis instanceof TimeAxis.Cycles) {
            return new Range(axis, 0, MAX_CYCLE, false);
        }
        double skewMicros = maxFutureSkewSeconds * 1e6;
        long now = clock.millis() * 1000;
        long latest = skewMicros >= MAX_TIMESTAMP - now ? MAX_TIMESTAMP : now + (long) skewMicros;
        return new Range(axis, MIN_TIMESTAMP, latest, true);
    }

    /**
     * The times one axis accepts at one moment.
     *
     * @param axis  the axis
     * @param min   the earliest tick accepted
     * @param max   the latest tick accepted
     * @param clock whether {@code max} comes from the service's clock (a clock axis)
     */
    public record Range(TimeAxis axis, long min, long max, boolean clock) {
        /** Whether {@code tick} is accepted. */
        public boolean admits(long tick) {
            return tick >= min && tick <= max;
        }

        /** Why {@code tick} is not accepted, in words to follow a field's path and a colon; empty when it is. */
        public Optional<String> problem(long tick) {
            if (admits(tick)) {
                return Optional.empty();
            }
            if (!clock) {
                return Optional.of(tick < min ? "cycle " + tick + " is negative; cycle numbers count from 0"
                        : "cycle " + tick + " is beyond the largest cycle number accepted (" + MAX_CYCLE + ")");
            }
            if (tick < min) {
                return Optional.of(axis.format(tick) + " is before year 1");
            }
            return Optional.of(axis.format(tick) + " is " + IN_THE_FUTURE + ": later than " + axis.format(max) + ", the service's"
                    + " clock plus limits.maxFutureSkewSeconds");
        }
    }
}
