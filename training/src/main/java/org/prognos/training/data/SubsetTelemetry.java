package org.prognos.training.data;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.prognos.features.telemetry.ReadingSink;
import org.prognos.features.telemetry.TelemetrySource;
import org.prognos.features.telemetry.TimeAxis;

/**
 * The readings of some assets, optionally only before a time or only at the times a job declares normal: what a fit
 * may see. Fitting a normalizer on this view, never on the whole source, is how evaluation data (and, for an anomaly
 * job, abnormal periods) stays out of every fitted transform.
 */
public final class SubsetTelemetry implements TelemetrySource {
    /** Which of the chosen assets' readings a fit sees. */
    @FunctionalInterface
    public interface Keep {
        boolean keep(String asset, long time);
    }

    private final TelemetrySource source;
    private final Set<String> assets;
    private final Keep keep;
    private final String name;

    /** Readings of {@code assets} with time &lt; {@code before} ({@code Long.MAX_VALUE} for all). */
    public SubsetTelemetry(TelemetrySource source, Set<String> assets, long before) {
        this(source, assets, (a, t) -> t < before, source.name() + " (" + assets.size() + " training assets"
                + (before == Long.MAX_VALUE ? "" : ", before the cut") + ")");
    }

    private SubsetTelemetry(TelemetrySource source, Set<String> assets, Keep keep, String name) {
        this.source = source;
        this.assets = Set.copyOf(assets);
        this.keep = keep;
        this.name = name;
    }

    /** Every reading of {@code assets}, named {@code name} in messages: the assets an evaluation is limited to. */
    public static SubsetTelemetry assets(TelemetrySource source, Set<String> assets, String name) {
        return new SubsetTelemetry(source, assets, (a, t) -> true, name);
    }

    /** Readings of {@code assets} at the times {@code normal} keeps: an anomaly job's normal data. */
    public static SubsetTelemetry normal(TelemetrySource source, Set<String> assets, Keep normal) {
        return new SubsetTelemetry(source, assets, normal, source.name() + " (normal readings of " + assets.size()
                + " training assets)");
    }

    @Override
    public String name() {
        return name;
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
            if (assets.contains(asset) && keep.keep(asset, time)) {
                sink.reading(asset, time, values);
            }
        });
    }
}
