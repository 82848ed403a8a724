package org.prognos.inference.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One asset to score: a window of raw readings, its recent events and its attributes.
 *
 * @param asset      the asset id (optional; echoed in the answer)
 * @param readings   the window, oldest first, strictly increasing times; at least one
 * @param events     recent events (failures, maintenance, alarms); may be absent
 * @param attributes static attributes such as {@code model} or {@code age}; may be absent
 * @param asOf       the time to score at; absent means just after the last reading
 */
public record ScoreRequest(String asset, List<Reading> readings, List<EventItem> events, Map<String, String> attributes,
                           String asOf) {
    public ScoreRequest {
        readings = readings == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(readings));
        events = events == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(events));
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public Optional<String> assetId() {
        return Optional.ofNullable(asset);
    }

    public Optional<String> asOfTime() {
        return Optional.ofNullable(asOf);
    }
}
