package org.prognos.features.extract;

import java.util.List;
import org.prognos.features.telemetry.Event;

/**
 * One asset's events, sorted by time, fed to its {@link AssetState} in the order every extraction uses: before a
 * reading at T, every event at or before T ({@link #applyThrough}); before features are evaluated at T, the events
 * that count for T ({@link #applyCounting}). Batch extraction, the service's request windows and streaming state, and
 * {@code prognos score} all feed states through it, so they order readings and events the same way.
 *
 * <p>Not thread-safe: one asset's state is touched by one thread at a time.
 */
public final class EventCursor {
    private final List<Event> events;
    private int next;

    /** A cursor at the first of {@code events}, which must be sorted by time. */
    public EventCursor(List<Event> events) {
        this.events = events;
    }

    /** Applies the events not yet applied with a time at or before {@code t}: what precedes a reading at {@code t}. */
    public void applyThrough(AssetState state, long t, RowSink sink) {
        while (next < events.size() && events.get(next).time() <= t) {
            state.event(events.get(next++), sink);
        }
    }

    /**
     * Applies the events not yet applied that count for features at {@code t}: before {@code t} when the spec emits on
     * a time grid ({@code grid}, data strictly before T), at or before {@code t} otherwise.
     */
    public void applyCounting(AssetState state, long t, boolean grid, RowSink sink) {
        while (next < events.size() && (grid ? events.get(next).time() < t : events.get(next).time() <= t)) {
            state.event(events.get(next++), sink);
        }
    }

    /** Applies every event not yet applied. */
    public void applyRemaining(AssetState state, RowSink sink) {
        applyThrough(state, Long.MAX_VALUE, sink);
    }

    /** How many events are not applied yet. */
    public int remaining() {
        return events.size() - next;
    }
}
