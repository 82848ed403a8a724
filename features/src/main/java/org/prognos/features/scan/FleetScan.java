package org.prognos.features.scan;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.ToLongFunction;
import org.prognos.features.extract.AssetState;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.extract.RowSink;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.ReadingSink;
import org.prognos.features.telemetry.TelemetrySource;
import org.prognos.features.telemetry.TimeAxis;

/**
 * One pass over a fleet's history through the same {@link AssetState}s the service keeps, in parallel across
 * assets, collecting per asset the {@link AssetScan} an at-risk report needs: the feature vector "now" (or as of a
 * time), one feature row per recent day (for the risk history), the last raw readings (for sensor trends), its
 * attributes and the events the report shows. Memory per asset is bounded by those, never by the history's length.
 * {@code prognos report} runs it over a dataset; the Spark job runs it on one asset's group at a time.
 */
public final class FleetScan {
    /** Days (or buckets of {@link #CYCLE_BUCKET} cycles) of risk history kept per asset. */
    public static final int HISTORY_BUCKETS = 14;
    /** Cycles per history bucket on a cycle axis. */
    public static final long CYCLE_BUCKET = 10;
    /** Raw readings kept per asset for trend charts. */
    public static final int TREND_READINGS = 72;

    private FleetScan() {
    }

    /**
     * The scans of every asset of {@code data} with readings (before {@code asOf} when given), sorted by asset as
     * {@link FeatureTable#ASSET_ORDER} sorts them.
     */
    public static List<AssetScan> run(FeatureExtractor ex, Dataset data, OptionalLong asOf, int threads,
                                      LongConsumer progress) throws IOException {
        return run(ex, data, asOf, threads, progress, RowSink.discard());
    }

    /**
     * As {@link #run(FeatureExtractor, Dataset, OptionalLong, int, LongConsumer)}, also handing {@code rows} every
     * feature row the assets' states emit: the rows the service's state emits for the same readings, one asset's in
     * time order, on the asset's lane thread ({@code rows} must be thread-safe across assets). What follows a value
     * along each asset's whole stream (the report's adaptive anomaly scores) reads them here, in the same pass.
     */
    public static List<AssetScan> run(FeatureExtractor ex, Dataset data, OptionalLong asOf, int threads,
                                      LongConsumer progress, RowSink rows) throws IOException {
        long bucket = bucket(ex.axis());
        Map<String, ArrayDeque<Object[]>> history = new ConcurrentHashMap<>();
        Map<String, ArrayDeque<Object[]>> trends = new ConcurrentHashMap<>();
        List<AssetScan> out = Collections.synchronizedList(new ArrayList<>());
        int width = ex.columns().size();
        TelemetrySource recorded = new Recorder(data.telemetry(), asOf, trends, ex.channels());
        EventLog events = asOf.isPresent()
                ? new EventLog(data.events().all().stream().filter(e -> e.time() < asOf.getAsLong()).toList()) : data.events();
        new BatchExtractor(ex, threads, progress).run(new Dataset(recorded, events, data.attributes()), (asset, time, values) -> {
            keepLatestPerBucket(history.computeIfAbsent(asset, a -> new ArrayDeque<>()), new Object[] {time, values.clone()},
                    time, r -> (long) r[0], bucket);
            rows.row(asset, time, values);
        }, state -> {
            if (state.readings() == 0) {
                return;
            }
            long t = asOf.isPresent() ? asOf.getAsLong() : state.nowTime();
            double[] v = new double[width];
            boolean covered = state.covered(t);
            state.vectorAt(t, v, (a, time, values) -> { });
            ArrayDeque<Object[]> h = history.getOrDefault(state.asset(), new ArrayDeque<>());
            ArrayDeque<Object[]> tr = trends.getOrDefault(state.asset(), new ArrayDeque<>());
            long[] historyTimes = h.stream().mapToLong(r -> (long) r[0]).toArray();
            long[] trendTimes = tr.stream().mapToLong(r -> (long) r[0]).toArray();
            out.add(new AssetScan(state.asset(), t, v, covered, state.readings(), historyTimes,
                    h.stream().map(r -> (double[]) r[1]).toArray(double[][]::new), trendTimes,
                    tr.stream().map(r -> (double[]) r[1]).toArray(double[][]::new),
                    data.attributes().of(state.asset()),
                    shownEvents(data.events().of(state.asset()), t, Math.min(first(historyTimes, t), first(trendTimes, t)))));
        });
        List<AssetScan> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparing(AssetScan::asset, FeatureTable.ASSET_ORDER));
        return sorted;
    }

    /** The span of one history bucket on {@code axis}: a day, or {@link #CYCLE_BUCKET} cycles. */
    public static long bucket(TimeAxis axis) {
        return axis instanceof TimeAxis.Cycles ? CYCLE_BUCKET : 24 * TimeAxis.Timestamps.MICROS_PER_HOUR;
    }

    /**
     * Keeps {@code item} (at {@code time}) as the latest of its bucket in {@code kept}, replacing the item of the same
     * bucket, and at most the last {@link #HISTORY_BUCKETS} buckets: how the scan keeps an asset's history rows, and how
     * whoever follows a value along the same rows keeps it at the same times.
     */
    public static <T> void keepLatestPerBucket(ArrayDeque<T> kept, T item, long time, ToLongFunction<T> timeOf, long bucket) {
        T last = kept.peekLast();
        if (last != null && Math.floorDiv(timeOf.applyAsLong(last), bucket) == Math.floorDiv(time, bucket)) {
            kept.pollLast();
        }
        kept.addLast(item);
        while (kept.size() > HISTORY_BUCKETS) {
            kept.pollFirst();
        }
    }

    private static long first(long[] times, long otherwise) {
        return times.length == 0 ? otherwise : times[0];
    }

    /**
     * The events a report shows of an asset scored at {@code time}: those before it and at or after {@code from}
     * (what its charts span), and each component's last maintenance before it (what its facts name); sorted by time,
     * kind and code, so events at one time come in one order whatever order the source gave them in.
     */
    static List<Event> shownEvents(List<Event> events, long time, long from) {
        Map<String, Event> lastMaintenance = new HashMap<>();
        for (Event e : events) {
            if (e.kind() == EventKind.MAINTENANCE && e.time() < time) {
                lastMaintenance.merge(e.code(), e, (a, b) -> b.time() > a.time() ? b : a);
            }
        }
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            if (e.time() < time && (e.time() >= from || lastMaintenance.get(e.code()) == e)) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparingLong(Event::time).thenComparing(Event::kind).thenComparing(Event::code));
        return out;
    }

    /** The telemetry before {@code asOf}, remembering each asset's last raw readings (in the spec's channel order). */
    private record Recorder(TelemetrySource source, OptionalLong asOf, Map<String, ArrayDeque<Object[]>> trends,
                            List<String> channels) implements TelemetrySource {
        @Override
        public String name() {
            return source.name();
        }

        @Override
        public TimeAxis axis() {
            return source.axis();
        }

        @Override
        public List<String> channels() {
            return source.channels();
        }

        @Override
        public void forEach(ReadingSink sink) throws IOException {
            int[] map = channels.stream().mapToInt(c -> source.channels().indexOf(c)).toArray();
            long limit = asOf.orElse(Long.MAX_VALUE);
            source.forEach((asset, time, values) -> {
                if (time >= limit) {
                    return;
                }
                ArrayDeque<Object[]> d = trends.computeIfAbsent(asset, a -> new ArrayDeque<>());
                double[] v = new double[map.length];
                for (int i = 0; i < map.length; i++) {
                    v[i] = map[i] < 0 ? Double.NaN : values[map[i]];
                }
                d.addLast(new Object[] {time, v});
                if (d.size() > TREND_READINGS) {
                    d.pollFirst();
                }
                sink.reading(asset, time, values);
            });
        }
    }
}
