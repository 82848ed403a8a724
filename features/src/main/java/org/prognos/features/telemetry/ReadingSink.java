package org.prognos.features.telemetry;

/**
 * Receives readings from a {@link TelemetrySource}, in time order per asset. The {@code values} array is
 * indexed like {@link TelemetrySource#channels()}, holds {@code NaN} for a missing value, and is reused by
 * the caller: copy it to keep it.
 */
@FunctionalInterface
public interface ReadingSink {
    void reading(String asset, long time, double[] values);
}
