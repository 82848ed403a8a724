package org.prognos.cli.simulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.prognos.features.io.Datasets;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.InMemoryTelemetry;
import org.prognos.features.telemetry.TimeAxis;

/** Data the simulator's tests replay: a slice of the bundled Azure PdM data, and a small fleet built by hand. */
final class Fixtures {
    static final TimeAxis UTC = TimeAxis.Timestamps.utc();
    static final long HOUR = TimeAxis.Timestamps.MICROS_PER_HOUR;

    private Fixtures() {
    }

    /** The bundled data's folder, found above the working directory. */
    static Path bundledData() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("notebooks-data/azure-pdm"))) {
                return d.resolve("notebooks-data");
            }
        }
        throw new IllegalStateException("no notebooks-data above " + Path.of("").toAbsolutePath());
    }

    static Dataset azure() {
        try {
            return Datasets.open(bundledData().resolve("azure-pdm"), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Machines 1 to 3, 1 to 4 December 2015: 72 hourly readings each, with their event history and attributes. */
    static ReplaySlice azureSlice() {
        return ReplaySlice.everything().withAssets(List.of("1", "2", "3"))
                .between(OptionalLong.of(UTC.parse("2015-12-01 00:00:00")), OptionalLong.of(UTC.parse("2015-12-04 00:00:00")));
    }

    /**
     * Two assets, two channels, hourly from {@code t0}: "a" 5 readings (one value missing), "b" 3 readings starting an
     * hour later; "a" has a maintenance before its first reading, an alarm between readings and a failure after its last.
     */
    static Dataset small() {
        long t0 = UTC.parse("2020-01-01 00:00:00");
        InMemoryTelemetry t = new InMemoryTelemetry("small", UTC, List.of("temp", "rpm"));
        for (int i = 0; i < 5; i++) {
            t.add("a", t0 + i * HOUR, i == 2 ? Double.NaN : 20.5 + i, 1000 + i);
        }
        for (int i = 1; i <= 3; i++) {
            t.add("b", t0 + i * HOUR, -0.25 * i, 1e-7 * i);
        }
        EventLog events = new EventLog(List.of(
                new Event("a", t0 - 24 * HOUR, EventKind.MAINTENANCE, "comp1"),
                new Event("a", t0 + 2 * HOUR + HOUR / 2, EventKind.ALARM, "error\"1"),
                new Event("a", t0 + 9 * HOUR, EventKind.FAILURE, "comp2")));
        AssetAttributes attributes = new AssetAttributes(Map.of("a", Map.of("model", "model3", "age", "18")));
        return new Dataset(t, events, attributes);
    }
}
