package org.prognos.features.io;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.ReadingSink;
import org.prognos.features.telemetry.TimeAxis;

/**
 * Applies the order, duplicate and carry-forward policies between a parser and the caller's sink. It keeps,
 * per asset, the last time and line, the last value of each channel (for CARRY_FORWARD) and one held-back
 * reading (for KEEP_LAST): memory grows with assets × channels, never with rows.
 */
final class AssetOrder {
    private final TimeAxis axis;
    private final ReadPolicy policy;
    private final ReadingSink sink;
    private final int channels;
    private final int timeColumn;
    private final Map<String, State> states = new LinkedHashMap<>();
    private String source;
    private String lastAsset;
    private State lastState;

    private static final class State {
        final String asset;
        boolean seen;
        long time;
        long line;
        String lineSource;
        double[] held;
        boolean holding;
        double[] carry;

        State(String asset) {
            this.asset = asset;
        }
    }

    /** {@code timeColumn} is the 1-based column named by order errors, 0 when there is none. */
    AssetOrder(String source, TimeAxis axis, int channels, int timeColumn, ReadPolicy policy, ReadingSink sink) {
        this.source = source;
        this.axis = axis;
        this.channels = channels;
        this.timeColumn = timeColumn;
        this.policy = policy;
        this.sink = sink;
    }

    /** Changes the name used in messages (a source spread over several files). */
    void source(String name) {
        source = name;
    }

    /** One parsed reading; {@code values} may be reused by the caller after the call. */
    void offer(String asset, long time, double[] values, long line) {
        State s = asset == lastAsset ? lastState : state(asset);
        if (s.seen && time <= s.time) {
            if (time < s.time) {
                if (policy.outOfOrder() == ReadPolicy.OutOfOrder.FAIL) {
                    throw new InvalidTelemetryException(source, line, timeColumn, "time " + axis.format(time)
                            + " of asset '" + asset + "' is before its previous reading at " + axis.format(s.time)
                            + " (" + where(s) + "); rows of an asset must be in time order (ReadPolicy.OutOfOrder.DROP drops late rows)");
                }
                return;
            }
            switch (policy.duplicates()) {
                case FAIL -> throw new InvalidTelemetryException(source, line, timeColumn, "duplicate time "
                        + axis.format(time) + " for asset '" + asset + "', already read at " + where(s)
                        + " (ReadPolicy.Duplicates.KEEP_FIRST or KEEP_LAST keeps one)");
                case KEEP_FIRST -> {
                    return;
                }
                case KEEP_LAST -> {
                    System.arraycopy(values, 0, s.held, 0, channels);
                    s.line = line;
                    s.lineSource = source;
                    return;
                }
            }
        }
        if (policy.duplicates() == ReadPolicy.Duplicates.KEEP_LAST) {
            if (s.holding) {
                emit(s, s.time, s.held);
            }
            System.arraycopy(values, 0, s.held, 0, channels);
            s.holding = true;
        } else {
            emit(s, time, values);
        }
        s.seen = true;
        s.time = time;
        s.line = line;
        s.lineSource = source;
    }

    private String where(State s) {
        return s.lineSource.equals(source) ? "line " + s.line : s.lineSource + " line " + s.line;
    }

    /** Emits the readings held back by KEEP_LAST; call once after the last {@link #offer}. */
    void finish() {
        for (State s : states.values()) {
            if (s.holding) {
                s.holding = false;
                emit(s, s.time, s.held);
            }
        }
    }

    private void emit(State s, long time, double[] values) {
        if (s.carry != null) {
            for (int c = 0; c < channels; c++) {
                if (Double.isNaN(values[c])) {
                    values[c] = s.carry[c];
                } else {
                    s.carry[c] = values[c];
                }
            }
        }
        sink.reading(s.asset, time, values);
    }

    private State state(String asset) {
        State s = states.get(asset);
        if (s == null) {
            s = new State(asset);
            if (policy.duplicates() == ReadPolicy.Duplicates.KEEP_LAST) {
                s.held = new double[channels];
            }
            if (policy.missingValues() == ReadPolicy.MissingValues.CARRY_FORWARD) {
                s.carry = new double[channels];
                Arrays.fill(s.carry, Double.NaN);
            }
            states.put(asset, s);
        }
        lastAsset = asset;
        lastState = s;
        return s;
    }

}
