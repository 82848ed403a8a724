package org.prognos.features.window;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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
 * <p>Why one class (about 740 lines: some 500 for the push and eviction path, the rest snapshots): push and eviction
 * are the inner loop of the streaming path (once per reading and block on the scoring service) and update the ring,
 * the sums and the extrema of every channel in one pass. Moving the sums and the extrema into classes of their own
 * was tried and measured: the JIT then left some of their methods out of the push loop, and a streaming update of the
 * peer workload
 * ({@code StreamingUpdateBenchmark}'s loop timed in thread CPU time: four channels, mean/std/min/max/slope
 * over 24 samples) cost about 10 % more. Only the cold two-pass moments live apart ({@link ExactMoments}).
 *
 * <p>Snapshots ({@link #writeTo}, {@link #readFrom}, about 200 of its lines) live apart at the end of the class, off
 * the push and eviction path; they stay in the class because they read and rebuild its private ring, sums and
 * recompute bookkeeping, whose invariants a second class would have to share through package-private fields.
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
    /** Relative size under which a central second moment is taken to be rounding noise of a constant signal. */
    private static final double CONSTANT_TOLERANCE = 1e-13;
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

    private final int[] n;
    private final double[] k;
    private final double[] s1;
    private final double[] s2;
    private final double[] s3;
    private final double[] s4;
    private long t0;
    private final double[] sx;
    private final double[] sxx;
    private final double[] sxy;
    private final long[] lastSeq;
    private final double[] lastValue;
    private final MonotonicDeque[] minQ;
    private final MonotonicDeque[] maxQ;
    private final SlidingExtrema[] minX;
    private final SlidingExtrema[] maxX;
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
        this.n = new int[channels];
        this.k = new double[channels];
        this.s1 = new double[channels];
        this.s2 = new double[channels];
        this.s3 = new double[channels];
        this.s4 = new double[channels];
        this.sx = new double[channels];
        this.sxx = new double[channels];
        this.sxy = new double[channels];
        this.lastSeq = new long[channels];
        Arrays.fill(lastSeq, -1);
        this.lastValue = new double[channels];
        this.minQ = new MonotonicDeque[channels];
        this.maxQ = new MonotonicDeque[channels];
        this.minX = new SlidingExtrema[channels];
        this.maxX = new SlidingExtrema[channels];
        for (int c = 0; c < channels; c++) {
            if ((flags & MIN) != 0) {
                if (samples > 0) {
                    minX[c] = new SlidingExtrema(samples, true);
                } else {
                    minQ[c] = new MonotonicDeque(cap, true);
                }
            }
            if ((flags & MAX) != 0) {
                if (samples > 0) {
                    maxX[c] = new SlidingExtrema(samples, false);
                } else {
                    maxQ[c] = new MonotonicDeque(cap, false);
                }
            }
        }
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
            if (minX[c] != null) {
                minX[c].push(v);
            }
            if (maxX[c] != null) {
                maxX[c].push(v);
            }
            if (v != v) {
                continue;
            }
            lastSeq[c] = seq;
            lastValue[c] = v;
            if (n[c] == 0) {
                // An empty channel starts afresh: exact zero sums and a shift at its first value.
                k[c] = v;
                s1[c] = s2[c] = s3[c] = s4[c] = 0;
                sx[c] = sxx[c] = sxy[c] = 0;
            }
            add(c, v, x);
            if (minQ[c] != null) {
                minQ[c].push(seq, v);
            }
            if (maxQ[c] != null) {
                maxQ[c].push(seq, v);
            }
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
        for (int c = 0; c < channels; c++) {
            int cnt = n[c];
            if (cnt > 1) {
                double m = s1[c] / cnt;
                double c2 = s2[c] - m * s1[c];
                if (m * m * cnt > MAX_DRIFT * MAX_DRIFT * Math.max(c2, 0)) {
                    return m != 0;
                }
            }
        }
        return false;
    }

    private void anchor(long time, double[] vals, int[] channelIndex) {
        t0 = time;
        anchored = true;
    }

    private void add(int c, double v, double x) {
        n[c]++;
        if ((flags & MOMENT1) == 0) {
            return;
        }
        double d = v - k[c];
        s1[c] += d;
        if ((flags & (MOMENT2 & ~MOMENT1)) != 0) {
            double d2 = d * d;
            s2[c] += d2;
            if ((flags & (MOMENT3 & ~MOMENT2)) != 0) {
                s3[c] += d2 * d;
                if ((flags & (MOMENT4 & ~MOMENT3)) != 0) {
                    s4[c] += d2 * d2;
                }
            }
        }
        if ((flags & TIME) != 0) {
            sx[c] += x;
            sxx[c] += x * x;
            sxy[c] += x * d;
        }
    }

    private void remove(int c, double v, double x) {
        n[c]--;
        if ((flags & MOMENT1) == 0) {
            return;
        }
        double d = v - k[c];
        s1[c] -= d;
        if ((flags & (MOMENT2 & ~MOMENT1)) != 0) {
            double d2 = d * d;
            s2[c] -= d2;
            if ((flags & (MOMENT3 & ~MOMENT2)) != 0) {
                s3[c] -= d2 * d;
                if ((flags & (MOMENT4 & ~MOMENT3)) != 0) {
                    s4[c] -= d2 * d2;
                }
            }
        }
        if ((flags & TIME) != 0) {
            sx[c] -= x;
            sxx[c] -= x * x;
            sxy[c] -= x * d;
        }
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
                remove(c, v, x);
                if ((flags & MOMENT2) == MOMENT2 && n[c] > 0) {
                    // A value far outside the remaining ones leaves rounding residue in the sums: clean it soon.
                    double d = v - k[c];
                    if (d * d > RESIDUE_RATIO * Math.abs(s2[c]) / n[c]) {
                        residue = true;
                    }
                }
                if (minQ[c] != null) {
                    minQ[c].evictUpTo(firstSeq);
                }
                if (maxQ[c] != null) {
                    maxQ[c].evictUpTo(firstSeq);
                }
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
            Arrays.fill(n, 0);
            Arrays.fill(s1, 0);
            Arrays.fill(s2, 0);
            Arrays.fill(s3, 0);
            Arrays.fill(s4, 0);
            Arrays.fill(sx, 0);
            Arrays.fill(sxx, 0);
            Arrays.fill(sxy, 0);
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
            k[c] = cnt > 0 ? sum / cnt : 0;
            n[c] = 0;
            s1[c] = s2[c] = s3[c] = s4[c] = 0;
            sx[c] = sxx[c] = sxy[c] = 0;
            for (int i = 0, s = head; i < size; i++, s = s + 1 == times.length ? 0 : s + 1) {
                double v = values[c][s];
                if (v == v) {
                    add(c, v, (flags & TIME) != 0 ? (times[s] - t0) / ticksPerSlopeUnit : 0);
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
        for (int c = 0; c < channels; c++) {
            if (minQ[c] != null) {
                minQ[c].ensureCapacity(cap);
            }
            if (maxQ[c] != null) {
                maxQ[c].ensureCapacity(cap);
            }
        }
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

    public int count(int c) {
        return n[c];
    }

    public double last(int c) {
        return lastSeq[c] >= firstSeq ? lastValue[c] : Double.NaN;
    }

    public double mean(int c) {
        return n[c] == 0 ? Double.NaN : k[c] + s1[c] / n[c];
    }

    /** Σ(x − mean)², 0 when it is rounding noise of a constant signal. */
    private double centralSum2(int c) {
        double m = s1[c] / n[c];
        double c2 = s2[c] - m * s1[c];
        return c2 <= CONSTANT_TOLERANCE * s2[c] ? 0 : c2;
    }

    public double std(int c) {
        int cnt = n[c];
        return cnt < 2 ? Double.NaN : Math.sqrt(centralSum2(c) / (cnt - 1));
    }

    public double rms(int c) {
        int cnt = n[c];
        if (cnt == 0) {
            return Double.NaN;
        }
        double mean = mean(c);
        return Math.sqrt(mean * mean + centralSum2(c) / cnt);
    }

    /** Skewness by an exact two-pass over the window, O(window): see {@link ExactMoments}. */
    public double skewness(int c) {
        return ExactMoments.skewness(values[c], head, size);
    }

    /** Excess kurtosis by an exact two-pass over the window, O(window): see {@link ExactMoments}. */
    public double kurtosis(int c) {
        return ExactMoments.kurtosis(values[c], head, size);
    }

    public double slope(int c) {
        int cnt = n[c];
        if (cnt < 2) {
            return Double.NaN;
        }
        double den = cnt * sxx[c] - sx[c] * sx[c];
        return den <= 0 ? Double.NaN : (cnt * sxy[c] - sx[c] * s1[c]) / den;
    }

    public double min(int c) {
        if (minX[c] != null) {
            return minX[c].value();
        }
        return minQ[c].isEmpty() ? Double.NaN : minQ[c].front();
    }

    public double max(int c) {
        if (maxX[c] != null) {
            return maxX[c].value();
        }
        return maxQ[c].isEmpty() ? Double.NaN : maxQ[c].front();
    }

    /** Bytes this block holds on the heap, from its array capacities (object headers included roughly). */
    public long estimatedBytes() {
        long cap = times.length;
        long b = 16 + cap * 8 + channels * (16 + cap * 8L) + channels * 8L * 13 + 200;
        for (int c = 0; c < channels; c++) {
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

    // ---- snapshot: cold, apart from push and eviction

    /**
     * Writes what this window's future statistics depend on: the readings it holds (oldest first, values as
     * raw bits), the readings ever pushed, the shift and running sums of the aggregates its flags keep, the
     * time origin, and the recompute bookkeeping, so that a block {@link #readFrom restored} from it goes on
     * bit for bit like this one. The counts of finite values, the last finite values and the min/max
     * structures are not written: {@link #readFrom} rebuilds them exactly from the readings. Nor are the sums
     * of a channel with no finite value in the window: the next finite value resets them before they are read.
     * Capacities are not written either; a restored span window gets the capacity growth gives its size.
     */
    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(seen);
        out.writeInt(size);
        out.writeInt(evictedSinceRecompute);
        out.writeInt(updatesSinceRecompute);
        out.writeByte((residue ? 1 : 0) | (anchored ? 2 : 0));
        out.writeLong(t0);
        for (int i = 0; i < size; i++) {
            out.writeLong(times[slot(i)]);
        }
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < size; i++) {
                out.writeLong(Double.doubleToRawLongBits(values[c][slot(i)]));
            }
        }
        double[][] sums = keptSums();
        for (int c = 0; c < channels; c++) {
            if (n[c] > 0) {
                for (double[] sum : sums) {
                    out.writeLong(Double.doubleToRawLongBits(sum[c]));
                }
            }
        }
    }

    /**
     * Loads into this empty block (same window, channels and flags) what {@link #writeTo} wrote, and
     * rebuilds the counts, last values and min/max structures from the readings.
     *
     * @throws InvalidTelemetryException when the data cannot be this window's: more readings than it holds,
     *         times out of order, negative counters (the block is then half-loaded: throw it away)
     * @throws IllegalStateException     when this block has already seen a reading
     */
    public void readFrom(DataInput in) throws IOException {
        if (seen != 0 || anchored) {
            throw new IllegalStateException("a window block is restored only into a new, empty block");
        }
        long seenIn = in.readLong();
        int sizeIn = in.readInt();
        checkSize(seenIn, sizeIn);
        int evicted = in.readInt();
        int updates = in.readInt();
        int bits = in.readByte();
        if (evicted < 0 || updates < 0 || (bits & ~3) != 0) {
            throw new InvalidTelemetryException("corrupt recompute bookkeeping (" + evicted + ", " + updates + ", " + bits + ")");
        }
        t0 = in.readLong();
        allocate(samples > 0 ? samples : spanCapacityFor(sizeIn));
        readReadings(in, sizeIn);
        head = 0;
        size = sizeIn;
        seen = seenIn;
        firstSeq = seenIn - sizeIn;
        evictedSinceRecompute = evicted;
        updatesSinceRecompute = updates;
        residue = (bits & 1) != 0;
        anchored = (bits & 2) != 0;
        countFinite();
        double[][] sums = keptSums();
        for (int c = 0; c < channels; c++) {
            if (n[c] > 0) {
                for (double[] sum : sums) {
                    sum[c] = Double.longBitsToDouble(in.readLong());
                }
            }
        }
        rebuildExtrema();
    }

    /** A count window holds its last min(seen, samples) readings; a span window at most maxSamples. */
    private void checkSize(long seenIn, int sizeIn) {
        if (seenIn < 0 || sizeIn < 0 || sizeIn > seenIn) {
            throw new InvalidTelemetryException("corrupt counts: " + sizeIn + " readings held of " + seenIn + " seen");
        }
        if (samples > 0 && sizeIn != Math.min(seenIn, samples)) {
            throw new InvalidTelemetryException("a window of the last " + samples + " readings holds " + sizeIn
                    + " after " + seenIn + " readings");
        }
        if (sizeIn > maxSamples) {
            throw new InvalidTelemetryException(sizeIn + " readings in a window that holds at most " + maxSamples);
        }
    }

    /** The capacity a span window reaches by growth when it holds {@code count} readings. */
    private int spanCapacityFor(int count) {
        int cap = Math.min(INITIAL_SPAN_CAPACITY, maxSamples);
        while (cap < count) {
            cap = (int) Math.min((long) cap * 2, maxSamples);
        }
        return cap;
    }

    private void allocate(int cap) {
        if (times.length != cap) {
            times = new long[cap];
            values = new double[channels][cap];
        }
    }

    /** Reads {@code count} times (strictly increasing) and then each channel's values into slots 0.. */
    private void readReadings(DataInput in, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            times[i] = in.readLong();
            if (i > 0 && times[i] <= times[i - 1]) {
                throw new InvalidTelemetryException("reading times out of order: " + times[i] + " after " + times[i - 1]);
            }
        }
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < count; i++) {
                values[c][i] = Double.longBitsToDouble(in.readLong());
            }
        }
    }

    /** The sums this block's flags keep up to date, in the order a snapshot writes them. */
    private double[][] keptSums() {
        double[][] kept = new double[8][];
        int m = 0;
        if ((flags & MOMENT1) != 0) {
            kept[m++] = k;
            kept[m++] = s1;
        }
        if ((flags & (MOMENT2 & ~MOMENT1)) != 0) {
            kept[m++] = s2;
        }
        if ((flags & (MOMENT3 & ~MOMENT2)) != 0) {
            kept[m++] = s3;
        }
        if ((flags & (MOMENT4 & ~MOMENT3)) != 0) {
            kept[m++] = s4;
        }
        if ((flags & TIME) != 0) {
            kept[m++] = sx;
            kept[m++] = sxx;
            kept[m++] = sxy;
        }
        return Arrays.copyOf(kept, m);
    }

    /** The count of finite values and the newest of them, per channel, from the ring (slots 0..size, oldest first). */
    private void countFinite() {
        for (int c = 0; c < channels; c++) {
            n[c] = 0;
            lastSeq[c] = -1;
            for (int i = 0; i < size; i++) {
                double v = values[c][i];
                if (v == v) {
                    n[c]++;
                    lastSeq[c] = firstSeq + i;
                    lastValue[c] = v;
                }
            }
        }
    }

    /**
     * The min/max structures, rebuilt from the ring (slots 0..size, oldest first). Min and max are exact, so the
     * rebuilt structures give the very values the original ones would.
     */
    private void rebuildExtrema() {
        for (int c = 0; c < channels; c++) {
            rebuildDeque(minQ[c], values[c]);
            rebuildDeque(maxQ[c], values[c]);
            if (minX[c] != null) {
                minX[c].restore(values[c], size);
            }
            if (maxX[c] != null) {
                maxX[c].restore(values[c], size);
            }
        }
    }

    /** Pushes the window's finite values, oldest first: the deque then holds exactly the undominated ones. */
    private void rebuildDeque(MonotonicDeque q, double[] ring) {
        if (q == null) {
            return;
        }
        q.ensureCapacity(times.length);
        for (int i = 0; i < size; i++) {
            double v = ring[i];
            if (v == v) {
                q.push(firstSeq + i, v);
            }
        }
    }
}
