package org.prognos.features.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.prognos.features.spec.EmitConfig;
import org.prognos.features.spec.FeatureGroup;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.TimeConfig;
import org.prognos.features.spec.WindowConfig;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.InMemoryTelemetry;
import org.prognos.features.telemetry.TimeAxis;

/**
 * On random streams (gaps, missing values, events, several windows, both emission modes): batch extraction on
 * one thread, batch on three threads, streaming evaluation on fresh states fed up to each row, and the naive
 * reference implementation all give the same rows, to 1e-9 relative.
 */
class StreamingEqualsBatchPropertyTest {
    static final double RELATIVE_TOLERANCE = 1e-9;
    static final List<String> CHANNELS = List.of("a", "b", "c");

    static FeatureSpec randomSpec(SplittableRandom rng) {
        Map<String, WindowConfig> windows = new LinkedHashMap<>();
        windows.put("n5", WindowConfig.ofSamples(1 + rng.nextInt(8)));
        windows.put("s20", WindowConfig.ofSpan(Integer.toString(5 + rng.nextInt(30))));
        windows.put("s3", WindowConfig.ofSpan(Integer.toString(1 + rng.nextInt(4))));
        List<String> all = java.util.Arrays.stream(org.prognos.features.window.Stat.values()).map(s -> s.label()).toList();
        List<FeatureGroup> groups = List.of(
                new FeatureGroup.WindowStats(all, List.of(), "n5"),
                new FeatureGroup.WindowStats(all, List.of("a", "c"), "s20"),
                new FeatureGroup.WindowStats(List.of("mean", "std", "slope", "max"), List.of("b"), "s3"),
                new FeatureGroup.Diff("mean", "s3", "s20", List.of()),
                new FeatureGroup.Ewma(List.of(0.1, 0.5), List.of("a")),
                new FeatureGroup.EventCount("alarm", List.of("e1", "e2"), "s20"),
                new FeatureGroup.TimeSince("maintenance", List.of("x", "*"), "2"),
                new FeatureGroup.Attribute("model", List.of("m1", "m2")),
                new FeatureGroup.Attribute("age", List.of()),
                new FeatureGroup.Sequence(List.of("a", "b"), "n5"),
                new FeatureGroup.Elapsed("3"));
        EmitConfig emit = rng.nextBoolean() ? new EmitConfig(1 + rng.nextInt(3), null)
                : new EmitConfig(null, Integer.toString(2 + rng.nextInt(9)));
        return new FeatureSpec(null, "random", null, TimeConfig.cycles(), CHANNELS, windows, emit, rng.nextBoolean(),
                null, null, groups, null, null);
    }

    record AssetData(long[] times, double[][] values, List<Event> events, Map<String, String> attrs) {
    }

    static AssetData randomAsset(String asset, SplittableRandom rng) {
        int n = rng.nextInt(120);
        long[] times = new long[n];
        double[][] values = new double[n][3];
        long t = rng.nextInt(50) - 25;
        double level = rng.nextDouble() * 1000;
        for (int i = 0; i < n; i++) {
            t += rng.nextInt(10) == 0 ? 1 + rng.nextInt(40) : 1 + rng.nextInt(3);
            times[i] = t;
            for (int c = 0; c < 3; c++) {
                values[i][c] = rng.nextInt(15) == 0 ? Double.NaN
                        : c == 2 ? 7.0 : level + rng.nextGaussian() * (c == 0 ? 1e-3 : 10) + i * 0.01;
            }
        }
        List<Event> events = new ArrayList<>();
        int ne = rng.nextInt(20);
        long span = n == 0 ? 50 : times[n - 1] - times[0] + 60;
        long start = n == 0 ? 0 : times[0] - 30;
        for (int i = 0; i < ne; i++) {
            long et = start + rng.nextLong(span);
            int k = rng.nextInt(3);
            events.add(k == 0 ? new Event(asset, et, EventKind.ALARM, rng.nextBoolean() ? "e1" : "e2")
                    : k == 1 ? new Event(asset, et, EventKind.MAINTENANCE, rng.nextBoolean() ? "x" : "y")
                    : new Event(asset, et, EventKind.FAILURE, "x"));
        }
        events.sort(java.util.Comparator.comparingLong(Event::time));
        Map<String, String> attrs = new HashMap<>();
        if (rng.nextBoolean()) {
            attrs.put("model", rng.nextBoolean() ? "m1" : "m3");
            attrs.put("age", Integer.toString(rng.nextInt(20)));
        }
        return new AssetData(times, values, events, attrs);
    }

    @Property(tries = 150)
    void streaming_batch_and_reference_agree(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        FeatureSpec spec = randomSpec(rng);
        FeatureExtractor ex = new FeatureExtractor(spec);
        InMemoryTelemetry tel = new InMemoryTelemetry("random", new TimeAxis.Cycles(), CHANNELS);
        Map<String, AssetData> assets = new LinkedHashMap<>();
        List<Event> allEvents = new ArrayList<>();
        Map<String, Map<String, String>> attrs = new HashMap<>();
        int na = 1 + rng.nextInt(5);
        for (int a = 0; a < na; a++) {
            String id = "A" + a;
            AssetData d = randomAsset(id, rng);
            assets.put(id, d);
            for (int i = 0; i < d.times().length; i++) {
                tel.add(id, d.times()[i], d.values()[i]);
            }
            allEvents.addAll(d.events());
            attrs.put(id, d.attrs());
        }
        Dataset data = new Dataset(tel, new EventLog(allEvents), new AssetAttributes(attrs));

        Map<String, Map<Long, double[]>> one = collect(ex, data, 1);
        Map<String, Map<Long, double[]>> three = collect(ex, data, 3);
        ReferenceFeatures ref = new ReferenceFeatures(spec);
        for (var e : assets.entrySet()) {
            String id = e.getKey();
            AssetData d = e.getValue();
            Map<Long, double[]> batch = one.getOrDefault(id, Map.of());
            Map<Long, double[]> expected = d.times().length == 0 ? Map.of() : ref.rows(d.times(), d.values(), d.events(), d.attrs());
            assertEquals(expected.keySet(), batch.keySet(), "row times of " + id + " (spec emit " + spec.emit() + ")");
            for (long r : batch.keySet()) {
                assertArrayEquals(batch.get(r), three.get(id).get(r), "3 threads vs 1, " + id + " at " + r);
                assertClose(expected.get(r), batch.get(r), ex.columns(), "reference vs batch, " + id + " at " + r);
                assertClose(batch.get(r), streamAt(ex, id, d, r), ex.columns(), "streaming vs batch, " + id + " at " + r);
            }
        }
    }

    private static Map<String, Map<Long, double[]>> collect(FeatureExtractor ex, Dataset data, int threads) throws Exception {
        Map<String, Map<Long, double[]>> rows = new HashMap<>();
        new BatchExtractor(ex, threads, n -> { }).run(data, (asset, time, v) -> {
            synchronized (rows) {
                double[] prev = rows.computeIfAbsent(asset, k -> new TreeMap<>()).put(time, v.clone());
                assertTrue(prev == null, "row emitted twice: " + asset + " at " + time);
            }
        });
        return rows;
    }

    /** A fresh state fed everything a row at r may see, then evaluated at r through the live path. */
    private static double[] streamAt(FeatureExtractor ex, String id, AssetData d, long r) {
        AssetState s = ex.newState(id, d.attrs());
        boolean grid = ex.gridEmission();
        int ei = 0;
        for (int i = 0; i < d.times().length && (grid ? d.times()[i] < r : d.times()[i] <= r); i++) {
            while (ei < d.events().size() && d.events().get(ei).time() <= d.times()[i]) {
                s.event(d.events().get(ei++), RowSink.discard());
            }
            s.reading(d.times()[i], d.values()[i], RowSink.discard());
        }
        while (ei < d.events().size() && (grid ? d.events().get(ei).time() < r : d.events().get(ei).time() <= r)) {
            s.event(d.events().get(ei++), RowSink.discard());
        }
        double[] out = new double[ex.columns().size()];
        assertTrue(s.vectorAt(r, out, RowSink.discard()));
        return out;
    }

    static void assertClose(double[] expected, double[] actual, List<String> columns, String what) {
        assertEquals(expected.length, actual.length, what + ": width");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(e) || Double.isNaN(a)) {
                assertTrue(Double.isNaN(e) && Double.isNaN(a), what + ", column " + columns.get(i) + ": expected " + e + ", got " + a);
            } else {
                assertEquals(e, a, RELATIVE_TOLERANCE * Math.max(1.0, Math.abs(e)), what + ", column " + columns.get(i));
            }
        }
    }
}
