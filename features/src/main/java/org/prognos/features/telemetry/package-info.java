/**
 * The data model of a fleet's history. Time is a {@code long} tick on a {@link org.prognos.features.telemetry.TimeAxis}
 * (cycles, or microseconds since the epoch); readings are {@code double[]} rows with {@code NaN} for a missing
 * value; events are small and held in memory per asset; telemetry is streamed from a re-readable
 * {@link org.prognos.features.telemetry.TelemetrySource} so memory never depends on file size.
 */
package org.prognos.features.telemetry;
