package org.prognos.inference.report;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.prognos.features.scan.AssetScan;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TimeAxis;

/**
 * What the dataset says about an asset besides its readings, as the report shows it: its attributes (model, age, …)
 * and, per component, its last maintenance before the scoring time.
 *
 * @param attributes      the asset's attributes by name, sorted; empty when the dataset has none
 * @param lastMaintenance per maintained component (the maintenance event's code), the time of its last maintenance
 *                        before the scoring time, on the dataset's time axis; sorted by component
 */
public record AssetFacts(Map<String, String> attributes, Map<String, String> lastMaintenance) {
    public AssetFacts {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        lastMaintenance = Collections.unmodifiableMap(new TreeMap<>(lastMaintenance));
    }

    /** The facts of a scanned asset, from its events strictly before its scoring time. */
    static AssetFacts of(AssetScan scan, TimeAxis axis) {
        Map<String, Long> last = new TreeMap<>();
        for (Event e : scan.events()) {
            if (e.kind() == EventKind.MAINTENANCE && e.time() < scan.time()) {
                last.merge(e.code(), e.time(), Math::max);
            }
        }
        Map<String, String> when = new TreeMap<>();
        last.forEach((component, time) -> when.put(component, axis.format(time)));
        return new AssetFacts(scan.attributes(), when);
    }

    /** The attributes in words: {@code age 18, model model3}. */
    public String attributesText() {
        return String.join(", ", attributes.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    /** The last maintenance in words: {@code comp1 2015-06-01 06:00:00, comp3 …}. */
    public String maintenanceText() {
        return String.join(", ", lastMaintenance.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }
}
