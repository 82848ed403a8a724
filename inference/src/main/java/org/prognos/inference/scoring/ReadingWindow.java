package org.prognos.inference.scoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.prognos.features.telemetry.Event;

/**
 * What a score request means once read: one asset's readings, events and attributes, on a model's
 * {@link WindowSchema}. The scoring core takes this, never a request body; the HTTP layer reads bodies into it.
 *
 * <p>The reading arrays are owned by the window and not copied (a window is built once per request and read once):
 * whoever builds one hands its arrays over and does not change them afterwards.
 *
 * @param schema     what the window was read against: the order of {@code values}, the axis of the times
 * @param asset      the asset id, when given
 * @param times      reading times on the schema's axis, strictly increasing (may be empty: a window of events only)
 * @param values     row-major values, one row of the schema's channels per reading (NaN: missing)
 * @param events     events, sorted by time
 * @param attributes the asset's static attributes, by name
 * @param asOf       the time to score at; empty means just after the last reading
 * @param warnings   notes from reading the window for the answer (channels ignored)
 */
public record ReadingWindow(WindowSchema schema, Optional<String> asset, long[] times, double[] values, List<Event> events,
                            Map<String, String> attributes, OptionalLong asOf, List<String> warnings) {
    public ReadingWindow {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(asOf, "asOf");
        if (values.length != times.length * schema.channels().size()) {
            throw new IllegalArgumentException(values.length + " values for " + times.length + " readings of "
                    + schema.channels().size() + " channels");
        }
        for (int i = 1; i < times.length; i++) {
            if (times[i] <= times[i - 1]) {
                throw new IllegalArgumentException("reading times are not strictly increasing at " + i);
            }
        }
        events = List.copyOf(events);
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).time() < events.get(i - 1).time()) {
                throw new IllegalArgumentException("events are not sorted by time at " + i);
            }
        }
        attributes = attributes.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        warnings = List.copyOf(warnings);
    }

    /** How many readings the window holds. */
    public int readings() {
        return times.length;
    }
}
