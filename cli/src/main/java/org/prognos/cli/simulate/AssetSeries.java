package org.prognos.cli.simulate;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.prognos.features.telemetry.Event;

/**
 * One simulated device's history as {@link FleetReplay} holds it: its readings (times and values, columnar, in time
 * order), its events and its attributes, and how its readings are cut into messages. Immutable once built.
 *
 * <p>Events are in time order: first its history (those before its first replayed reading, sent on first contact so
 * its state starts with its maintenance record), then the ones among or after its readings.
 */
public final class AssetSeries {
    private final String id;
    private final int index;
    private final long[] times;
    private final double[] values;
    private final int width;
    private final List<Event> events;
    private final int historyEvents;
    private final Map<String, String> attributes;
    // the asset's frames in time order: readings [frameFirst, frameFirst + frameCount), events likewise
    private final int[] frameFirst;
    private final int[] frameCount;
    private final int[] frameEventFirst;
    private final int[] frameEventCount;
    private final long[] frameTime;

    AssetSeries(String id, int index, long[] times, double[] values, int width, List<Event> events, int historyEvents,
                Map<String, String> attributes, int batch) {
        this.id = Objects.requireNonNull(id, "id");
        this.index = index;
        this.times = times;
        this.values = values;
        this.width = width;
        this.events = List.copyOf(events);
        this.historyEvents = historyEvents;
        this.attributes = Map.copyOf(attributes);
        if (times.length == 0 || values.length != times.length * width) {
            throw new IllegalArgumentException("asset " + id + ": " + times.length + " times and " + values.length
                    + " values for " + width + " channels");
        }
        int readingFrames = (times.length + batch - 1) / batch;
        int trailing = trailingEventTimes();
        frameFirst = new int[readingFrames + trailing];
        frameCount = new int[readingFrames + trailing];
        frameEventFirst = new int[readingFrames + trailing];
        frameEventCount = new int[readingFrames + trailing];
        frameTime = new long[readingFrames + trailing];
        cut(batch, readingFrames);
    }

    /** Distinct times of the events after the last reading: each becomes a message of events only. */
    private int trailingEventTimes() {
        long last = times[times.length - 1];
        int n = 0;
        long previous = Long.MIN_VALUE;
        for (Event e : events) {
            if (e.time() > last && (n == 0 || e.time() != previous)) {
                n++;
                previous = e.time();
            }
        }
        return n;
    }

    /**
     * Cuts the readings into runs of {@code batch}; a run carries the events after the previous run's last reading,
     * through its own last reading (the receiver applies each before the first reading at or after it).
     */
    private void cut(int batch, int readingFrames) {
        int e = 0;
        for (int f = 0; f < readingFrames; f++) {
            int first = f * batch;
            int count = Math.min(batch, times.length - first);
            long last = times[first + count - 1];
            int e0 = e;
            while (e < events.size() && events.get(e).time() <= last) {
                e++;
            }
            set(f, first, count, e0, e - e0, last);
        }
        for (int f = readingFrames; f < frameTime.length; f++) {
            int e0 = e;
            long t = events.get(e).time();
            while (e < events.size() && events.get(e).time() == t) {
                e++;
            }
            set(f, times.length, 0, e0, e - e0, t);
        }
    }

    private void set(int f, int first, int count, int eventFirst, int eventCount, long time) {
        frameFirst[f] = first;
        frameCount[f] = count;
        frameEventFirst[f] = eventFirst;
        frameEventCount[f] = eventCount;
        frameTime[f] = time;
    }

    /** The asset id. */
    public String id() {
        return id;
    }

    /** Its position in {@link FleetReplay#assets()}. */
    public int index() {
        return index;
    }

    /** Number of readings. */
    public int size() {
        return times.length;
    }

    /** Number of channels per reading. */
    public int width() {
        return width;
    }

    /** The time of reading {@code i}, in ticks of the dataset's axis. */
    public long time(int i) {
        return times[i];
    }

    /** The value of {@code channel} in reading {@code i}; NaN when missing. */
    public double value(int i, int channel) {
        return values[i * width + channel];
    }

    /** A copy of reading {@code i}'s values. */
    public double[] values(int i) {
        return Arrays.copyOfRange(values, i * width, (i + 1) * width);
    }

    /** Its events in time order, history first. */
    public List<Event> events() {
        return events;
    }

    /** How many of {@link #events()} come before its first reading. */
    public int historyEvents() {
        return historyEvents;
    }

    /** Its static attributes; empty when it has none. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** Number of messages per lap. */
    public int frames() {
        return frameTime.length;
    }

    int frameFirst(int f) {
        return frameFirst[f];
    }

    int frameCount(int f) {
        return frameCount[f];
    }

    int frameEventFirst(int f) {
        return frameEventFirst[f];
    }

    int frameEventCount(int f) {
        return frameEventCount[f];
    }

    long frameTime(int f) {
        return frameTime[f];
    }

    @Override
    public String toString() {
        return "AssetSeries[" + id + ", " + times.length + " readings, " + events.size() + " events, " + frames() + " messages]";
    }
}
