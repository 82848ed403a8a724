package org.prognos.features.synthetic;

import java.util.Objects;

/**
 * One machine's telemetry in columns: {@code times[t]} (epoch microseconds) and {@code values[channel][t]}.
 * A freshly generated block that belongs to the caller: the accessors hand out the arrays themselves,
 * without copies, because benchmarks read millions of rows from them and nothing else holds a reference.
 * Not a record on purpose: it is a mutable buffer, not a value.
 */
public final class WalkSeries {
    private final String asset;
    private final long[] times;
    private final double[][] values;

    WalkSeries(String asset, long[] times, double[][] values) {
        this.asset = Objects.requireNonNull(asset, "asset");
        this.times = Objects.requireNonNull(times, "times");
        this.values = Objects.requireNonNull(values, "values");
    }

    /** The machine id. */
    public String asset() {
        return asset;
    }

    /** Number of readings. */
    public int length() {
        return times.length;
    }

    /** Reading times, ascending (the caller's array, not a copy). */
    public long[] times() {
        return times;
    }

    /** Values by channel then time (the caller's arrays, not copies). */
    public double[][] values() {
        return values;
    }
}
