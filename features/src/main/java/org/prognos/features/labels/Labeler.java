package org.prognos.features.labels;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.TimeAxis;

/**
 * Turns a failure log into training targets for feature rows. A failure at time f "lies ahead" of a row at
 * time T when f ≥ T: for grid rows the features stop strictly before T, for per-reading rows the features
 * include the reading at T, and in both cases the failure has not been seen by them.
 *
 * <p>Right censoring: an asset is observed until its last reading. When the data ends before the label is
 * known (no failure seen, and the horizon or the remaining life reaches past the end), the row is
 * censored; each labeler says what it does with it, and a censored row gets {@code NaN} to mean "drop".
 */
public sealed interface Labeler permits FailureWithinHorizon, RemainingUsefulLife {

    /**
     * The labeler a command line names, on {@code axis} (the spec's time axis): {@code failure:HORIZON} (binary),
     * {@code failure:HORIZON:comp1,comp2} (per component), {@code rul} or {@code rul:CAP} (remaining useful life in
     * the axis' natural unit, capped). HORIZON is a span on the axis ({@code 24h}, {@code 30}). One parser for every
     * front end ({@code prognos features --labels}, the Spark job's {@code --labels}), so the same text labels alike.
     *
     * @throws InvalidSpecException when the text names no labeler, or its horizon or cap cannot be read
     */
    static Labeler parse(String text, TimeAxis axis) {
        String[] p = text.split(":");
        switch (p[0].toLowerCase(Locale.ROOT)) {
            case "failure" -> {
                if (p.length < 2) {
                    throw new InvalidSpecException("--labels failure needs a horizon, e.g. failure:24h");
                }
                long h = axis.parseSpan(p[1]);
                return p.length > 2 ? FailureWithinHorizon.perComponent(h, List.of(p[2].split(",")))
                        : FailureWithinHorizon.binary(h);
            }
            case "rul" -> {
                try {
                    return new RemainingUsefulLife(axis.naturalUnit(),
                            p.length > 1 ? OptionalLong.of(Long.parseLong(p[1])) : OptionalLong.empty());
                } catch (NumberFormatException e) {
                    throw new InvalidSpecException("--labels " + text + ": the cap must be a whole number, e.g. rul:125");
                }
            }
            default -> throw new InvalidSpecException("--labels must start with failure or rul, found '" + text + "'");
        }
    }

    /** Label names: the class names of a classification labeler, or the target name of a regression one. */
    List<String> classes();

    /** Whether the label is a class index (else a real-valued target). */
    boolean isClassification();

    /**
     * Labels for rows of one asset at {@code rowTimes} (ascending), given that asset's failures in time
     * order and the time of its last observation. {@code NaN} marks a censored row to drop.
     */
    double[] label(long[] rowTimes, List<Event> failures, long observedUntil);

    /** Labels for every row of a table; {@code observedUntil} maps each asset to its last reading time. */
    default double[] label(FeatureTable table, EventLog events, Map<String, Long> observedUntil) {
        double[] out = new double[table.size()];
        for (var e : table.rowsByAsset().entrySet()) {
            int[] rows = e.getValue();
            long[] times = new long[rows.length];
            for (int i = 0; i < rows.length; i++) {
                times[i] = table.time(rows[i]);
            }
            List<Event> failures = events.of(e.getKey(), EventKind.FAILURE);
            long end = observedUntil.getOrDefault(e.getKey(), times.length == 0 ? Long.MIN_VALUE : times[times.length - 1]);
            double[] l = label(times, failures, end);
            for (int i = 0; i < rows.length; i++) {
                out[rows[i]] = l[i];
            }
        }
        return out;
    }
}
