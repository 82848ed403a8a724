package org.prognos.features.extract;

import org.prognos.features.window.Stat;

/** The column kinds a spec compiles to. */
final class Columns {
    private Columns() {
    }

    /** A time-domain statistic of one channel of one window block. */
    record OfStat(int block, int channel, Stat stat) implements Column {
        @Override
        public double value(AssetState s, long rowTime) {
            return stat.apply(s.block(block), channel);
        }
    }

    /** stat(short) − stat(long). */
    record OfDiff(Stat stat, int shortBlock, int shortChannel, int longBlock, int longChannel) implements Column {
        @Override
        public double value(AssetState s, long rowTime) {
            return stat.apply(s.block(shortBlock), shortChannel) - stat.apply(s.block(longBlock), longChannel);
        }
    }

    /** The current EWMA of one (channel, alpha). */
    record OfEwma(int index) implements Column {
        @Override
        public double value(AssetState s, long rowTime) {
            return s.ewma(index);
        }
    }

    /** Events of one (kind, code) in a window. */
    record OfEventCount(int counter) implements Column {
        @Override
        public double value(AssetState s, long rowTime) {
            return s.eventCount(counter);
        }
    }

    /** Time since the last event of one (kind, code), in a unit of ticks. */
    record OfTimeSince(int index, double unitTicks) implements Column {
        @Override
        public double value(AssetState s, long rowTime) {
            long last = s.lastEventTime(index);
            return last == Long.MIN_VALUE ? Double.NaN : (rowTime - last) / unitTicks;
        }
    }

    /** A static attribute value, fixed per asset. */
    record OfStatic(int index) implements Column {
        @Override
        public double value(AssetState s, long rowTime) {
            return s.staticValue(index);
        }
    }

    /** Position {@code index} (0 = oldest) of a channel's last {@code length} values, padded (see FeatureGroup.Sequence). */
    record OfSequence(int block, int channel, int index, int length) implements Column {
        @Override
        public double value(AssetState s, long rowTime) {
            return s.sequenceValue(block, channel, index, length);
        }
    }

    /** Time since the asset's first reading, in a unit of ticks. */
    record OfElapsed(double unitTicks) implements Column {
        @Override
        public double value(AssetState s, long rowTime) {
            return (rowTime - s.firstReadingTime()) / unitTicks;
        }
    }

    /**
     * The sine or cosine of the row time's phase in a calendar cycle (a day, or a week from Monday 00:00), on the
     * wall clock of {@code zone}; ticks are microseconds since the epoch (the timestamps axis).
     */
    record OfCalendar(Cycle cycle, java.time.ZoneId zone, boolean sine) implements Column {
        private static final long MICROS_PER_DAY = 86_400_000_000L;
        /** 1970-01-01 was a Thursday: Monday 00:00 is 3 days later in the week's phase. */
        private static final long EPOCH_DAYS_AFTER_MONDAY = 3;

        /** A calendar cycle and its length in microseconds. */
        enum Cycle {
            DAY(MICROS_PER_DAY), WEEK(7 * MICROS_PER_DAY);

            final long micros;

            Cycle(long micros) {
                this.micros = micros;
            }
        }

        @Override
        public double value(AssetState s, long rowTime) {
            long offset = zone.getRules().getOffset(java.time.Instant.ofEpochSecond(Math.floorDiv(rowTime, 1_000_000L)))
                    .getTotalSeconds() * 1_000_000L;
            long local = rowTime + offset + (cycle == Cycle.WEEK ? EPOCH_DAYS_AFTER_MONDAY * MICROS_PER_DAY : 0);
            double phase = 2 * Math.PI * Math.floorMod(local, cycle.micros) / cycle.micros;
            return sine ? Math.sin(phase) : Math.cos(phase);
        }
    }

    /** One spectral feature of one spectral group (one FFT per row, shared by the group). */
    record OfSpectral(int group, int feature) implements Column {
        @Override
        public double value(AssetState s, long rowTime) {
            return s.spectral(group, feature, rowTime);
        }
    }
}
