package org.prognos.features.telemetry;

/** The kinds of event log Prognos understands. The event's code names the component or alarm. */
public enum EventKind {
    /** A component failed; the code names the component (e.g. {@code comp2}). */
    FAILURE,
    /** A component was replaced or serviced; the code names the component. */
    MAINTENANCE,
    /** An error or alarm was raised; the code names it (e.g. {@code error3}). */
    ALARM
}
