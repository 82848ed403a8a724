package org.prognos.training.data;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.prognos.features.telemetry.ReadingSink;
import org.prognos.features.telemetry.TelemetrySource;
import org.prognos.features.telemetry.TimeAxis;

/**
 * The readings of some assets, optionally only before a time: what a fit may see. Fitting a normalizer on
 * this view, never on the whole source, is how evaluation data stays out of every fitted transform.
 */
public final class SubsetTelemetry implements TelemetrySource {
    private final TelemetrySource source;
    private final Set<String> assets;
    private final long before;

    /** Readings of {@code assets} with time &lt; {@code before} ({@code Long.MAX_VALUE} for all). */
    public SubsetTelemetry(TelemetrySource source, Set<String> assets, long before) {
        this.source = source;
        this.assets = Set.copyOf(assets);
        this.before = before;
    }

    @Override
    public String name() {
        return source.name() + " (" + assets.size() + " training assets" + (before == Long.MAX_VALUE ? "" : ", before the cut") + ")";
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
            if (time < before && assets.contains(asset)) {
                sink.reading(asset, time, values);
            }
        });
    }
}
