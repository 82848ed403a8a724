package org.prognos.training.anomaly;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.prognos.features.telemetry.ReadingSink;
import org.prognos.features.telemetry.TelemetrySource;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.training.config.NormalSelection;

/**
 * The readings of some assets at times declared normal: what an anomaly job fits the spec's normalization on, so
 * that "zero" means the normal mean of each channel (per regime) and neither held-out assets nor abnormal periods
 * shift it.
 */
public final class NormalReadings implements TelemetrySource {
    private final TelemetrySource source;
    private final Set<String> assets;
    private final NormalSelection.Test normal;

    /** Readings of {@code assets} at times {@code normal} accepts. */
    public NormalReadings(TelemetrySource source, Set<String> assets, NormalSelection.Test normal) {
        this.source = source;
        this.assets = Set.copyOf(assets);
        this.normal = normal;
    }

    @Override
    public String name() {
        return source.name() + " (normal readings of " + assets.size() + " training assets)";
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
            if (assets.contains(asset) && normal.normal(asset, time)) {
                sink.reading(asset, time, values);
            }
        });
    }
}
