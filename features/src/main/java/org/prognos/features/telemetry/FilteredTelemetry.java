package org.prognos.features.telemetry;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The readings of another source that a rule keeps, by asset and time, under a name of its own (the name messages
 * show). It is how a job limits a source to some assets or times without copying it: the assets a fit may see, the
 * normal periods an anomaly model learns from, the assets a score run was asked for, the machines a test streams.
 *
 * @param source the source read
 * @param name   what messages call this view of it
 * @param keep   which readings pass
 */
public record FilteredTelemetry(TelemetrySource source, String name, Keep keep) implements TelemetrySource {
    /** Whether the reading of {@code asset} at {@code time} passes. */
    @FunctionalInterface
    public interface Keep {
        boolean keep(String asset, long time);
    }

    public FilteredTelemetry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keep, "keep");
    }

    @Override
    public TimeAxis axis() {
        return source.axis();
    }

    @Override
    public List<String> channels() {
        return source.channels();
    }

    @Override
    public void forEach(ReadingSink sink) throws IOException {
        source.forEach((asset, time, values) -> {
            if (keep.keep(asset, time)) {
                sink.reading(asset, time, values);
            }
        });
    }
}
