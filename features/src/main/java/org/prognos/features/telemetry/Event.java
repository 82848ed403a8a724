package org.prognos.features.telemetry;

import java.util.Objects;

/**
 * One entry of an event log.
 *
 * @param asset the asset id
 * @param time  ticks on the dataset's {@link TimeAxis}
 * @param kind  failure, maintenance or alarm
 * @param code  the component or alarm code
 */
public record Event(String asset, long time, EventKind kind, String code) {
    public Event {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
    }
}
