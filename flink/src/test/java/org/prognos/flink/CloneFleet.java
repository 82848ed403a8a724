package org.prognos.flink;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.flink.score.AssetWindow;
import org.prognos.models.TestModels;

/**
 * A synthetic fleet for the benchmark, built from <b>clones of real readings</b> (the way the service's RecoveryBench
 * builds its fleet), since the model it is scored with is the Azure 24 h model and needs the Azure channels: asset
 * {@code m{i}} replays the hourly readings of bundled Azure PdM machine {@code i mod 70 + 1} from an offset that steps
 * by 7 hours per round of 70 clones, one reading per message, with that machine's events (and its attributes).
 * Message {@code n} is hour {@code n / assets} of asset {@code n mod assets}: the fleet reports hour by hour, every
 * asset once an hour, each asset's messages in time order. The first message of an asset carries the machine's events
 * up to its first reading (its maintenance and error history), later ones the events since the previous reading.
 *
 * <p>Serializable and small (the asset and hour counts): each task reads the bundled data once per JVM.
 *
 * @param assets   the fleet's size
 * @param readings readings per asset
 */
record CloneFleet(int assets, int readings) implements GeneratorFunction<Long, AssetWindow>, Serializable {
    CloneFleet {
        if (assets < 1 || readings < 1) {
            throw new IllegalArgumentException("assets and readings must be positive, found " + assets + ", " + readings);
        }
        int shortest = Machines.get().shortest();
        if (readings >= shortest) {
            throw new IllegalArgumentException("readings must be fewer than the shortest machine's " + shortest);
        }
    }

    /** Messages in the stream. */
    long messages() {
        return (long) assets * readings;
    }

    /** The message at {@code index} of the stream. */
    @Override
    public AssetWindow map(Long index) {
        return window(index);
    }

    AssetWindow window(long index) {
        int hour = (int) (index / assets);
        int asset = (int) (index % assets);
        Machines m = Machines.get();
        int machine = asset % m.count();
        long[] times = m.times.get(machine);
        int span = times.length - readings;
        int k = (int) ((long) (asset / m.count()) * 7 % span) + hour;
        long after = hour == 0 ? Long.MIN_VALUE : times[k - 1];
        long t = times[k];
        List<Event> events = new ArrayList<>(0);
        for (Event e : m.events.get(machine)) {
            if (e.time() > after && e.time() <= t) {
                events.add(e);
            }
        }
        double[] values = new double[m.channels.length];
        System.arraycopy(m.values.get(machine), k * values.length, values, 0, values.length);
        return new AssetWindow(assetId(asset), m.channels, new long[] {t / 1000}, values,
                events.stream().mapToLong(e -> e.time() / 1000).toArray(),
                events.stream().map(e -> e.kind().name().toLowerCase(Locale.ROOT)).toArray(String[]::new),
                events.stream().map(Event::code).toArray(String[]::new));
    }

    static String assetId(int asset) {
        return "m" + asset;
    }

    /** Every asset's attributes: its machine's. */
    Map<String, Map<String, String>> attributes() {
        Machines m = Machines.get();
        Map<String, Map<String, String>> out = new HashMap<>();
        for (int i = 0; i < assets; i++) {
            out.put(assetId(i), m.attributes.get(i % m.count()));
        }
        return out;
    }

    /** The bundled Azure machines' readings, events and attributes, in arrays, read once per JVM. */
    private static final class Machines {
        private static Machines loaded;
        final String[] channels;
        final List<long[]> times = new ArrayList<>();
        final List<double[]> values = new ArrayList<>();
        final List<List<Event>> events = new ArrayList<>();
        final List<Map<String, String>> attributes = new ArrayList<>();

        private Machines(Dataset data) throws IOException {
            channels = data.telemetry().channels().toArray(String[]::new);
            Map<String, List<Long>> t = new HashMap<>();
            Map<String, List<double[]>> v = new HashMap<>();
            data.telemetry().forEach((asset, time, vals) -> {
                t.computeIfAbsent(asset, a -> new ArrayList<>()).add(time);
                v.computeIfAbsent(asset, a -> new ArrayList<>()).add(vals.clone());
            });
            List<String> ids = new ArrayList<>(t.keySet());
            ids.sort((a, b) -> Integer.compare(Integer.parseInt(a.replaceAll("\\D", "")), Integer.parseInt(b.replaceAll("\\D", ""))));
            for (String id : ids) {
                times.add(t.get(id).stream().mapToLong(Long::longValue).toArray());
                double[] flat = new double[t.get(id).size() * channels.length];
                for (int i = 0; i < v.get(id).size(); i++) {
                    System.arraycopy(v.get(id).get(i), 0, flat, i * channels.length, channels.length);
                }
                values.add(flat);
                events.add(data.events().of(id).stream().sorted((a, b) -> Long.compare(a.time(), b.time())).toList());
                attributes.add(Map.copyOf(data.attributes().of(id)));
            }
        }

        static synchronized Machines get() {
            if (loaded == null) {
                try {
                    loaded = new Machines(TestModels.azureData());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return loaded;
        }

        int count() {
            return times.size();
        }

        int shortest() {
            return times.stream().mapToInt(a -> a.length).min().orElse(0);
        }
    }
}
