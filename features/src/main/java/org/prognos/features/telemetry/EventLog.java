package org.prognos.features.telemetry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every event of a dataset, grouped by asset and sorted by time (stable: same-time events keep file
 * order). Event logs are small next to telemetry, so they are held in memory.
 */
public final class EventLog {
    private static final EventLog EMPTY = new EventLog(List.of());
    private final Map<String, List<Event>> byAsset;

    public EventLog(Collection<Event> events) {
        Map<String, List<Event>> m = new LinkedHashMap<>();
        for (Event e : events) {
            m.computeIfAbsent(e.asset(), k -> new ArrayList<>()).add(e);
        }
        m.replaceAll((k, v) -> {
            v.sort(Comparator.comparingLong(Event::time));
            return List.copyOf(v);
        });
        this.byAsset = Map.copyOf(m);
    }

    public static EventLog empty() {
        return EMPTY;
    }

    /** Events of one asset in time order; empty when none. */
    public List<Event> of(String asset) {
        return byAsset.getOrDefault(asset, List.of());
    }

    /** Events of one asset and kind in time order. */
    public List<Event> of(String asset, EventKind kind) {
        return of(asset).stream().filter(e -> e.kind() == kind).toList();
    }

    public Set<String> assets() {
        return byAsset.keySet();
    }

    /** Every event, asset by asset. */
    public List<Event> all() {
        return byAsset.values().stream().flatMap(List::stream).toList();
    }

    /** A log holding this log's events and {@code other}'s. */
    public EventLog merge(EventLog other) {
        List<Event> all = new ArrayList<>(all());
        all.addAll(other.all());
        return new EventLog(all);
    }

    public int size() {
        return byAsset.values().stream().mapToInt(List::size).sum();
    }
}
