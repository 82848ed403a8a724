package org.prognos.features.extract;

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

    long estimatedBytes() {
        return 32 + 16 + times.length * 8L;
    }
}
