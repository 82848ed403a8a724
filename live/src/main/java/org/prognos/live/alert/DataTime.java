package org.prognos.live.alert;

import java.util.Objects;

/**
 * A time on a model's time axis: the tick the scoring uses (microseconds since the epoch on a timestamp axis, a
 * cycle number on a cycle axis) and the same time as the axis formats it, for people.
 *
 * @param tick the time as a number, comparable within one model's axis
 * @param text the formatted time, e.g. {@code 2015-12-01 05:00:00} or {@code 187}
 */
public record DataTime(long tick, String text) {
    public DataTime {
        Objects.requireNonNull(text, "text");
    }
}
