package org.prognos.training.sequence;

import java.util.Arrays;
import java.util.Map;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.labels.RemainingUsefulLife;
import org.prognos.features.telemetry.EventLog;

/**
 * Feature rows of a sequence spec with their remaining-life labels: what a sequence model trains on. Networks learn
 * {@code rul / cap}, a target in [0, 1].
 *
 * @param table the feature rows
 * @param rul   the capped label of each row; {@code NaN} marks a censored row, which is not trained on
 * @param cap   the cap the labels were clipped to (C-MAPSS: 125 cycles)
 */
public record RulExamples(FeatureTable table, double[] rul, double cap) {
    public RulExamples {
        if (table == null || rul == null) {
            throw new InvalidSpecException("examples need a feature table and labels");
        }
        if (rul.length != table.size()) {
            throw new InvalidSpecException("expected one label per feature row (" + table.size() + "), found " + rul.length);
        }
        if (!(cap > 0) || !Double.isFinite(cap)) {
            throw new InvalidSpecException("the RUL cap must be positive and finite, found " + cap);
        }
        rul = rul.clone();
        for (int i = 0; i < rul.length; i++) {
            if (!Double.isNaN(rul[i]) && !(rul[i] >= 0 && rul[i] <= cap)) {
                throw new InvalidSpecException("row " + i + " (asset " + table.asset(i) + ", time " + table.time(i)
                        + ") has label " + rul[i] + ", outside [0, " + cap + "]; label with a capped RemainingUsefulLife");
            }
        }
    }

    /**
     * Labels {@code table} with {@code labeler}, which must have a cap.
     *
     * @param failures      the failure events of the table's assets
     * @param observedUntil each asset's last reading time (from the extraction summary)
     */
    public static RulExamples label(FeatureTable table, RemainingUsefulLife labeler, EventLog failures,
                                    Map<String, Long> observedUntil) {
        if (labeler.cap().isEmpty()) {
            throw new InvalidSpecException("a sequence model needs a capped remaining-life label, e.g."
                    + " RemainingUsefulLife.cappedCycles(125)");
        }
        return new RulExamples(table, labeler.label(table, failures, observedUntil), labeler.cap().getAsLong());
    }

    /** The labels (a copy). */
    @Override
    public double[] rul() {
        return rul.clone();
    }

    /** The label of row {@code i}. */
    public double rul(int i) {
        return rul[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RulExamples e && table == e.table && Arrays.equals(rul, e.rul) && cap == e.cap;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(table) * 31 + Arrays.hashCode(rul);
    }

    @Override
    public String toString() {
        return "RulExamples[" + table.size() + " rows, cap " + cap + "]";
    }
}
