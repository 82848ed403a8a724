package org.prognos.features.extract;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.prognos.features.InvalidTelemetryException;

/** Times of one (kind, code) of event inside a span window, as a growable ring: bounded by the window. */
final class EventWindow {
    private long[] times = new long[4];
    private int head;
    private int size;

    void add(long t) {
        if (size == times.length) {
            long[] n = new long[times.length * 2];
            for (int i = 0; i < size; i++) {
                n[i] = times[(head + i) % times.length];
            }
            times = n;
            head = 0;
        }
        times[(head + size) % times.length] = t;
        size++;
    }

    /** Drops events older than {@code minTime}. */
    void evictBefore(long minTime) {
        while (size > 0 && times[head] < minTime) {
            head = (head + 1) % times.length;
            size--;
        }
    }

    int size() {
        return size;
    }

    /** Writes the count and the times, oldest first (the capacity is not kept). */
    void writeTo(DataOutput out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeLong(times[(head + i) % times.length]);
        }
    }

    /**
     * Appends to this empty window what {@link #writeTo} wrote. The ring grows as times are read, so a
     * corrupt count runs out of data instead of allocating it.
     */
    void readFrom(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new InvalidTelemetryException("corrupt event count " + count);
        }
        for (int i = 0; i < count; i++) {
            add(in.readLong());
        }
    }

    long estimatedBytes() {
        return 32 + 16 + times.length * 8L;
    }
}
