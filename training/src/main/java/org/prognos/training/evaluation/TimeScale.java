package org.prognos.training.evaluation;

import org.prognos.features.telemetry.TimeAxis;

/**
 * How ticks read to a person: lead times are reported in hours for wall-clock data and in cycles for cycle data,
 * and false alarms per asset-month exist only where a tick has a duration.
 */
public sealed interface TimeScale permits TimeScale.WallClock, TimeScale.Cycles {
    /** Hours in the average month (365.25 × 24 / 12), the peer protocol's asset-month. */
    double HOURS_PER_MONTH = 730.5;

    /** The unit lead times are reported in ({@code h} or {@code cycles}). */
    String unit();

    /** {@code ticks} in {@link #unit()}. */
    double toUnits(long ticks);

    /** {@code ticks} in hours, {@code NaN} where ticks have no duration. */
    double hours(double ticks);

    /** Prognos timestamps: a tick is one microsecond. */
    static TimeScale timestamps() {
        return new WallClock(TimeAxis.Timestamps.MICROS_PER_HOUR);
    }

    /** Ticks that are hours (a time column counted in hours). */
    static TimeScale hourTicks() {
        return new WallClock(1);
    }

    /** Ticks that are cycles (C-MAPSS). */
    static TimeScale cycles() {
        return new Cycles();
    }

    /** The scale of a dataset's time axis. */
    public static TimeScale of(TimeAxis axis) {
        return axis instanceof TimeAxis.Cycles ? cycles() : timestamps();
    }

    /**
     * Ticks with a wall-clock duration.
     *
     * @param ticksPerHour ticks in one hour (3.6e9 for Prognos timestamps, 1 for hour ticks)
     */
    record WallClock(double ticksPerHour) implements TimeScale {
        public WallClock {
            if (!(ticksPerHour > 0) || Double.isInfinite(ticksPerHour)) {
                throw new EvaluationException("ticks per hour must be a positive number, found " + ticksPerHour);
            }
        }

        @Override
        public String unit() {
            return "h";
        }

        @Override
        public double toUnits(long ticks) {
            return ticks / ticksPerHour;
        }

        @Override
        public double hours(double ticks) {
            return ticks / ticksPerHour;
        }
    }

    /** Ticks that count operating cycles: no calendar duration. */
    record Cycles() implements TimeScale {
        @Override
        public String unit() {
            return "cycles";
        }

        @Override
        public double toUnits(long ticks) {
            return ticks;
        }

        @Override
        public double hours(double ticks) {
            return Double.NaN;
        }
    }
}
