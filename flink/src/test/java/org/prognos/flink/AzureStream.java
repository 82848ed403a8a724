package org.prognos.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.flink.score.AssetWindow;
import org.prognos.flink.score.ModelSource;
import org.prognos.models.TestModels;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.Scorer;

/**
 * Real readings for the job: the bundled Azure PdM data (hourly from 1 October 2015) of three machines until
 * {@code until}, one device message per reading carrying the events since the previous one, and the test Azure model
 * (XGBoost, 24 h failure horizon) published in a registry directory. Machines 3 and 12 fail on 4 October and machine
 * 5 on 6 October, so the alert rule has risks to act on.
 */
final class AzureStream {
    static final List<String> MACHINES = List.of("3", "5", "12");

    private AzureStream() {
    }

    /** Publishes the Azure model under {@code root}; where each task loads it from. */
    static ModelSource publish(Path root) {
        TestModels.publishAzure(new ModelRegistry(root));
        return new ModelSource(root.toString(), TestModels.AZURE + "@production");
    }

    /** The attributes (model, age) of {@link #MACHINES}. */
    static Map<String, Map<String, String>> attributes() {
        Map<String, Map<String, String>> out = new HashMap<>();
        MACHINES.forEach(m -> out.put(m, TestModels.azureAttributes(m)));
        return out;
    }

    /** The messages of {@link #MACHINES} with readings before {@code until} (ticks). */
    static List<AssetWindow> messages(long until) {
        Dataset data = TestModels.azureData();
        String[] channels = data.telemetry().channels().toArray(String[]::new);
        Map<String, Long> previous = new HashMap<>();
        List<AssetWindow> out = new ArrayList<>();
        try {
            data.telemetry().forEach((asset, t, v) -> {
                if (MACHINES.contains(asset) && t < until) {
                    long after = previous.getOrDefault(asset, Long.MIN_VALUE);
                    List<Event> events = data.events().of(asset).stream().filter(e -> e.time() > after && e.time() <= t).toList();
                    previous.put(asset, t);
                    out.add(new AssetWindow(asset, channels, new long[] {t / 1000}, v.clone(),
                            events.stream().mapToLong(e -> e.time() / 1000).toArray(),
                            events.stream().map(e -> e.kind().name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new),
                            events.stream().map(Event::code).toArray(String[]::new)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(java.util.Comparator.comparingLong((AssetWindow w) -> w.sampleMillis()[0]));   // stable: per-asset order kept
        return out;
    }

    /** {@code data} with the readings of {@code assets} only: the batch path's work on the machines streamed. */
    private static Dataset only(Dataset data, Set<String> assets) {
        return TestModels.onlyAssets(data, assets::contains);
    }

    /**
     * The batch extractor's rows (the features library's other execution of the same definitions) over the readings of
     * {@link #MACHINES} and all their events, up to {@code lastReading}, per asset in time order: time, then values.
     */
    static Map<String, List<Map.Entry<Long, double[]>>> batchRows(LoadedModel model, long lastReading) throws IOException {
        FeatureExtractor ex = model.extractor();
        FeatureTable table = new FeatureTable(ex.columns());
        new BatchExtractor(ex, 1, n -> { }).run(only(TestModels.azureData(), Set.copyOf(MACHINES)), table);
        FeatureTable sorted = table.sorted();
        Map<String, List<Map.Entry<Long, double[]>>> out = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.time(i) <= lastReading) {
                out.computeIfAbsent(sorted.asset(i), a -> new ArrayList<>()).add(Map.entry(sorted.time(i), sorted.row(i)));
            }
        }
        return out;
    }

    /**
     * The service's numbers for the same readings: the batch extractor (the features library's other execution of the
     * same definitions) over the readings of {@link #MACHINES} and all their events, its rows up to {@code lastReading}
     * scored by the runtime, keyed by {@code asset@time}.
     */
    static Map<String, Double> batchRisks(ModelSource source, long lastReading) throws IOException {
        try (LoadedModel model = source.load()) {
            FeatureExtractor ex = model.extractor();
            FeatureTable table = new FeatureTable(ex.columns());
            new BatchExtractor(ex, 1, n -> { }).run(only(TestModels.azureData(), Set.copyOf(MACHINES)), table);
            List<String> keys = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < table.size(); i++) {
                if (table.time(i) <= lastReading) {
                    keys.add(table.asset(i) + "@" + table.time(i));
                    rows.add(table.row(i));
                }
            }
            double[] risks = Scorer.risks(model, rows.toArray(double[][]::new),
                    keys.stream().map(k -> java.util.Optional.of(k.substring(0, k.indexOf('@')))).toList());
            Map<String, Double> out = new HashMap<>();
            for (int i = 0; i < risks.length; i++) {
                out.put(keys.get(i), risks[i]);
            }
            return out;
        }
    }
}
