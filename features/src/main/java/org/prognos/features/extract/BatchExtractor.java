package org.prognos.features.extract;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.prognos.PrognosException;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.ReadingSink;

/**
 * Runs a {@link FeatureExtractor} over a whole dataset: telemetry streams through per-asset
 * {@link AssetState}s (the same ones the scoring service uses) with each asset's events merged in by time.
 * Memory is bounded by the states' windows, not by the file.
 *
 * <p>With more than one thread, assets are spread over lanes by a hash of their id; each lane owns its
 * assets' states and runs on one thread, so one asset's readings are always processed in order. The reader
 * hands lanes chunks of consecutive readings of one asset through bounded queues (no unbounded buffering).
 * The sink receives one asset's rows in time order; with several lanes, rows of different assets
 * interleave (a chunk at a time) and the sink must be thread-safe ({@link FeatureTable} and
 * {@link FeatureCsvWriter} are).
 */
public final class BatchExtractor {
    private static final int CHUNK = 2048;
    private static final int QUEUE = 16;

    private final FeatureExtractor ex;
    private final int threads;
    private final LongConsumer progress;

    /** Summary of a run. */
    public record Summary(long readings, long rows, int assets, long maxStateBytes, double meanStateBytes, double seconds,
                          Map<String, Long> lastReadingTimes) {
        public Summary {
            lastReadingTimes = Map.copyOf(lastReadingTimes);
        }
    }

    /**
     * @param threads  lanes (1 runs everything on the caller's thread)
     * @param progress told the number of readings processed so far, every few thousand readings
     */
    public BatchExtractor(FeatureExtractor ex, int threads, LongConsumer progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.ex = ex;
        this.threads = threads;
        this.progress = progress;
    }

    public BatchExtractor(FeatureExtractor ex) {
        this(ex, 1, n -> { });
    }

    /** Extracts every row of {@code data} into {@code sink}. */
    public Summary run(Dataset data, RowSink sink) throws IOException {
        return run(data, sink, state -> { });
    }

    /**
     * Extracts every row of {@code data} into {@code sink}, then hands each asset's final state to
     * {@code finished} (on the asset's lane thread, after all its readings and events): what a fleet report
     * uses to score every asset "now" through the same state a live service would hold.
     */
    public Summary run(Dataset data, RowSink sink, Consumer<AssetState> finished) throws IOException {
        long start = System.nanoTime();
        int[] map = ex.channelMap(data);
        Lane[] lanes = new Lane[threads];
        for (int i = 0; i < threads; i++) {
            lanes[i] = new Lane(data, sink, threads > 1, finished);
        }
        AtomicLong count = new AtomicLong();
        double[] values = new double[ex.channels().size()];
        if (threads == 1) {
            Lane lane = lanes[0];
            data.telemetry().forEach((asset, t, v) -> {
                for (int c = 0; c < map.length; c++) {
                    values[c] = v[map[c]];
                }
                lane.reading(asset, t, values);
                if ((count.incrementAndGet() & 0xFFFF) == 0) {
                    progress.accept(count.get());
                }
            });
            lane.finish();
        } else {
            runParallel(data, lanes, map, count);
        }
        progress.accept(count.get());
        long rows = 0;
        int assets = 0;
        long maxBytes = 0;
        double sumBytes = 0;
        Map<String, Long> last = new HashMap<>();
        for (Lane l : lanes) {
            rows += l.rows;
            for (AssetRun r : l.runs.values()) {
                assets++;
                r.state.lastReadingTime().ifPresent(t -> last.put(r.state.asset(), t));
                long b = r.state.estimatedBytes();
                maxBytes = Math.max(maxBytes, b);
                sumBytes += b;
            }
        }
        return new Summary(count.get(), rows, assets, maxBytes, assets == 0 ? 0 : sumBytes / assets,
                (System.nanoTime() - start) / 1e9, last);
    }

    private void runParallel(Dataset data, Lane[] lanes, int[] map, AtomicLong count) throws IOException {
        List<BlockingQueue<Chunk>> queues = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (Lane lane : lanes) {
            BlockingQueue<Chunk> q = new ArrayBlockingQueue<>(QUEUE);
            queues.add(q);
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        Chunk c = q.take();
                        if (c.asset == null) {
                            break;
                        }
                        lane.chunk(c);
                    }
                    lane.finish();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    q.clear();
                    drain(q);
                }
            }, "prognos-features-lane");
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        Chunk[] current = {null};
        int nc = map.length;
        ReadingSink reader = (asset, t, v) -> {
            Chunk c = current[0];
            if (c == null || c.size == CHUNK || !c.asset.equals(asset)) {
                if (c != null) {
                    put(queues, c, failure);
                }
                c = new Chunk(asset, CHUNK, nc);
                current[0] = c;
            }
            int off = c.size * nc;
            for (int i = 0; i < nc; i++) {
                c.values[off + i] = v[map[i]];
            }
            c.times[c.size++] = t;
            if ((count.incrementAndGet() & 0xFFFF) == 0) {
                progress.accept(count.get());
            }
        };
        try {
            data.telemetry().forEach(reader);
            if (current[0] != null) {
                put(queues, current[0], failure);
            }
        } finally {
            for (BlockingQueue<Chunk> q : queues) {
                try {
                    q.put(Chunk.END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            for (Thread w : workers) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        rethrow(failure.get());
    }

    private static void drain(BlockingQueue<Chunk> q) {
        try {
            while (q.take().asset != null) {
                // discard until the end marker so the reader never blocks
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void put(List<BlockingQueue<Chunk>> queues, Chunk c, AtomicReference<Throwable> failure) {
        rethrow(failure.get());
        try {
            queues.get(Math.floorMod(c.asset.hashCode(), queues.size())).put(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrognosException("feature extraction interrupted", e);
        }
    }

    private static void rethrow(Throwable t) {
        if (t == null) {
            return;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new PrognosException("feature extraction failed: " + t.getMessage(), t);
    }

    /** Consecutive readings of one asset, row-major values. */
    private static final class Chunk {
        static final Chunk END = new Chunk(null, 0, 0);
        final String asset;
        final long[] times;
        final double[] values;
        int size;

        Chunk(String asset, int cap, int channels) {
            this.asset = asset;
            this.times = new long[cap];
            this.values = new double[cap * channels];
        }
    }

    /** One asset's state and the cursor into its events. */
    private static final class AssetRun {
        final AssetState state;
        final EventCursor events;

        AssetRun(AssetState state, List<Event> events) {
            this.state = state;
            this.events = new EventCursor(events);
        }
    }

    /** The assets of one thread. */
    private final class Lane {
        final Dataset data;
        final RowSink target;
        final Map<String, AssetRun> runs = new HashMap<>();
        final RowBuffer buffer;
        final RowSink sink;
        AssetRun last;
        long rows;

        final Consumer<AssetState> finished;

        Lane(Dataset data, RowSink target, boolean buffered, Consumer<AssetState> finished) {
            this.finished = finished;
            this.data = data;
            this.target = target;
            this.buffer = buffered ? new RowBuffer(ex.columns().size()) : null;
            this.sink = buffered ? buffer : (a, t, v) -> {
                rows++;
                target.row(a, t, v);
            };
        }

        AssetRun run(String asset) {
            AssetRun r = last;
            if (r == null || !r.state.asset().equals(asset)) {
                r = runs.get(asset);
                if (r == null) {
                    r = new AssetRun(ex.newState(asset, data.attributes().of(asset)), data.events().of(asset));
                    runs.put(asset, r);
                }
                last = r;
            }
            return r;
        }

        void reading(String asset, long t, double[] values) {
            AssetRun r = run(asset);
            r.events.applyThrough(r.state, t, sink);
            r.state.reading(t, values, sink);
        }

        void chunk(Chunk c) {
            AssetRun r = run(c.asset);
            int nc = ex.channels().size();
            double[] v = new double[nc];
            for (int i = 0; i < c.size; i++) {
                System.arraycopy(c.values, i * nc, v, 0, nc);
                r.events.applyThrough(r.state, c.times[i], sink);
                r.state.reading(c.times[i], v, sink);
            }
            flush();
        }

        void finish() {
            for (AssetRun r : runs.values()) {
                r.events.applyRemaining(r.state, sink);
            }
            flush();
            for (AssetRun r : runs.values()) {
                finished.accept(r.state);
            }
            flush();
        }

        private void flush() {
            if (buffer != null && buffer.size > 0) {
                rows += buffer.size;
                buffer.drainTo(target);
            }
        }
    }

    /** Rows collected by a lane and handed to the shared sink in one synchronized block. */
    private static final class RowBuffer implements RowSink {
        final int width;
        String[] assets = new String[256];
        long[] times = new long[256];
        double[] values;
        int size;

        RowBuffer(int width) {
            this.width = width;
            this.values = new double[256 * width];
        }

        @Override
        public void row(String asset, long time, double[] v) {
            if (size == times.length) {
                assets = Arrays.copyOf(assets, size * 2);
                times = Arrays.copyOf(times, size * 2);
                values = Arrays.copyOf(values, size * 2 * width);
            }
            assets[size] = asset;
            times[size] = time;
            System.arraycopy(v, 0, values, size * width, width);
            size++;
        }

        void drainTo(RowSink target) {
            double[] row = new double[width];
            synchronized (target) {
                for (int i = 0; i < size; i++) {
                    System.arraycopy(values, i * width, row, 0, width);
                    target.row(assets[i], times[i], row);
                }
            }
            size = 0;
        }
    }
}
