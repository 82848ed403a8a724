package org.prognos.training.anomaly;

import java.util.List;
import org.prognos.features.telemetry.Event;
import org.prognos.training.evaluation.EventMetrics;
import org.prognos.training.evaluation.EventSettings;
import org.prognos.training.evaluation.RowTimes;
import org.prognos.training.evaluation.TimeScale;

/**
 * An anomaly model's alarms judged against the failure log of held-out assets, with the supervised models' own event
 * definitions ({@link EventMetrics}), so the figures sit beside theirs: a row <b>alarms</b> when its raw score
 * reaches the model's threshold; a failure is <b>caught within h</b> when a row of its asset at T with
 * 0 ≤ f − T &lt; h alarms; a <b>false alarm</b> is an alarming row with no failure within h after it, counted per
 * asset-month of rows; <b>alarm episodes</b> (needless visits) merge false-alarm rows of one asset less than h apart,
 * so a run of consecutive alarming rows counts once.
 */
public final class AlarmEvaluation {
    private static final List<String> CLASSES = List.of("none", "failure");

    private AlarmEvaluation() {
    }

    /**
     * The event metrics of {@code alarms} at horizon {@code horizon} ticks.
     *
     * @param rows      the evaluated rows' assets and times
     * @param alarms    whether each row alarms
     * @param failures  the failure log of the evaluated assets
     * @param rowStride ticks between an asset's rows
     */
    public static EventMetrics at(RowTimes rows, boolean[] alarms, List<Event> failures, long horizon, long rowStride,
                                  TimeScale scale) {
        int[] predicted = new int[alarms.length];
        int[] truth = new int[alarms.length];
        for (int r = 0; r < alarms.length; r++) {
            predicted[r] = alarms[r] ? 1 : 0;
            for (Event f : failures) {
                long ahead = f.time() - rows.time(r);
                if (f.asset().equals(rows.asset(r)) && ahead >= 0 && ahead < horizon) {
                    truth[r] = 1;
                    break;
                }
            }
        }
        return EventMetrics.of(rows, truth, predicted, CLASSES, failures, EventSettings.of(horizon, rowStride, scale, CLASSES));
    }
}
