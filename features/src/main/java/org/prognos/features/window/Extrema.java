package org.prognos.features.window;

/**
 * The running minimum and maximum of each channel of one {@link WindowBlock}, kept only for the flags that
 * ask for them: van Herk/Gil-Werman blocks ({@link SlidingExtrema}) for a count window, whose extent is
 * fixed, and monotonic deques ({@link MonotonicDeque}) for a span window, whose extent is not. O(1) per
 * reading (amortized for the deques).
 */
final class Extrema {
    private final MonotonicDeque[] minQ;
    private final MonotonicDeque[] maxQ;
    private final SlidingExtrema[] minX;
    private final SlidingExtrema[] maxX;

    /**
     * @param samples the count of a count window, 0 for a span window
     * @param cap     a span window's initial capacity
     */
    Extrema(int samples, int cap, int channels, int flags) {
        this.minQ = new MonotonicDeque[channels];
        this.maxQ = new MonotonicDeque[channels];
        this.minX = new SlidingExtrema[channels];
        this.maxX = new SlidingExtrema[channels];
        for (int c = 0; c < channels; c++) {
            if ((flags & WindowBlock.MIN) != 0) {
                if (samples > 0) {
                    minX[c] = new SlidingExtrema(samples, true);
                } else {
                    minQ[c] = new MonotonicDeque(cap, true);
                }
            }
            if ((flags & WindowBlock.MAX) != 0) {
                if (samples > 0) {
                    maxX[c] = new SlidingExtrema(samples, false);
                } else {
                    maxQ[c] = new MonotonicDeque(cap, false);
                }
            }
        }
    }

    /**
     * Adds reading {@code seq}'s value of channel {@code c}. A count window's blocks take every value
     * ({@code NaN} included: they count positions); the deques only finite ones.
     */
    void push(int c, long seq, double v) {
        if (minX[c] != null) {
            minX[c].push(v);
        }
        if (maxX[c] != null) {
            maxX[c].push(v);
        }
        if (v != v) {
            return;
        }
        if (minQ[c] != null) {
            minQ[c].push(seq, v);
        }
        if (maxQ[c] != null) {
            maxQ[c].push(seq, v);
        }
    }

    /** Drops a span window's entries of channel {@code c} up to reading {@code seq}, after a finite value was evicted. */
    void evictUpTo(int c, long seq) {
        if (minQ[c] != null) {
            minQ[c].evictUpTo(seq);
        }
        if (maxQ[c] != null) {
            maxQ[c].evictUpTo(seq);
        }
    }

    /** Makes room in a span window's deques for {@code cap} readings. */
    void ensureCapacity(int cap) {
        for (int c = 0; c < minQ.length; c++) {
            if (minQ[c] != null) {
                minQ[c].ensureCapacity(cap);
            }
            if (maxQ[c] != null) {
                maxQ[c].ensureCapacity(cap);
            }
        }
    }

    double min(int c) {
        if (minX[c] != null) {
            return minX[c].value();
        }
        return minQ[c].isEmpty() ? Double.NaN : minQ[c].front();
    }

    double max(int c) {
        if (maxX[c] != null) {
            return maxX[c].value();
        }
        return maxQ[c].isEmpty() ? Double.NaN : maxQ[c].front();
    }

    long estimatedBytes() {
        long b = 0;
        for (int c = 0; c < minQ.length; c++) {
            if (minQ[c] != null) {
                b += minQ[c].estimatedBytes();
            }
            if (maxQ[c] != null) {
                b += maxQ[c].estimatedBytes();
            }
            if (minX[c] != null) {
                b += minX[c].estimatedBytes();
            }
            if (maxX[c] != null) {
                b += maxX[c].estimatedBytes();
            }
        }
        return b;
    }
}
