package org.prognos.features.synthetic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.ReadingSink;
import org.prognos.features.telemetry.TelemetrySource;
import org.prognos.features.telemetry.TimeAxis;

/**
 * Plain random-walk telemetry for throughput benchmarks, the Java twin of the peer benchmark's
 * {@code synthetic()}: per machine and channel, {@code base + cumsum(N(0, 0.05)) + N(0, 0.05·base)} with base
 * levels 170, 450, 100, 40 (repeating for more channels), hourly from a fixed start. No regimes, no events,
 * no missing values. Each machine is drawn from its own stream, so {@link #series(int)} generates any
 * machine alone, on demand, in any order or in parallel, always with the same numbers. (The numbers are
 * not numpy's; the distribution is.)
 */
public final class SimpleWalk {
    private static final double[] BASE = {170, 450, 100, 40};
    private static final double STEP_SD = 0.05;
    private static final double NOISE_SHARE = 0.05;
    private static final int WALK_STREAM = 3;

    private final int machines;
    private final int hours;
    private final int channels;
    private final long seed;
    private final long startMicros;
    private final int idWidth;

    SimpleWalk(int machines, int hours, int channels, long seed, Instant start) {
        if (machines < 1 || hours < 1 || channels < 1) {
            throw new InvalidSpecException("simpleWalk needs machines, hours and channels of at least 1, found "
                    + machines + ", " + hours + ", " + channels);
        }
        this.machines = machines;
        this.hours = hours;
        this.channels = channels;
        this.seed = seed;
        this.startMicros = Objects.requireNonNull(start, "start").getEpochSecond() * TimeAxis.Timestamps.MICROS_PER_SECOND;
        this.idWidth = Math.max(4, AssetProfile.digits(machines));
    }

    /** Number of machines. */
    public int machines() {
        return machines;
    }

    /** Readings per machine. */
    public int hours() {
        return hours;
    }

    /** Rows in all: machines × hours. */
    public long rows() {
        return (long) machines * hours;
    }

    /** Channel names {@code c0, c1, …}. */
    public List<String> channels() {
        List<String> names = new ArrayList<>(channels);
        for (int c = 0; c < channels; c++) {
            names.add("c" + c);
        }
        return List.copyOf(names);
    }

    /** Times are epoch microseconds, hourly. */
    public TimeAxis axis() {
        return TimeAxis.Timestamps.utc();
    }

    /** The id of machine {@code machine} (0-based): {@code m0001} for 0. */
    public String machineId(int machine) {
        Objects.checkIndex(machine, machines);
        return "m" + AssetProfile.padded(machine + 1, idWidth);
    }

    /** Generates machine {@code machine}'s columns afresh; the caller owns the arrays. */
    public WalkSeries series(int machine) {
        Objects.checkIndex(machine, machines);
        Draws d = new Draws(Draws.streamSeed(seed, machine, WALK_STREAM));
        long[] times = new long[hours];
        for (int t = 0; t < hours; t++) {
            times[t] = startMicros + t * TimeAxis.Timestamps.MICROS_PER_HOUR;
        }
        double[][] values = new double[channels][hours];
        for (int c = 0; c < channels; c++) {
            double base = BASE[c % BASE.length];
            double noise = base * NOISE_SHARE;
            double walk = 0;
            double[] column = values[c];
            for (int t = 0; t < hours; t++) {
                walk += STEP_SD * d.gaussian();
                column[t] = base + walk + noise * d.gaussian();
            }
        }
        return new WalkSeries(machineId(machine), times, values);
    }

    /** Every machine's columns, generated now: memory grows with machines × hours × channels. */
    public List<WalkSeries> all() {
        List<WalkSeries> all = new ArrayList<>(machines);
        for (int m = 0; m < machines; m++) {
            all.add(series(m));
        }
        return all;
    }

    /** The walk as a re-readable telemetry source, machine by machine, generating one machine at a time. */
    public TelemetrySource asSource() {
        return new TelemetrySource() {
            @Override
            public String name() {
                return "simple walk seed=" + seed + " (" + machines + " machines x " + hours + " h)";
            }

            @Override
            public TimeAxis axis() {
                return SimpleWalk.this.axis();
            }

            @Override
            public List<String> channels() {
                return SimpleWalk.this.channels();
            }

            @Override
            public void forEach(ReadingSink sink) {
                double[] row = new double[channels];
                for (int m = 0; m < machines; m++) {
                    WalkSeries s = series(m);
                    for (int t = 0; t < hours; t++) {
                        for (int c = 0; c < channels; c++) {
                            row[c] = s.values()[c][t];
                        }
                        sink.reading(s.asset(), s.times()[t], row);
                    }
                }
            }
        };
    }
}
