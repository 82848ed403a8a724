package org.prognos.cli.score;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.Datasets;
import org.prognos.features.telemetry.Dataset;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.ColumnScaling;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Manifest;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.training.TrainingJob;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.config.TrainingConfig;

/**
 * The score tests' shared setup: a bundled training job ({@code notebooks-data/jobs}) trained into a test's registry,
 * the spec rows of some of its assets, scalings of assets' own from their first rows, and the bundle published again
 * under another name with another anomaly model. One copy, so the tests that serve these models set them up alike.
 */
final class TrainedJobs {
    static final Path JOBS = Path.of("../notebooks-data/jobs").toAbsolutePath().normalize();

    private TrainedJobs() {
    }

    /** A job trained into a registry: what training returned, and the job's training data. */
    record Trained(TrainingJob.Result result, Path data) {
    }

    /** Trains the bundled job {@code job} (its settings, its registry replaced by {@code registry}). */
    static Trained train(String job, Path registry) throws IOException {
        TrainingConfig c = ConfigReader.read(JOBS.resolve(job + ".yaml"));
        TrainingConfig mine = new TrainingConfig(c.name(), c.data(), c.spec(), c.task(), c.model(), c.split(), c.costs(),
                registry.toString(), c.seed());
        TrainingJob.Result trained = new TrainingJob(mine, JOBS, s -> { }).run();
        return new Trained(trained, JOBS.resolve(c.data().train()).normalize());
    }

    /**
     * A job trained into a registry and some of its assets: the registry and the job's bundle in it (to publish again
     * under other names), the job's training data, those assets' data, the job's anomaly model (scored as the job
     * scores it) and those assets' spec rows, sorted by asset and time.
     */
    record Assets(ModelRegistry registry, LoadedBundle bundle, Path trainData, Dataset data, AnomalyModel fleet,
                  FeatureTable table) {
        /** The job's bundle again as {@code name} with {@code model} as its payload ({@link #publishAs}). */
        void publishAs(String name, AnomalyModel model) {
            TrainedJobs.publishAs(registry, bundle, name, model);
        }
    }

    /** Trains the bundled anomaly job {@code job} into {@code registry} and reads {@code assets}' rows. */
    static Assets assets(String job, Path registry, List<String> assets) throws IOException {
        Path trainData = train(job, registry).data();
        Dataset data = AssetFilter.parse(String.join(",", assets)).apply(Datasets.open(trainData, null));
        ModelRegistry reg = new ModelRegistry(registry);
        LoadedBundle bundle = reg.load(reg.resolve(job));
        try (LoadedModel m = LoadedModel.load(bundle)) {
            return new Assets(reg, bundle, trainData, data, m.adaptiveAnomaly().orElseThrow(), sortedRows(m, data));
        }
    }

    /** The spec rows of {@code data} (batch extraction with {@code m}'s extractor), sorted by asset and time. */
    static FeatureTable sortedRows(LoadedModel m, Dataset data) throws IOException {
        FeatureTable t = new FeatureTable(m.extractor().columns());
        new BatchExtractor(m.extractor(), 1, n -> { }).run(data, t);
        return t.sorted();
    }

    /** The first quarter of {@code asset}'s rows in {@code table} (a stand-in for its normal rows). */
    static double[][] firstQuarter(FeatureTable table, String asset) {
        int[] its = table.rowsByAsset().get(asset);
        return IntStream.of(its).limit(its.length / 4).mapToObj(table::row).toArray(double[][]::new);
    }

    /** Each of {@code assets}' own scaling ({@link ColumnScaling#fitOwn}) of its {@link #firstQuarter}. */
    static Map<String, ColumnScaling> ownScalings(FeatureTable table, List<String> assets, ColumnScaling fleet) {
        Map<String, ColumnScaling> scalings = new TreeMap<>();
        for (String asset : assets) {
            scalings.put(asset, ColumnScaling.fitOwn(firstQuarter(table, asset), fleet));
        }
        return scalings;
    }

    /** {@code bundle} again as {@code name} with {@code model} as its payload, through the registry, promoted. */
    static void publishAs(ModelRegistry reg, LoadedBundle bundle, String name, AnomalyModel model) {
        Manifest mf = bundle.manifest();
        BundleContents contents = BundleContents.of(name, mf.task(), bundle.spec(), mf.provenance(), mf.metrics(),
                model.payload());
        var ref = reg.publish(bundle.profile().map(contents::withProfile).orElse(contents));
        reg.promote(ref.name(), ref.version(), "production");
    }
}
