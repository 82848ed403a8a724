package org.prognos.features.extract;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.normalize.FittedNormalizer;
import org.prognos.features.spectral.SpectrumAnalyzer;
import org.prognos.features.telemetry.Event;
import org.prognos.features.window.Stat;
import org.prognos.features.window.WindowBlock;

/**
 * Everything one asset's features depend on, updated one reading or event at a time: the window blocks,
 * EWMAs, event windows and last event times, and static attribute values. This is the single
 * implementation behind both batch extraction and live scoring.
 *
 * <h2>Emission</h2>
 * With {@code emit.everySamples = n}, a row is emitted right after every n-th reading; its time is that
 * reading's time and its windows end with it: a span window of d holds readings in (t − d, t]. With
 * {@code emit.every = s}, rows sit on a grid; the row at T is emitted when the first reading or event at or
 * after T arrives, uses only data strictly before T (a span window holds readings in [T − d, T)), and exists
 * only if the asset had a reading in [T − s, T). When {@code requireFullWindows} is set, no row is emitted
 * before the history covers every window.
 *
 * <h2>Time only moves forward</h2>
 * Readings must come in strictly increasing time. Events may repeat a time; an event older than the last
 * reading is applied (it counts for later rows) but does not rewrite rows already emitted.
 * {@link #vectorAt} evaluates at a time T and moves the asset's clock to T: later readings must not be older.
 *
 * <h2>Snapshots</h2>
 * {@link #snapshot()} saves the state in a compact binary form and {@link FeatureExtractor#restoreState} rebuilds
 * it under the same spec, so that a service restarted after a crash goes on exactly as if it had not stopped. The
 * layout lives in {@code SnapshotFormat}; what stays here (about 60 lines) writes and restores this class's private
 * clocks and buffers, which is why the class is about 510 lines.
 *
 * <p>Not thread-safe: one asset's state belongs to one thread at a time.
 */
public final class AssetState {
    private static final long NONE = Long.MIN_VALUE;

    private final FeatureExtractor ex;
    private final ExtractionPlan plan;
    private final Emission emission;
    private final String asset;
    private final WindowBlock[] blocks;
    private final long[] blockSpans;
    private final int[][] blockChannels;
    private final double[] ewmaAlpha;
    private final int[] ewmaChannel;
    private final int[] blockSamples;
    private final double[] ewma;
    private final EventWindow[] counters;
    private final long[] lastEvent;
    private final double[] statics;
    private final double[] norm;
    private final double[] settings;
    private final double[] row;
    private final double[][] spectralCache;
    private final SpectrumAnalyzer[] analyzers;
    private final double[][] spectralBuffers;
    private final long[] spectralStamp;
    private final Column[] columns;
    private long firstTime = NONE;
    private long lastReading = NONE;
    private long watermark = NONE;
    private long pendingRow = NONE;
    private long readings;
    private long emitStamp;
    private double[] seqBuffer;
    private long seqStamp = -1;
    private long seqKey = -1;

    AssetState(FeatureExtractor ex, String asset, double[] statics) {
        this.ex = ex;
        this.plan = ex.plan();
        this.emission = ex.emission();
        this.asset = asset;
        // Loops, not streams: the service builds a state per scored window.
        List<BlockPlan> bp = plan.blocks();
        int nb = bp.size();
        this.blocks = new WindowBlock[nb];
        this.blockSpans = new long[nb];
        this.blockSamples = new int[nb];
        this.blockChannels = new int[nb][];
        for (int i = 0; i < nb; i++) {
            blocks[i] = bp.get(i).newBlock();
            blockSpans[i] = blocks[i].span();
            blockSamples[i] = blocks[i].samples();
            blockChannels[i] = bp.get(i).channels();
        }
        this.ewmaAlpha = plan.ewmaAlpha();
        this.ewmaChannel = plan.ewmaChannel();
        this.ewma = new double[ewmaAlpha.length];
        Arrays.fill(ewma, Double.NaN);
        this.counters = new EventWindow[plan.counters().length];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new EventWindow();
        }
        this.lastEvent = new long[plan.timeSince().length];
        Arrays.fill(lastEvent, NONE);
        this.statics = statics;
        this.norm = new double[ex.channels().size()];
        this.settings = new double[ex.regimeIndex().length];
        this.columns = plan.columns();
        this.row = new double[columns.length];
        SpectralGroup[] sgs = plan.spectral();
        this.spectralCache = new double[sgs.length][];
        this.spectralStamp = new long[sgs.length];
        this.analyzers = new SpectrumAnalyzer[sgs.length];
        this.spectralBuffers = new double[sgs.length][];
        for (int g = 0; g < sgs.length; g++) {
            analyzers[g] = sgs[g].newAnalyzer();
            spectralBuffers[g] = new double[sgs[g].fftSize()];
        }
        Arrays.fill(spectralStamp, -1);
    }

    public String asset() {
        return asset;
    }

    /**
     * A state of the same asset and attributes with nothing else: no reading, no event, its clock unset (an asset
     * reset, say after a reading dated far in the future). Readings at any time may follow.
     */
    public AssetState cleared() {
        return new AssetState(ex, asset, statics.clone());
    }

    /** Time of the last reading, if any. */
    public OptionalLong lastReadingTime() {
        return lastReading == NONE ? OptionalLong.empty() : OptionalLong.of(lastReading);
    }

    /** Time of the first reading ({@code Long.MIN_VALUE} before any). */
    long firstReadingTime() {
        return firstTime;
    }

    /** Readings seen so far. */
    public long readings() {
        return readings;
    }

    /**
     * Adds a reading ({@code values} in {@link FeatureExtractor#channels()} order, {@code NaN} for missing)
     * and passes any row it completes to {@code sink}.
     */
    public void reading(long time, double[] values, RowSink sink) {
        if (time <= lastReading || time < watermark) {
            throw new InvalidTelemetryException("asset '" + asset + "': reading at " + ex.axis().format(time)
                    + " is not after " + ex.axis().format(Math.max(lastReading, watermark))
                    + "; readings of one asset must arrive in increasing time");
        }
        if (pendingRow != NONE && pendingRow <= time) {
            emitGrid(sink);
        }
        normalize(values);
        for (int b = 0; b < blocks.length; b++) {
            WindowBlock w = blocks[b];
            if (blockSpans[b] > 0) {
                w.evictBefore(time - blockSpans[b] + 1);
            }
            w.push(time, norm, blockChannels[b]);
        }
        for (int i = 0; i < ewma.length; i++) {
            double x = norm[ewmaChannel[i]];
            if (x == x) {
                double e = ewma[i];
                double a = ewmaAlpha[i];
                ewma[i] = e != e ? x : a * x + (1 - a) * e;
            }
        }
        if (firstTime == NONE) {
            firstTime = time;
        }
        lastReading = time;
        watermark = Math.max(watermark, time);
        readings++;
        if (emission.grid()) {
            pendingRow = emission.gridAfter(time);
        } else if (readings % emission.everySamples() == 0) {
            emit(time, true, sink);
        }
    }

    /** Applies an event, first passing to {@code sink} a grid row that the event's time completes. */
    public void event(Event e, RowSink sink) {
        long t = e.time();
        if (pendingRow != NONE && pendingRow <= t) {
            emitGrid(sink);
        }
        EventKey[] keys = plan.counters();
        long[] spans = plan.counterSpans();
        for (int i = 0; i < counters.length; i++) {
            if (keys[i].matches(e.kind(), e.code())) {
                counters[i].evictBefore(t - spans[i] + 1);
                counters[i].add(t);
            }
        }
        EventKey[] since = plan.timeSince();
        for (int i = 0; i < lastEvent.length; i++) {
            if (since[i].matches(e.kind(), e.code())) {
                lastEvent[i] = Math.max(lastEvent[i], t);
            }
        }
    }

    /**
     * Moves the asset's clock to {@code time} (passing a grid row it completes to {@code sink}) without a
     * reading: what the end of a batch or a clock tick does.
     */
    public void advanceTo(long time, RowSink sink) {
        if (pendingRow != NONE && pendingRow <= time) {
            emitGrid(sink);
        }
    }

    /**
     * The feature vector at time {@code time}, as a row at that time would have it: for grid emission, from
     * data strictly before {@code time}; otherwise from data up to and including it. Ignores
     * {@code requireFullWindows} (the caller sees partial windows through {@link #covered}). Moves the clock
     * to {@code time}. Returns false when the asset has no reading yet.
     */
    public boolean vectorAt(long time, double[] out, RowSink sink) {
        advanceTo(time, sink);
        if (time < watermark || (emission.grid() && time <= lastReading)) {
            throw new InvalidTelemetryException("asset '" + asset + "': cannot evaluate at " + ex.axis().format(time)
                    + ", the asset's clock is already at " + ex.axis().format(watermark));
        }
        if (readings == 0) {
            return false;
        }
        boolean inclusive = !emission.grid();
        pendingRow = NONE;
        watermark = time;
        compute(time, inclusive, out);
        return true;
    }

    /** The time a live score "now" is evaluated at: just after the last reading. */
    public long nowTime() {
        return emission.grid() ? lastReading + 1 : lastReading;
    }

    /** Whether the history covers every window for a row at {@code time}. */
    public boolean covered(long time) {
        return covered(time, !emission.grid());
    }

    private void emitGrid(RowSink sink) {
        long t = pendingRow;
        pendingRow = NONE;
        emit(t, false, sink);
    }

    private void emit(long time, boolean inclusive, RowSink sink) {
        if (ex.requireFull() && !covered(time, inclusive)) {
            return;
        }
        compute(time, inclusive, row);
        sink.row(asset, time, row);
    }

    private void compute(long time, boolean inclusive, double[] out) {
        long lowest = inclusive ? time + 1 : time;   // windows hold times ≥ lowest − span
        for (int b = 0; b < blocks.length; b++) {
            if (blockSpans[b] > 0) {
                blocks[b].evictBefore(lowest - blockSpans[b]);
            }
        }
        long[] spans = plan.counterSpans();
        for (int i = 0; i < counters.length; i++) {
            counters[i].evictBefore(lowest - spans[i]);
        }
        emitStamp++;
        // Window statistics (most columns) in a tight loop without interface dispatch; the rest generically.
        int[] sb = plan.statBlock();
        int[] sc = plan.statChannel();
        Stat[] st = plan.statKind();
        int[] so = plan.statColumn();
        for (int i = 0; i < sb.length; i++) {
            out[so[i]] = st[i].apply(blocks[sb[i]], sc[i]);
        }
        int[] other = plan.otherColumns();
        for (int c : other) {
            out[c] = columns[c].value(this, time);
        }
    }

    private boolean covered(long time, boolean inclusive) {
        if (readings == 0) {
            return false;
        }
        long lowest = inclusive ? time + 1 : time;
        for (int b = 0; b < blocks.length; b++) {
            if (blockSpans[b] > 0) {
                if (firstTime > lowest - blockSpans[b]) {
                    return false;
                }
            } else if (blocks[b].seen() < blockSamples[b]) {
                return false;
            }
        }
        return true;
    }

    private void normalize(double[] values) {
        System.arraycopy(values, 0, norm, 0, norm.length);
        FittedNormalizer n = ex.normalizer();
        if (n == null) {
            return;
        }
        int[] ri = ex.regimeIndex();
        for (int i = 0; i < ri.length; i++) {
            settings[i] = values[ri[i]];
        }
        int r = n.regimeOf(settings);
        int[] ni = ex.normalizedIndex();
        for (int c = 0; c < ni.length; c++) {
            norm[ni[c]] = n.apply(r, c, values[ni[c]]);
        }
    }

    // ---- read by columns

    WindowBlock block(int i) {
        return blocks[i];
    }

    double ewma(int i) {
        return ewma[i];
    }

    int eventCount(int i) {
        return counters[i].size();
    }

    long lastEventTime(int i) {
        return lastEvent[i];
    }

    double staticValue(int i) {
        return statics[i];
    }

    /**
     * Position {@code index} (0 = oldest) of the channel's last {@code length} values, with leading gaps
     * (short history) filled by the oldest finite value and missing values by the previous finite one.
     * Copies the window once per row and channel (cached by the emission stamp).
     */
    double sequenceValue(int block, int channel, int index, int length) {
        long key = ((long) block << 32) | channel;
        if (seqStamp != emitStamp || seqKey != key) {
            if (seqBuffer == null || seqBuffer.length < length) {
                seqBuffer = new double[length];
            }
            int n = blocks[block].copyValues(channel, seqBuffer, length);
            // right-align the n values, fill forward over NaN, then pad the front with the oldest finite value
            System.arraycopy(seqBuffer, 0, seqBuffer, length - n, n);
            double prev = Double.NaN;
            for (int i = length - n; i < length; i++) {
                if (seqBuffer[i] == seqBuffer[i]) {
                    prev = seqBuffer[i];
                } else {
                    seqBuffer[i] = prev;
                }
            }
            double first = Double.NaN;
            for (int i = length - n; i < length && first != first; i++) {
                first = seqBuffer[i];
            }
            for (int i = 0; i < length && (i < length - n || seqBuffer[i] != seqBuffer[i]); i++) {
                seqBuffer[i] = first;
            }
            seqStamp = emitStamp;
            seqKey = key;
        }
        return seqBuffer[index];
    }

    double spectral(int group, int feature, long rowTime) {
        if (spectralStamp[group] != emitStamp) {
            spectralCache[group] = plan.spectral()[group].evaluate(this, analyzers[group], spectralBuffers[group]);
            spectralStamp[group] = emitStamp;
        }
        return spectralCache[group][feature];
    }

    // ---- snapshot

    /**
     * This state in a compact, versioned binary form (layout in {@code SnapshotFormat}), for a store to keep
     * across restarts. {@link FeatureExtractor#restoreState} rebuilds from it, under the same spec, a state that
     * goes on exactly like this one: every later row and vector equal bit for bit.
     *
     * <p>Written (doubles as raw bits): the reading count and clocks (first and last reading, watermark, pending
     * grid row), the static values, EWMAs, last event times, event windows and window blocks. Not written, since
     * they follow from the extractor or are rebuilt before they are read: the plan, the scratch arrays, the
     * spectral workspaces (overwritten at each use) and the per-row caches of sequence and spectral values. Those
     * caches are keyed by the emission stamp, which moves on before every row is computed, so no cached value is
     * ever read by a later row; a restored state starts with empty caches and a fresh stamp.
     *
     * <p>About the size of the state's own data: a window's readings and running sums, not its spare capacity or
     * its min/max structures (rebuilt from the readings); a few hundred bytes of header and bookkeeping.
     */
    public byte[] snapshot() {
        return ex.snapshots().write(this::writeState);
    }

    /** A state read from {@code snapshot}, which must have been taken under {@code ex}'s spec. */
    static AssetState restore(FeatureExtractor ex, String asset, byte[] snapshot) {
        return ex.snapshots().read(asset, snapshot, in -> {
            AssetState s = new AssetState(ex, asset, new double[ex.plan().attributeCount()]);
            s.readState(in);
            return s;
        });
    }

    private void writeState(DataOutput out) throws IOException {
        out.writeLong(readings);
        out.writeLong(firstTime);
        out.writeLong(lastReading);
        out.writeLong(watermark);
        out.writeLong(pendingRow);
        writeRaw(out, statics);
        writeRaw(out, ewma);
        for (long t : lastEvent) {
            out.writeLong(t);
        }
        for (EventWindow e : counters) {
            e.writeTo(out);
        }
        for (WindowBlock w : blocks) {
            w.writeTo(out);
        }
    }

    /** Reads what {@link #writeState} wrote into this new state, then checks that it hangs together. */
    private void readState(DataInput in) throws IOException {
        readings = in.readLong();
        firstTime = in.readLong();
        lastReading = in.readLong();
        watermark = in.readLong();
        pendingRow = in.readLong();
        readRaw(in, statics);
        readRaw(in, ewma);
        for (int i = 0; i < lastEvent.length; i++) {
            lastEvent[i] = in.readLong();
        }
        for (EventWindow e : counters) {
            e.readFrom(in);
        }
        for (int b = 0; b < blocks.length; b++) {
            try {
                blocks[b].readFrom(in);
            } catch (InvalidTelemetryException e) {
                throw new InvalidTelemetryException("window block " + b + " ('" + plan.blocks().get(b).window() + "'): "
                        + e.getMessage());
            }
        }
        checkClocks();
    }

    /** The invariants of {@link #reading} and {@link #vectorAt}, which a sound snapshot keeps. */
    private void checkClocks() {
        boolean none = readings == 0;
        boolean consistent = readings >= 0 && none == (firstTime == NONE) && none == (lastReading == NONE)
                && firstTime <= lastReading && watermark >= lastReading
                && (pendingRow == NONE || (emission.grid() && pendingRow > watermark));
        if (!consistent) {
            throw new InvalidTelemetryException("inconsistent clocks: " + readings + " readings, first " + firstTime
                    + ", last " + lastReading + ", watermark " + watermark + ", pending row " + pendingRow);
        }
        for (int b = 0; b < blocks.length; b++) {
            if (blocks[b].seen() != readings) {
                throw new InvalidTelemetryException("window block " + b + " ('" + plan.blocks().get(b).window()
                        + "') has seen " + blocks[b].seen() + " readings, the asset " + readings);
            }
        }
    }

    private static void writeRaw(DataOutput out, double[] values) throws IOException {
        for (double v : values) {
            out.writeLong(Double.doubleToRawLongBits(v));
        }
    }

    private static void readRaw(DataInput in, double[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(in.readLong());
        }
    }

    /** Bytes this state holds on the heap, from its array capacities (a close estimate, not a measurement). */
    public long estimatedBytes() {
        long b = 200 + (ewma.length + lastEvent.length + statics.length + norm.length + row.length) * 8L;
        for (WindowBlock w : blocks) {
            b += w.estimatedBytes();
        }
        for (EventWindow e : counters) {
            b += e.estimatedBytes();
        }
        for (double[] buf : spectralBuffers) {
            b += 16 + buf.length * 8L * 4; // sample buffer plus the analyzer's real, imaginary and power arrays
        }
        return b;
    }
}
