package org.prognos.features.window;

import java.util.Arrays;

/**
 * Minimum or maximum over the last {@code w} values of a stream, by van Herk and Gil-Werman's block scheme:
 * the stream is cut into blocks of {@code w}; a window is the tail of the previous block (whose suffix
 * extrema were computed once when it completed) plus the head of the current block (a running prefix
 * extremum). O(1) amortized per value like a monotonic deque, but without its data-dependent pop loop,
 * whose branch mispredictions dominated the cost on noisy signals. Used for count windows; span windows,
 * whose length varies, use {@link MonotonicDeque}. Missing values ({@code NaN}) are skipped.
 */
final class SlidingExtrema {
    private final int w;
    private final boolean minimum;
    private final double empty;
    private final double[] current;
    private final double[] suffixOfPrevious;
    private double prefix;
    private int pos;

    SlidingExtrema(int w, boolean minimum) {
        this.w = w;
        this.minimum = minimum;
        this.empty = minimum ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        this.current = new double[w];
        this.suffixOfPrevious = new double[w];
        Arrays.fill(suffixOfPrevious, empty);
        this.prefix = empty;
    }

    /** Adds the next value of the stream (NaN counts as a position holding no value). */
    void push(double v) {
        double x = v == v ? v : empty;
        current[pos] = x;
        prefix = minimum ? Math.min(prefix, x) : Math.max(prefix, x);
        if (++pos == w) {
            double s = empty;
            for (int i = w - 1; i >= 0; i--) {
                s = minimum ? Math.min(s, current[i]) : Math.max(s, current[i]);
                suffixOfPrevious[i] = s;
            }
            pos = 0;
            prefix = empty;
        }
    }

    /** The extremum of the last {@code w} positions, NaN when none holds a value. */
    double value() {
        double r = minimum ? Math.min(suffixOfPrevious[pos], prefix) : Math.max(suffixOfPrevious[pos], prefix);
        return r == empty ? Double.NaN : r;
    }

    /**
     * Puts this fresh structure in a state equivalent to having seen a stream whose last {@code count <= w} values
     * are {@code last[0..count)}, oldest first: they become the previous block (right-aligned, empty positions
     * before them) and the current block starts empty. The block phase may differ from that of a structure that
     * saw the whole stream, but both cover the same last {@code w} positions now and after every later push, and
     * min and max of the same values are the same bits in any order (NaN is skipped, and {@code Math.min} orders
     * -0.0 below 0.0 either way), so {@link #value} returns exactly what that structure would.
     */
    void restore(double[] last, int count) {
        double s = empty;
        for (int j = w - 1; j >= 0; j--) {
            int i = count - w + j;
            s = extreme(s, i >= 0 ? orEmpty(last[i]) : empty);
            suffixOfPrevious[j] = s;
        }
        prefix = empty;
        pos = 0;
    }

    private double orEmpty(double v) {
        return v == v ? v : empty;
    }

    private double extreme(double a, double b) {
        return minimum ? Math.min(a, b) : Math.max(a, b);
    }

    long estimatedBytes() {
        return 48 + 2 * (16 + w * 8L);
    }
}
