package org.prognos.features.synthetic;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.prognos.features.InvalidSpecException;

/**
 * Everything a synthetic fleet is generated from. The same config always yields the same fleet, value for
 * value and byte for byte: each element draws from its own random streams derived from
 * ({@code seed}, element index), never from global state.
 *
 * @param assets      number of network elements, at least 1
 * @param start       time of the first reading (whole seconds, year 1000 to 9999)
 * @param duration    length of each element's history; {@code duration / interval} readings per element
 * @param interval    time between readings, whole seconds, at least one second
 * @param seed        the seed every random draw derives from
 * @param missingRate probability that any one value is missing ({@code NaN}, an empty cell), in [0, 0.5]
 * @param reliability degradation, failure, maintenance and alarm knobs
 */
public record FleetConfig(
        int assets,
        Instant start,
        Duration duration,
        Duration interval,
        long seed,
        double missingRate,
        Reliability reliability) {

    /** Start of the default history: 2024-01-01 00:00:00 UTC. */
    public static final Instant DEFAULT_START = Instant.parse("2024-01-01T00:00:00Z");
    /** Default share of missing values: one in a thousand. */
    public static final double DEFAULT_MISSING_RATE = 0.001;
    private static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public FleetConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(reliability, "reliability");
        if (assets < 1) {
            throw new InvalidSpecException("fleet.assets must be at least 1, found " + assets);
        }
        if (start.getNano() != 0 || start.isBefore(EARLIEST)) {
            throw new InvalidSpecException("fleet.start must be whole seconds in year 1000 or later, found " + start);
        }
        if (interval.getNano() != 0 || interval.getSeconds() < 1) {
            throw new InvalidSpecException("fleet.interval must be a whole number of seconds, at least 1, found " + interval);
        }
        if (duration.compareTo(interval) < 0) {
            throw new InvalidSpecException("fleet.duration must hold at least one interval (" + interval + "), found " + duration);
        }
        if (duration.getSeconds() / interval.getSeconds() > Integer.MAX_VALUE) {
            throw new InvalidSpecException("fleet.duration / fleet.interval must be at most " + Integer.MAX_VALUE + " readings");
        }
        if (start.plus(duration).isAfter(LATEST)) {
            throw new InvalidSpecException("fleet.start + fleet.duration must end before year 10000, found " + start.plus(duration));
        }
        if (!(missingRate >= 0 && missingRate <= 0.5)) {
            throw new InvalidSpecException("fleet.missingRate must be in [0, 0.5], found " + missingRate);
        }
    }

    /**
     * {@code assets} elements with {@code hours} hourly readings each from {@link #DEFAULT_START}, a missing
     * rate of {@link #DEFAULT_MISSING_RATE} and {@link Reliability#defaults()}.
     */
    public static FleetConfig hourly(int assets, int hours, long seed) {
        return new FleetConfig(assets, DEFAULT_START, Duration.ofHours(hours), Duration.ofHours(1), seed,
                DEFAULT_MISSING_RATE, Reliability.defaults());
    }

    /** A year of hourly readings for 100 elements. */
    public static FleetConfig defaults(long seed) {
        return hourly(100, 8760, seed);
    }

    /** Readings per element. */
    public int steps() {
        return (int) (duration.getSeconds() / interval.getSeconds());
    }

    /** Length of one interval in hours (rates per hour and per day are scaled by it). */
    public double stepHours() {
        return interval.getSeconds() / 3600.0;
    }

    /** Total rows of telemetry: {@code assets × steps}. */
    public long rows() {
        return (long) assets * steps();
    }

    /** This config with another number of elements. */
    public FleetConfig withAssets(int n) {
        return new FleetConfig(n, start, duration, interval, seed, missingRate, reliability);
    }

    /** This config with another start time. */
    public FleetConfig withStart(Instant t) {
        return new FleetConfig(assets, t, duration, interval, seed, missingRate, reliability);
    }

    /** This config with another history length. */
    public FleetConfig withDuration(Duration d) {
        return new FleetConfig(assets, start, d, interval, seed, missingRate, reliability);
    }

    /** This config with another reading interval (the history length stays). */
    public FleetConfig withInterval(Duration i) {
        return new FleetConfig(assets, start, duration, i, seed, missingRate, reliability);
    }

    /** This config with another seed. */
    public FleetConfig withSeed(long s) {
        return new FleetConfig(assets, start, duration, interval, s, missingRate, reliability);
    }

    /** This config with another missing-value rate. */
    public FleetConfig withMissingRate(double rate) {
        return new FleetConfig(assets, start, duration, interval, seed, rate, reliability);
    }

    /** This config with other reliability knobs. */
    public FleetConfig withReliability(Reliability r) {
        return new FleetConfig(assets, start, duration, interval, seed, missingRate, r);
    }

    /** The config as text, for provenance records and the README of a written fleet. */
    public Map<String, String> provenance() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("assets", Integer.toString(assets));
        m.put("start", start.toString());
        m.put("duration", duration.toString());
        m.put("interval", interval.toString());
        m.put("seed", Long.toString(seed));
        m.put("missingRate", Double.toString(missingRate));
        reliability.provenance().forEach((k, v) -> m.put("reliability." + k, v));
        return m;
    }
}
