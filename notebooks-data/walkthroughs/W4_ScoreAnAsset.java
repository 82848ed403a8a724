/*
 * W4 — Score an asset live with a published model, then evaluate the bundle.
 *
 * Loads cmapss-fd001-rul@production from the registry W3 published to (or, when it is not there, trains the
 * same small model W3 does). The bundle carries its fitted feature spec, so serving computes exactly the training
 * features: one FD001 test engine's readings are fed, one cycle at a time, to an AssetState built from that
 * spec, and its live vector is scored through Predictors / Predictor as the engine runs. A single prediction
 * goes through the batch path, so predict(row) and predict(new double[][] {row}) agree. The last score is
 * compared with the engine's true RUL (RUL_FD001.txt). Finally BundleEvaluation scores the bundle on the whole
 * FD001 test set (each engine at its last cycle) and prints the RMSE beside the baselines shipped in the bundle.
 *
 * Run from the repository root after `./mvnw -q -B -DskipTests package -pl cli -am`, and best after W3:
 *   java -cp "cli/target/prognos.jar:cli/target/lib/*" notebooks-data/walkthroughs/W4_ScoreAnAsset.java [registry-dir]
 * The registry defaults to W3's, <java.io.tmpdir>/prognos-walkthroughs/registry.
 */
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.prognos.features.extract.AssetState;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.RowSink;
import org.prognos.features.io.Cmapss;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Task;
import org.prognos.models.predict.Prediction;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.training.BundleEvaluation;
import org.prognos.training.TrainingJob;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.config.TrainingConfig;

public class W4_ScoreAnAsset {
    static final String MODEL = "cmapss-fd001-rul@production";
    static final String ENGINE = "24";

    public static void main(String[] args) throws Exception {
        Path data = notebooksData();
        Path registryDir = args.length > 0 ? Path.of(args[0])
                : Path.of(System.getProperty("java.io.tmpdir"), "prognos-walkthroughs", "registry");
        ModelRegistry registry = new ModelRegistry(registryDir);
        if (registry.find(MODEL).isEmpty()) {
            System.out.println("no " + MODEL + " in the registry (run W3 first to use its model); training W3's model:");
            trainSmallModel(data.resolve("jobs/cmapss-fd001-xgboost.yaml"), registryDir);
        }
        LoadedBundle bundle = registry.load(MODEL);   // verifies every checksum and the spec hash
        var manifest = bundle.manifest();
        Task.RemainingUsefulLife task = (Task.RemainingUsefulLife) manifest.task();
        System.out.printf(Locale.ROOT, "loaded %s = %s:%d: remaining useful life (trained capped at %.0f cycles) from %d features,"
                + " spec %s, seed %d%n", MODEL, manifest.name(), manifest.version(), task.cap().orElse(Double.NaN),
                manifest.featureColumns().size(), manifest.featureSpecHash().substring(0, 12), manifest.provenance().seed());

        // One test engine, as a live stream: its readings one cycle at a time into the bundle's feature spec.
        Cmapss fd001 = Cmapss.load(data.resolve("cmapss"), "FD001");
        record Reading(long cycle, double[] values) { }
        List<Reading> readings = new ArrayList<>();
        fd001.test().telemetry().forEach((unit, cycle, values) -> {
            if (unit.equals(ENGINE)) {
                readings.add(new Reading(cycle, values.clone()));
            }
        });
        FeatureExtractor extractor = new FeatureExtractor(bundle.spec());
        List<String> sourceChannels = fd001.test().telemetry().channels();
        int[] channel = extractor.channels().stream().mapToInt(sourceChannels::indexOf).toArray();   // spec order
        AssetState engine = extractor.newState(ENGINE, Map.of());
        double[] row = new double[extractor.columns().size()];
        double[] input = new double[channel.length];
        try (Predictor predictor = Predictors.load(bundle)) {
            System.out.println("test engine " + ENGINE + ", scored live as its cycles arrive:");
            double single = Double.NaN;
            double batch = Double.NaN;
            for (Reading r : readings) {
                for (int c = 0; c < channel.length; c++) {
                    input[c] = r.values()[channel[c]];
                }
                engine.reading(r.cycle(), input, RowSink.discard());
                boolean last = r == readings.get(readings.size() - 1);
                if (r.cycle() % 25 == 0 || last) {
                    engine.vectorAt(engine.nowTime(), row, RowSink.discard());
                    single = ((Prediction.Value) predictor.predict(row)).value();
                    batch = ((Predictions.Values) predictor.predict(new double[][] {row})).values()[0];
                    System.out.printf(Locale.ROOT, "  cycle %3d  predicted RUL %6.1f cycles%n", r.cycle(), single);
                }
            }
            int trueRul = fd001.testRul().get(Integer.parseInt(ENGINE) - 1);   // RUL_FD001.txt lists units 1..100
            System.out.printf(Locale.ROOT, "single prediction = batch path: %s (%.6f, %.6f)%n",
                    single == batch ? "yes" : "NO", single, batch);
            System.out.printf(Locale.ROOT, "engine %s after its last cycle %d: predicted RUL %.1f, true RUL %d "
                    + "(error %+.1f cycles)%n",
                    ENGINE, readings.get(readings.size() - 1).cycle(), single, trueRul, single - trueRul);
        }

        // The whole test set, the standard protocol: every engine once, at its last cycle, against RUL_FD001.txt.
        JsonNode metrics = BundleEvaluation.evaluate(bundle, fd001.test(), true, Predictors.standard(),
                line -> System.out.println("  eval | " + line));
        System.out.printf(Locale.ROOT, "FD001 test set: RMSE %.2f over %d engines (baselines: mean RUL %.2f, "
                + "linear degradation %.2f)%n",
                metrics.at("/model/rmse").asDouble(), metrics.at("/model/count").asInt(),
                metrics.at("/baselines/mean-rul/rmse").asDouble(), metrics.at("/baselines/linear-degradation/rmse").asDouble());
        double recorded = manifest.metrics().at("/model/rmse").asDouble();
        System.out.printf(Locale.ROOT, "the bundle recorded RMSE %.2f when it was trained: %s%n", recorded,
                Math.abs(recorded - metrics.at("/model/rmse").asDouble()) < 1e-9 ? "reproduced" : "NOT reproduced");
    }

    /** W3 in brief: the FD001 job with 50 trees at eta 0.1, into {@code registryDir}, promoted to production. */
    static void trainSmallModel(Path jobFile, Path registryDir) throws Exception {
        TrainingConfig job = ConfigReader.read(jobFile);
        Map<String, JsonNode> params = new java.util.TreeMap<>(job.model().params());
        params.put("trees", IntNode.valueOf(50));
        params.put("eta", DoubleNode.valueOf(0.1));
        TrainingConfig quick = new TrainingConfig(job.name(), job.data(), job.spec(), job.task(),
                TrainingConfig.ModelConfig.of(job.model().family(), params), job.split(), job.costs(),
                registryDir.toAbsolutePath().toString(), job.seed());
        var published = new TrainingJob(quick, jobFile.getParent(), line -> { }).run().published();
        new ModelRegistry(registryDir).promote(published.name(), published.version(), "production");
        System.out.println("  trained and promoted " + published + " to production");
    }

    /** The repository's notebooks-data folder, found from the working directory upwards. */
    static Path notebooksData() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("notebooks-data/azure-pdm"))) {
                return dir.resolve("notebooks-data");
            }
        }
        throw new IllegalStateException("run this from inside the Prognos repository: no notebooks-data/ above "
                + Path.of("").toAbsolutePath());
    }
}
