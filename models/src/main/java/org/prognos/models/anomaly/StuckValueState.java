package org.prognos.models.anomaly;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * One asset's {@link StuckValueCheck}: the value of the current run, its length, the longest run that has ended and
 * whether the current run has alarmed. The part of an {@link AdaptiveScorer} that exists only when the settings have
 * the check, with its share of the scorer's snapshot (25 bytes). Not thread-safe, as the scorer.
 */
final class StuckValueState {
    private final StuckValueCheck check;
    private final int column;
    private double value = Double.NaN;     // the current run's value; NaN before the first finite one
    private long run;                      // values in the current run; 0 before the first finite one
    private long longest;                  // values in the longest run that has ended; 0 before one has
    private boolean alarmed;               // whether the current run has crossed the bound

    StuckValueState(StuckValueCheck check, List<String> columns) {
        this.check = check;
        this.column = check.columnIn(columns);
    }

    /**
     * Whether the raw row {@code row} makes the current run cross the bound (once per run); remembers the row's value.
     */
    boolean next(double[] row) {
        double v = row[column];
        if (!Double.isFinite(v)) {
            return false;                  // neither continues nor ends the run
        }
        if (run > 0 && v == value) {
            run++;
        } else {
            longest = Math.max(longest, run);
            value = v;
            run = 1;
            alarmed = false;
        }
        if (!alarmed && run > check.bound(longest)) {
            alarmed = true;
            return true;
        }
        return false;
    }

    /** The current run's length (values). */
    long run() {
        return run;
    }

    /** The longest run that has ended (values). */
    long longest() {
        return longest;
    }

    /** The check's part of a snapshot: the run's value (exact bits), its length, the longest, whether it alarmed. */
    void write(DataOutputStream out) throws IOException {
        out.writeLong(Double.doubleToRawLongBits(value));
        out.writeLong(run);
        out.writeLong(longest);
        out.writeBoolean(alarmed);
    }

    /** Reads back what {@link #write} wrote. */
    void read(DataInputStream in) throws IOException {
        value = Double.longBitsToDouble(in.readLong());
        run = in.readLong();
        longest = in.readLong();
        alarmed = in.readBoolean();
    }

    /** The bytes this state holds, object overhead included. */
    long estimatedBytes() {
        return 64;
    }
}
