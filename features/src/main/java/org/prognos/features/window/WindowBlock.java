package org.prognos.features.window;

import java.util.Arrays;
import org.prognos.features.InvalidTelemetryException;

/**
 * The readings of one asset inside one window, for every channel that uses the window, with the
 * aggregates its statistics need kept up to date incrementally.
 *
 * <p>A window is either the last {@code n} readings ({@link #bySamples}) or the readings inside a time
 * span ({@link #bySpan}); its contents live in a ring buffer of times and values. Each push and each
 * eviction updates, per channel: the count of finite values, the power sums Σd, Σd², Σd³, Σd⁴ of
 * {@code d = x − K}, the time sums for the least-squares slope, and min and max (van Herk/Gil-Werman blocks
 * for count windows, monotonic deques for span windows).
 * All of it is O(1) per reading (amortized for the deques).
 *
 * <p>Why the shift {@code K}: plain running sums lose precision by cancellation when a signal's level
 * is large next to its spread (a C-MAPSS sensor at 2388.06 ± 0.07). Sums of {@code x − K} with {@code K}
 * near the window's mean keep the error relative to the spread. Adding and subtracting also accumulates
 * rounding, so after every eight windows' worth of evictions (and whenever {@code K} has drifted more
 * than four standard deviations from the window's values) the sums are recomputed exactly from the ring
 * with a fresh {@code K} (the window mean) and time origin: amortized O(1), and the error never builds up
 * over a long stream. A value far outside the others (a spike) leaves residue when it is evicted, so its
 * eviction brings the next recompute forward to within a quarter window.
 *
 * <p>The block owns the ring and the schedule of evictions and recomputes; the arithmetic lives in
 * {@link ShiftedSums} (power and time sums, and the statistics read from them), {@link Extrema} (min and
 * max) and {@link ExactMoments} (skewness and kurtosis). They are final classes held in final fields, so the
 * JIT inlines them into the push loop.
 *
 * <p>Not thread-safe: one asset's state is touched by one thread at a time.
 */
public final class WindowBlock {
    /** Flag: Σd (the mean). */
    public static final int MOMENT1 = 1;
    /** Flag: Σd, Σd². */
    public static final int MOMENT2 = 2 | MOMENT1;
    /** Flag: up to Σd³. */
    public static final int MOMENT3 = 4 | MOMENT2;
    /** Flag: up to Σd⁴. */
    public static final int MOMENT4 = 8 | MOMENT3;
    /** Flag: time sums for the slope. */
    public static final int TIME = 16;
    /** Flag: running minimum. */
    public static final int MIN = 32;
    /** Flag: running maximum. */
    public static final int MAX = 64;
    private static final int INITIAL_SPAN_CAPACITY = 16;
    private static final double MAX_DRIFT = 4;
    /** Sums are recomputed exactly after this many windows' worth of evictions: rounding error stays tiny, cost amortized. */
    private static final int RECOMPUTE_EVERY_WINDOWS = 8;
    /** An evicted deviation this many times the mean square marks the sums for an early recompute. */
    private static final double RESIDUE_RATIO = 100;

    private final int samples;          // > 0 for a count window
    private final long span;            // > 0 for a span window
    private final int maxSamples;       // hard cap for span windows (bounded memory)
    private final int channels;
    private final int flags;
    private final double ticksPerSlopeUnit;

    private long[] times;
    private double[][] values;          // [channel][slot]
    private int head;                   // slot of the oldest reading
    private int size;
    private long firstSeq;              // sequence number of the oldest reading
    private long seen;                  // readings ever pushed

    private final ShiftedSums sums;
    private final Extrema extrema;
    private final long[] lastSeq;
    private final double[] lastValue;
    private long t0;
    private int evictedSinceRecompute;
    private int updatesSinceRecompute;
    private boolean residue;
    private boolean anchored;

    private WindowBlock(int samples, long span, int maxSamples, int channels, int flags, double ticksPerSlopeUnit) {
        if (channels < 1) {
            throw new IllegalArgumentException("a window block needs at least one channel");
        }
        this.samples = samples;
        this.span = span;
        this.maxSamples = maxSamples;
        this.channels = channels;
        this.flags = flags;
        this.ticksPerSlopeUnit = ticksPerSlopeUnit;
        int cap = samples > 0 ? samples : Math.min(INITIAL_SPAN_CAPACITY, maxSamples);
        this.times = new long[cap];
        this.values = new double[channels][cap];
        this.sums = new ShiftedSums(channels, flags);
        this.extrema = new Extrema(samples, cap, channels, flags);
        this.lastSeq = new long[channels];
        Arrays.fill(lastSeq, -1);
        this.lastValue = new double[channels];
    }

    /** A window over the last {@code samples} readings. */
    public static WindowBlock bySamples(int samples, int channels, int flags, double ticksPerSlopeUnit) {
        if (samples < 1) {
            throw new IllegalArgumentException("a window must hold at least one sample, got " + samples);
        }
        return new WindowBlock(samples, 0, samples, channels, flags, ticksPerSlopeUnit);
    }

    /** A window over a time span of {@code span} ticks, holding at most {@code maxSamples} readings. */
    public static WindowBlock bySpan(long span, int maxSamples, int channels, int flags, double ticksPerSlopeUnit) {
        if (span < 1) {
            throw new IllegalArgumentException("a window span must be positive, got " + span);
        }
        return new WindowBlock(0, span, maxSamples, channels, flags, ticksPerSlopeUnit);
    }

    /** Ticks per unit of the slope's time axis. */
    public double slopeUnit() {
        return ticksPerSlopeUnit;
    }

    /** Most readings a span window may hold; the window size for a count window. */
    public int maxSamples() {
        return maxSamples;
    }

    /** The span in ticks, 0 for a count window. */
    public long span() {
        return span;
    }

    /** The count for a count window, 0 for a span window. */
    public int samples() {
        return samples;
    }

    /** Readings ever pushed into this block. */
    public long seen() {
        return seen;
    }

    /** Readings currently in the window. */
    public int size() {
        return size;
    }

    /**
     * Adds a reading. {@code values[offset + c]} is channel {@code c}'s value ({@code NaN} when missing).
     * A count window evicts its oldest reading when full.
     */
    public void push(long time, double[] vals, int[] channelIndex) {
        if (samples > 0 && size == samples) {
            evictOldest();
        } else if (samples == 0 && size == times.length) {
            grow();
        }
        if (!anchored) {
            anchor(time, vals, channelIndex);
        }
        int slot = head + size;
        if (slot >= times.length) {
            slot -= times.length;
        }
        long seq = firstSeq + size;
        times[slot] = time;
        double x = (flags & TIME) != 0 ? (time - t0) / ticksPerSlopeUnit : 0;
        for (int c = 0; c < channels; c++) {
            double v = vals[channelIndex[c]];
            values[c][slot] = v;
            extrema.push(c, seq, v);
            if (v != v) {
                continue;
            }
            lastSeq[c] = seq;
            lastValue[c] = v;
            if (sums.count(c) == 0) {
                // An empty channel starts afresh: exact zero sums and a shift at its first value.
                sums.restart(c, v);
            }
            sums.add(c, v, x);
        }
        size++;
        seen++;
        updatesSinceRecompute++;
        if (anchorDrifted()) {
            recompute();
        }
    }

    /**
     * Whether the shift K has drifted far from the window's values (more than {@value #MAX_DRIFT} standard
     * deviations), where cancellation would cost precision. Checked at most every quarter window, so the
     * recomputation stays amortized O(1).
     */
    private boolean anchorDrifted() {
        if ((flags & MOMENT2) != MOMENT2 || updatesSinceRecompute % Math.max(4, size >> 2) != 0) {
            return false;
        }
        return sums.drifted(MAX_DRIFT);
    }

    private void anchor(long time, double[] vals, int[] channelIndex) {
        t0 = time;
        anchored = true;
    }

    /** Evicts readings older than {@code minTime} (a span window's lower bound). */
    public void evictBefore(long minTime) {
        while (size > 0 && times[head] < minTime) {
            evictOldest();
        }
    }

    private void evictOldest() {
        int slot = head;
        double x = (flags & TIME) != 0 ? (times[slot] - t0) / ticksPerSlopeUnit : 0;
        for (int c = 0; c < channels; c++) {
            double v = values[c][slot];
            if (v == v) {
                sums.remove(c, v, x);
                if (sums.outlier(c, v, RESIDUE_RATIO)) {
                    // A value far outside the remaining ones leaves rounding residue in the sums: clean it soon.
                    residue = true;
                }
                extrema.evictUpTo(c, firstSeq);
            }
        }
        head = head + 1 == times.length ? 0 : head + 1;
        size--;
        firstSeq++;
        updatesSinceRecompute++;
        int w = Math.max(size, 1);
        ++evictedSinceRecompute;
        if (evictedSinceRecompute >= RECOMPUTE_EVERY_WINDOWS * w
                || (residue && evictedSinceRecompute >= Math.max(1, w >> 2)) || anchorDrifted()) {
            recompute();
        }
    }

    /** Recomputes every sum from the ring with a fresh shift and time origin (see the class comment). */
    private void recompute() {
        residue = false;
        evictedSinceRecompute = 0;
        updatesSinceRecompute = 0;
        if (size == 0) {
            anchored = false;
            sums.clear();
            return;
        }
        int newest = slot(size - 1);
        t0 = times[newest];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            int cnt = 0;
            for (int i = 0, s = head; i < size; i++, s = s + 1 == times.length ? 0 : s + 1) {
                double v = values[c][s];
                if (v == v) {
                    sum += v;
                    cnt++;
                }
            }
            sums.restart(c, cnt > 0 ? sum / cnt : 0);
            for (int i = 0, s = head; i < size; i++, s = s + 1 == times.length ? 0 : s + 1) {
                double v = values[c][s];
                if (v == v) {
                    sums.add(c, v, (flags & TIME) != 0 ? (times[s] - t0) / ticksPerSlopeUnit : 0);
                }
            }
        }
    }

    private void grow() {
        if (times.length >= maxSamples) {
            throw new InvalidTelemetryException("a window of " + span + " ticks would hold more than " + maxSamples
                    + " readings of one asset; raise maxWindowSamples in the spec or use a shorter window");
        }
        int cap = (int) Math.min((long) times.length * 2, maxSamples);
        long[] nt = new long[cap];
        double[][] nv = new double[channels][cap];
        for (int i = 0, s = head; i < size; i++, s = s + 1 == times.length ? 0 : s + 1) {
            nt[i] = times[s];
            for (int c = 0; c < channels; c++) {
                nv[c][i] = values[c][s];
            }
        }
        times = nt;
        values = nv;
        head = 0;
        extrema.ensureCapacity(cap);
    }

    private int slot(int i) {
        int s = head + i;
        return s >= times.length ? s - times.length : s;
    }

    /** Time of the oldest reading in the window; only meaningful when {@link #size()} > 0. */
    public long oldestTime() {
        return times[head];
    }

    /**
     * Copies the last {@code max} values of channel {@code c} (oldest first, {@code NaN} kept) into
     * {@code out} and returns how many were copied.
     */
    public int copyValues(int c, double[] out, int max) {
        int m = Math.min(max, size);
        for (int i = 0; i < m; i++) {
            out[i] = values[c][slot(size - m + i)];
        }
        return m;
    }

    /** Number of finite values of channel {@code c} in the window. */
    public int count(int c) {
        return sums.count(c);
    }

    /** The newest finite value of channel {@code c} in the window, {@code NaN} when none. */
    public double last(int c) {
        return lastSeq[c] >= firstSeq ? lastValue[c] : Double.NaN;
    }

    public double mean(int c) {
        return sums.mean(c);
    }

    /** Sample standard deviation (N−1); 0 for a constant signal, {@code NaN} below two values. */
    public double std(int c) {
        return sums.std(c);
    }

    public double rms(int c) {
        return sums.rms(c);
    }

    /** Skewness by an exact two-pass over the window, O(window): see {@link ExactMoments}. */
    public double skewness(int c) {
        return ExactMoments.skewness(values[c], head, size);
    }

    /** Excess kurtosis by an exact two-pass over the window, O(window): see {@link ExactMoments}. */
    public double kurtosis(int c) {
        return ExactMoments.kurtosis(values[c], head, size);
    }

    /** Least-squares slope of value against time, in units of the slope's time axis. */
    public double slope(int c) {
        return sums.slope(c);
    }

    public double min(int c) {
        return extrema.min(c);
    }

    public double max(int c) {
        return extrema.max(c);
    }

    /** Bytes this block holds on the heap, from its array capacities (object headers included roughly). */
    public long estimatedBytes() {
        long cap = times.length;
        return 16 + cap * 8 + channels * (16 + cap * 8L) + channels * 8L * 13 + 200 + extrema.estimatedBytes();
    }
}
