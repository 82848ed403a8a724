package org.prognos.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.io.Datasets;
import org.prognos.models.predict.Predictions;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.Scorer;

/**
 * Cost of scoring one asset with the service's model path (after feature extraction): plain, explained by the
 * trees ({@code Occluder}), and explained by scoring all 1 + k + g occluded copies through the booster (the
 * method's cost without the trees). Real vectors: the 70 Azure machines at their latest readings.
 * Needs the serving benchmark's registry: {@code benchmarks/serve/run.sh} (or {@code ServeBench setup}) first.
 * Run: {@code java -Dprognos.registry=/tmp/prognos-serve-bench/registry -jar benchmarks/target/benchmarks.jar Explain}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ExplainBenchmark {
    private LoadedModel model;
    private List<FeatureVector> vectors;
    private int[][] sets;
    private int i;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Path registry = Path.of(System.getProperty("prognos.registry", "/tmp/prognos-serve-bench/registry"));
        model = LoadedModel.load(new ModelRegistry(registry), "azure-24h@production");
        var data = Datasets.open(Path.of(System.getProperty("prognos.data", "notebooks-data/azure-pdm")), null);
        Map<String, FeatureVector> last = new ConcurrentHashMap<>();
        new BatchExtractor(model.extractor(), 1, n -> { }).run(data, (asset, time, values) ->
                last.put(asset, new FeatureVector(Optional.of(asset), time, values.clone(), 0, List.of())));
        vectors = List.copyOf(new TreeMap<>(last).values());
        int k = model.extractor().columns().size();
        sets = new int[k + model.groups().size()][];
        for (int c = 0; c < k; c++) {
            sets[c] = new int[] {c};
        }
        for (int g = 0; g < model.groups().size(); g++) {
            sets[k + g] = model.groups().columnsOf(g);
        }
        if (model.occluder().isEmpty()) {
            throw new IllegalStateException("the model has no tree occluder");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        model.close();
    }

    private FeatureVector next() {
        i = (i + 1) % vectors.size();
        return vectors.get(i);
    }

    @Benchmark
    public Object plain() {
        return Scorer.score(model, List.of(next()), 0);
    }

    @Benchmark
    public Object explainedByTrees() {
        return Scorer.score(model, List.of(next()), 5);
    }

    /** The occluded copies scored by the booster, as the explanation did before the trees (no answer built). */
    @Benchmark
    public Predictions explainedByBooster() {
        double[] x = next().values();
        double[][] batch = new double[1 + sets.length][];
        batch[0] = x;
        for (int s = 0; s < sets.length; s++) {
            double[] row = x.clone();
            for (int c : sets[s]) {
                row[c] = model.policy().reference(c);
            }
            batch[1 + s] = row;
        }
        return model.predictor().predict(batch);
    }
}
