package org.prognos.inference.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readings streamed for one asset: either many ({@code readings}) or one ({@code time} and {@code values} at the
 * top level), with optional events and attributes (attributes are taken when the asset's state is created).
 *
 * @param readings   readings, oldest first
 * @param events     events to apply
 * @param attributes static attributes
 * @param time       the time of a single reading
 * @param values     the values of a single reading
 */
public record ReadingsRequest(List<Reading> readings, List<EventItem> events, Map<String, String> attributes, String time,
                              Map<String, Double> values) {
    public ReadingsRequest {
        readings = readings == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(readings));
        events = events == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(events));
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The readings, the single top-level one included. */
    public List<Reading> allReadings() {
        if (time == null && values == null) {
            return readings;
        }
        List<Reading> all = new ArrayList<>(readings.size() + 1);
        all.add(new Reading(time, values));
        all.addAll(readings);
        return all;
    }
}
