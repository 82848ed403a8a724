package org.prognos.cli.simulate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.TimeAxis;

/**
 * A dataset as a fleet of devices sending in global time order: every asset's readings cut into messages
 * ({@link DeviceFrame}s of up to {@code batch} consecutive readings), all assets interleaved by the time each message
 * is sent (its last reading's time; ties in the order the assets first appear in the data). Built once, in memory
 * (about 8 + 8 × channels bytes per reading), then read by any number of laps.
 *
 * <p>What each message carries, so that a receiver feeding an asset's state sees what batch extraction sees: the
 * events after the asset's previous message up to its last reading (the receiver applies each event before the first
 * reading at or after it); on first contact also the asset's attributes and its event history (events before its
 * first replayed reading, such as the maintenance log Azure PdM starts a year before its telemetry); events after the
 * asset's last reading (before the slice's end) go in messages of events only, at their own time.
 *
 * <p>Looping: lap {@code k} sends lap 0's messages with every time shifted by {@code k × }{@link #lapSpan()}, so
 * each asset's readings keep increasing; the attributes and the history are sent on lap 0 only.
 */
public final class FleetReplay {
    private final String name;
    private final TimeAxis axis;
    private final List<String> channels;
    private final List<AssetSeries> assets;
    private final int batch;
    // the global order: message i is frame orderFrame[i] of asset orderAsset[i]
    private final int[] orderAsset;
    private final int[] orderFrame;
    private final long readings;
    private final int events;
    private final long firstTime;
    private final long lastTime;
    private final long lapSpan;

    private FleetReplay(String name, TimeAxis axis, List<String> channels, List<AssetSeries> assets, int batch, long step) {
        this.name = name;
        this.axis = axis;
        this.channels = List.copyOf(channels);
        this.assets = List.copyOf(assets);
        this.batch = batch;
        int frames = assets.stream().mapToInt(AssetSeries::frames).sum();
        this.orderAsset = new int[frames];
        this.orderFrame = new int[frames];
        interleave();
        this.readings = assets.stream().mapToLong(AssetSeries::size).sum();
        this.events = assets.stream().mapToInt(a -> a.events().size()).sum();
        this.firstTime = assets.stream().mapToLong(a -> a.time(0)).min().orElseThrow();
        this.lastTime = assets.stream().mapToLong(a -> a.frameTime(a.frames() - 1)).max().orElseThrow();
        this.lapSpan = lastTime - firstTime + step;
    }

    /**
     * Reads {@code slice} of {@code data} once and cuts it into messages of up to {@code batch} readings.
     *
     * @throws InvalidSpecException when the slice holds no reading, or names assets the data has no reading of
     */
    public static FleetReplay of(Dataset data, ReplaySlice slice, int batch) throws IOException {
        if (batch < 1) {
            throw new InvalidSpecException("batch must be at least 1 reading per message, found " + batch);
        }
        Collector collected = Collector.read(data, slice);
        List<AssetSeries> series = new ArrayList<>(collected.byAsset.size());
        for (Growing g : collected.byAsset.values()) {
            series.add(g.series(series.size(), data, slice, batch));
        }
        long step = collected.step == Long.MAX_VALUE ? data.axis().naturalUnit() : collected.step;
        return new FleetReplay(data.telemetry().name(), data.axis(), data.telemetry().channels(), series, batch, step);
    }

    /** Merges the assets' frame lists, each in time order, into one: by time, then by asset order. */
    private void interleave() {
        int[] next = new int[assets.size()];
        PriorityQueue<Integer> heads = new PriorityQueue<>(Math.max(1, assets.size()), (a, b) -> {
            int c = Long.compare(assets.get(a).frameTime(next[a]), assets.get(b).frameTime(next[b]));
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int a = 0; a < assets.size(); a++) {
            heads.add(a);
        }
        for (int i = 0; !heads.isEmpty(); i++) {
            int a = heads.poll();
            orderAsset[i] = a;
            orderFrame[i] = next[a]++;
            if (next[a] < assets.get(a).frames()) {
                heads.add(a);
            }
        }
    }

    /** Where the data comes from, for messages. */
    public String name() {
        return name;
    }

    /** The dataset's time axis. */
    public TimeAxis axis() {
        return axis;
    }

    /** Channel names, in the order of {@link DeviceFrame#value}'s channel index. */
    public List<String> channels() {
        return channels;
    }

    /** The devices, in the order the data first holds them. */
    public List<AssetSeries> assets() {
        return assets;
    }

    /** Readings per message, at most. */
    public int batch() {
        return batch;
    }

    /** Messages per lap. */
    public int frames() {
        return orderAsset.length;
    }

    /** Readings per lap. */
    public long readings() {
        return readings;
    }

    /** Events of lap 0 (history included). */
    public int events() {
        return events;
    }

    /** The earliest reading time of lap 0. */
    public long firstTime() {
        return firstTime;
    }

    /** The latest message time of lap 0 (a reading's or an event's). */
    public long lastTime() {
        return lastTime;
    }

    /**
     * Ticks between a message and its copy one lap later: lap 0's span from its first reading to its last message, plus
     * the smallest gap between two readings of an asset (one natural unit of the axis when no asset has two).
     */
    public long lapSpan() {
        return lapSpan;
    }

    /**
     * Message {@code index} (0 to {@link #frames()} − 1) of lap {@code lap}.
     *
     * @throws ArithmeticException when the lap's shift overflows the time axis
     */
    public DeviceFrame frame(int index, int lap) {
        AssetSeries a = assets.get(orderAsset[index]);
        int f = orderFrame[index];
        int first = a.frameEventFirst(f);
        int count = a.frameEventCount(f);
        if (lap > 0 && f == 0) {   // history is sent once
            int skip = Math.min(count, a.historyEvents() - first);
            first += skip;
            count -= skip;
        }
        long shift = lap == 0 ? 0 : Math.multiplyExact(lap, lapSpan);
        return new DeviceFrame(a, a.frameFirst(f), a.frameCount(f), first, count, a.frameTime(f) + shift, shift,
                lap == 0 && f == 0);
    }

    @Override
    public String toString() {
        return "FleetReplay[" + name + ", " + assets.size() + " assets, " + readings + " readings, " + events + " events, "
                + frames() + " messages of up to " + batch + " readings]";
    }

    /** The readings of the slice, per asset, in one pass over the telemetry. */
    private static final class Collector {
        final Map<String, Growing> byAsset = new LinkedHashMap<>();
        long step = Long.MAX_VALUE;

        static Collector read(Dataset data, ReplaySlice slice) throws IOException {
            Collector c = new Collector();
            Set<String> wanted = slice.assets().isEmpty() ? null : Set.copyOf(slice.assets());
            int width = data.telemetry().channels().size();
            data.telemetry().forEach((asset, time, values) -> {
                if (!slice.includes(time) || (wanted != null && !wanted.contains(asset))) {
                    return;
                }
                Growing g = c.byAsset.get(asset);
                if (g == null) {
                    if (slice.limit() > 0 && c.byAsset.size() == slice.limit()) {
                        return;
                    }
                    g = new Growing(asset, width);
                    c.byAsset.put(asset, g);
                }
                long gap = g.add(time, values);
                if (gap > 0 && gap < c.step) {
                    c.step = gap;
                }
            });
            c.check(data, slice);
            return c;
        }

        private void check(Dataset data, ReplaySlice slice) throws IOException {
            List<String> missing = slice.assets().stream().filter(a -> !byAsset.containsKey(a)).toList();
            if (missing.isEmpty() && !byAsset.isEmpty()) {
                return;
            }
            String range = slice.from().isEmpty() && slice.to().isEmpty() ? ""
                    : " between " + slice.from().stream().mapToObj(data.axis()::format).findFirst().orElse("its start")
                    + " and " + slice.to().stream().mapToObj(data.axis()::format).findFirst().orElse("its end");
            Set<String> known = new LinkedHashSet<>();
            data.telemetry().forEach((asset, time, values) -> known.add(asset));
            String sample = String.join(", ", known.stream().limit(5).toList()) + (known.size() > 5 ? ", …" : "");
            if (!missing.isEmpty()) {
                throw new InvalidSpecException(data.telemetry().name() + " has no readings of asset(s) " + missing + range
                        + " (its " + known.size() + " assets: " + sample + ")");
            }
            throw new InvalidSpecException("nothing to replay: " + data.telemetry().name() + " has no readings" + range
                    + " (its " + known.size() + " assets: " + sample + ")");
        }
    }

    /** One asset's readings while the telemetry is read. */
    private static final class Growing {
        final String asset;
        final int width;
        long[] times = new long[64];
        double[] values;
        int size;

        Growing(String asset, int width) {
            this.asset = asset;
            this.width = width;
            this.values = new double[64 * width];
        }

        /** Appends a reading; returns its gap to the previous one (0 for the first). */
        long add(long time, double[] row) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                values = Arrays.copyOf(values, size * 2 * width);
            }
            times[size] = time;
            System.arraycopy(row, 0, values, size * width, width);
            size++;
            return size == 1 ? 0 : time - times[size - 2];
        }

        AssetSeries series(int index, Dataset data, ReplaySlice slice, int batch) {
            long first = times[0];
            List<Event> events = new ArrayList<>();
            int history = 0;
            for (Event e : data.events().of(asset)) {
                if (slice.beforeEnd(e.time())) {
                    events.add(e);
                    history += e.time() < first ? 1 : 0;
                }
            }
            return new AssetSeries(asset, index, Arrays.copyOf(times, size), Arrays.copyOf(values, size * width), width,
                    events, history, data.attributes().of(asset), batch);
        }
    }
}
