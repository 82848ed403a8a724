package org.prognos.inference.drift;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.prognos.features.extract.AssetState;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;

/**
 * Replays bundled Azure PdM machines through the streaming feature path the service uses ({@link AssetState}), with an
 * optional fault applied to the raw readings from a given time on, and returns the feature vectors in fleet order
 * (by time, then machine): the order a service scoring the whole fleet every 3 hours records them in.
 */
public final class FleetReplay {
    /** What a fault does to one raw reading (values in the spec's channel order; changed in place). */
    @FunctionalInterface
    public interface Fault {
        void apply(String asset, long time, double[] values);

        /** No fault. */
        static Fault none() {
            return (a, t, v) -> { };
        }
    }

    /**
     * One feature vector.
     *
     * @param asset  the machine
     * @param time   the row time
     * @param values the features, in the spec's column order
     */
    public record Row(String asset, long time, double[] values) {
    }

    private FleetReplay() {
    }

    /** The vectors of {@code machines}, their readings passed through {@code fault}, in fleet order. */
    public static List<Row> rows(Dataset data, FeatureExtractor ex, Predicate<String> machines, Fault fault) {
        int[] map = ex.channelMap(data);
        Map<String, List<long[]>> times = new HashMap<>();
        Map<String, List<double[]>> values = new HashMap<>();
        try {
            data.telemetry().forEach((asset, t, v) -> {
                if (machines.test(asset)) {
                    double[] mine = new double[map.length];
                    for (int c = 0; c < map.length; c++) {
                        mine[c] = v[map[c]];
                    }
                    times.computeIfAbsent(asset, k -> new ArrayList<>()).add(new long[] {t});
                    values.computeIfAbsent(asset, k -> new ArrayList<>()).add(mine);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Row> rows = new ArrayList<>();
        for (String asset : new java.util.TreeSet<>(times.keySet())) {
            AssetState state = ex.newState(asset, data.attributes().of(asset));
            List<Event> events = data.events().of(asset);
            int e = 0;
            List<long[]> ts = times.getOrDefault(asset, List.of());
            for (int i = 0; i < ts.size(); i++) {
                long t = ts.get(i)[0];
                while (e < events.size() && events.get(e).time() < t) {
                    state.event(events.get(e++), (a, rt, v) -> rows.add(new Row(a, rt, v.clone())));
                }
                double[] v = values.get(asset).get(i);
                fault.apply(asset, t, v);
                state.reading(t, v, (a, rt, out) -> rows.add(new Row(a, rt, out.clone())));
            }
        }
        rows.sort(Comparator.comparingLong(Row::time).thenComparing(Row::asset));
        return rows;
    }
}
