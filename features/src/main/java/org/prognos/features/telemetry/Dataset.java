package org.prognos.features.telemetry;

import java.util.Objects;

/**
 * A fleet's history: telemetry (streamed), events and static attributes (in memory).
 */
public record Dataset(TelemetrySource telemetry, EventLog events, AssetAttributes attributes) {
    public Dataset {
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(attributes, "attributes");
    }

    public TimeAxis axis() {
        return telemetry.axis();
    }
}
