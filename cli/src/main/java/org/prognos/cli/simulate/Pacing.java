package org.prognos.cli.simulate;

import org.prognos.features.telemetry.TimeAxis;

/**
 * When each message is due, in nanoseconds after the replay started: at a multiple of data time
 * ({@link DataSpeed}), at a fixed number of readings per second ({@link FixedRate}), or at once ({@link Unpaced}).
 * A schedule, not a promise: the {@link Publisher} sends a message no earlier than it is due, and later when the broker
 * holds it back (QoS 1 flow control) or the machine cannot keep up.
 */
public sealed interface Pacing permits Pacing.DataSpeed, Pacing.FixedRate, Pacing.Unpaced {
    /**
     * Nanoseconds after the start at which a message is due.
     *
     * @param dataTicks      the message's data time minus the replay's first reading time, in ticks
     * @param readingsBefore readings sent before it since the start
     */
    long dueNanos(long dataTicks, long readingsBefore);

    /** Data time at {@code factor} times real time: with 3600, one hour of data a second. */
    static Pacing speed(double factor, TimeAxis axis) {
        // a cycle counts as a second of data
        long ticksPerSecond = axis instanceof TimeAxis.Timestamps ? TimeAxis.Timestamps.MICROS_PER_SECOND : 1;
        return new DataSpeed(factor, ticksPerSecond);
    }

    /** {@code perSecond} readings a second, whatever their data time. */
    static Pacing rate(double perSecond) {
        return new FixedRate(perSecond);
    }

    /** Every message at once: as fast as the broker takes them. */
    static Pacing unpaced() {
        return new Unpaced();
    }

    /**
     * Data time, sped up.
     *
     * @param factor         seconds of data per second of wall time
     * @param ticksPerSecond ticks of the axis in a second of data (a cycle axis counts a cycle as a second)
     */
    record DataSpeed(double factor, long ticksPerSecond) implements Pacing {
        public DataSpeed {
            if (!(factor > 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("speed must be a positive factor, found " + factor);
            }
            if (ticksPerSecond < 1) {
                throw new IllegalArgumentException("ticksPerSecond must be positive, found " + ticksPerSecond);
            }
        }

        @Override
        public long dueNanos(long dataTicks, long readingsBefore) {
            return (long) (dataTicks * (1e9 / (ticksPerSecond * factor)));
        }
    }

    /**
     * A fixed rate of readings (a message of N readings counts N).
     *
     * @param perSecond readings a second
     */
    record FixedRate(double perSecond) implements Pacing {
        public FixedRate {
            if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("rate must be a positive number of readings a second, found " + perSecond);
            }
        }

        @Override
        public long dueNanos(long dataTicks, long readingsBefore) {
            return (long) (readingsBefore * (1e9 / perSecond));
        }
    }

    /** No pacing. */
    record Unpaced() implements Pacing {
        @Override
        public long dueNanos(long dataTicks, long readingsBefore) {
            return 0;
        }
    }
}
