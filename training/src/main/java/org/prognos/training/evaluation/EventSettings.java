package org.prognos.training.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * How predictions are matched to failure events.
 *
 * @param horizon   the task's horizon in ticks: a row at T looks at failures f with 0 ≤ f − T &lt; horizon
 * @param rowStride ticks between consecutive rows of an asset (3 h on the Azure guide's grid): one evaluated row
 *                  stands for this much asset time in "false alarms per asset-month"
 * @param scale     how ticks read (hours or cycles)
 * @param match     when a prediction catches an event
 */
public record EventSettings(long horizon, long rowStride, TimeScale scale, EventMatch match) {
    public EventSettings {
        if (horizon <= 0) {
            throw new EvaluationException("the horizon must be positive, found " + horizon + " ticks");
        }
        if (rowStride <= 0) {
            throw new EvaluationException("the row stride must be positive, found " + rowStride + " ticks");
        }
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(match, "match");
    }

    /** Settings whose match rule suits {@code classes} ({@link EventMatch#forClasses}). */
    public static EventSettings of(long horizon, long rowStride, TimeScale scale, List<String> classes) {
        return new EventSettings(horizon, rowStride, scale, EventMatch.forClasses(classes));
    }
}
