package org.prognos.features.synthetic;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What writing a synthetic fleet produced.
 *
 * @param directory         where the files are
 * @param files             every file written, README.txt last
 * @param telemetryRows     rows of telemetry (elements × intervals)
 * @param failures          failure events written
 * @param maintenance       maintenance events written
 * @param alarms            alarm events written
 * @param peakBufferedBytes the most formatted output held in memory at once: bounded by the flush size with
 *                          one thread, by one element's output per thread in flight otherwise; never by the
 *                          fleet size
 * @param elapsed           wall time of the whole write
 */
public record WriteSummary(
        Path directory,
        List<Path> files,
        long telemetryRows,
        long failures,
        long maintenance,
        long alarms,
        long peakBufferedBytes,
        Duration elapsed) {

    public WriteSummary {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(elapsed, "elapsed");
        files = List.copyOf(files);
    }

    /** Telemetry rows written per second of wall time. */
    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? telemetryRows / seconds : Double.POSITIVE_INFINITY;
    }
}
