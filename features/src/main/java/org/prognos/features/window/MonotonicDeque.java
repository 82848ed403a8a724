package org.prognos.features.window;

/**
 * The sliding-window minimum (or maximum) in amortized O(1): a deque of (sequence, value) pairs whose
 * values are increasing (decreasing for a maximum) from front to back. The front is the extreme of the
 * window; an entry leaves from the front when its reading is evicted, and from the back when a newer
 * value dominates it.
 */
final class MonotonicDeque {
    private final boolean minimum;
    private long[] seqs;
    private double[] vals;
    private int head;
    private int size;

    MonotonicDeque(int capacity, boolean minimum) {
        this.minimum = minimum;
        this.seqs = new long[Math.max(capacity, 1)];
        this.vals = new double[Math.max(capacity, 1)];
    }

    void push(long seq, double v) {
        while (size > 0) {
            int back = index(size - 1);
            double b = vals[back];
            if (minimum ? b >= v : b <= v) {
                size--;
            } else {
                break;
            }
        }
        if (size == seqs.length) {
            ensureCapacity(seqs.length * 2);
        }
        int slot = index(size);
        seqs[slot] = seq;
        vals[slot] = v;
        size++;
    }

    /** Drops the front entry if it belongs to the reading with sequence {@code seq} (or older). */
    void evictUpTo(long seq) {
        while (size > 0 && seqs[head] <= seq) {
            head = head + 1 == seqs.length ? 0 : head + 1;
            size--;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    double front() {
        return vals[head];
    }

    void ensureCapacity(int cap) {
        if (cap <= seqs.length) {
            return;
        }
        long[] ns = new long[cap];
        double[] nv = new double[cap];
        for (int i = 0; i < size; i++) {
            ns[i] = seqs[index(i)];
            nv[i] = vals[index(i)];
        }
        seqs = ns;
        vals = nv;
        head = 0;
    }

    private int index(int i) {
        int s = head + i;
        return s >= seqs.length ? s - seqs.length : s;
    }

    long estimatedBytes() {
        return 32 + 16 + seqs.length * 16L + 32;
    }
}
