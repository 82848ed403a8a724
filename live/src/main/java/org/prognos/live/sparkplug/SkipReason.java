package org.prognos.live.sparkplug;

import java.util.Locale;

/**
 * Why one metric of an accepted message was left out. The rest of the message is kept; callers count skips by
 * {@link #label()}.
 */
public enum SkipReason {
    /**
     * The metric's datatype has no reading as a number: DataSet, Template, Bytes, File, arrays, DateTime, UUID,
     * property sets, and String or Text outside the event metrics.
     */
    UNSUPPORTED_DATATYPE,
    /** The metric's value field does not fit its datatype, or is missing without {@code is_null}. */
    VALUE_MISMATCH,
    /** An event metric ({@code event/...}) whose kind is not {@code failure}, {@code maintenance} or {@code alarm}. */
    UNKNOWN_EVENT_KIND;

    /** The snake_case name callers log and count ({@code unsupported_datatype}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
