package org.prognos.training.data;

import java.util.Set;
import org.prognos.features.telemetry.FilteredTelemetry;
import org.prognos.features.telemetry.TelemetrySource;

/**
 * The readings of some assets, optionally only before a time or only at the times a job declares normal: what a fit
 * may see. Fitting a normalizer on this view, never on the whole source, is how evaluation data (and, for an anomaly
 * job, abnormal periods) stays out of every fitted transform. Each view is a {@link FilteredTelemetry}.
 */
public final class SubsetTelemetry {
    private SubsetTelemetry() {
    }

    /** Readings of {@code assets} with time &lt; {@code before} ({@code Long.MAX_VALUE} for all). */
    public static FilteredTelemetry before(TelemetrySource source, Set<String> assets, long before) {
        return of(source, assets, (a, t) -> t < before, source.name() + " (" + assets.size() + " training assets"
                + (before == Long.MAX_VALUE ? "" : ", before the cut") + ")");
    }

    /** Every reading of {@code assets}, named {@code name} in messages: the assets an evaluation is limited to. */
    public static FilteredTelemetry assets(TelemetrySource source, Set<String> assets, String name) {
        return of(source, assets, (a, t) -> true, name);
    }

    /** Readings of {@code assets} at the times {@code normal} keeps: an anomaly job's normal data. */
    public static FilteredTelemetry normal(TelemetrySource source, Set<String> assets, FilteredTelemetry.Keep normal) {
        return of(source, assets, normal, source.name() + " (normal readings of " + assets.size() + " training assets)");
    }

    private static FilteredTelemetry of(TelemetrySource source, Set<String> assets, FilteredTelemetry.Keep keep,
                                        String name) {
        Set<String> chosen = Set.copyOf(assets);
        return new FilteredTelemetry(source, name, (a, t) -> chosen.contains(a) && keep.keep(a, t));
    }
}
