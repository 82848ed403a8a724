package org.prognos.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.AzurePdm;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.features.spec.EmitConfig;
import org.prognos.features.spec.FeatureGroup;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.spec.TimeConfig;
import org.prognos.features.spec.WindowConfig;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.FilteredTelemetry;
import org.prognos.features.telemetry.TelemetrySource;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.ColumnScaling;
import org.prognos.models.anomaly.Detector;
import org.prognos.models.anomaly.NeighbourDetector;
import org.prognos.models.anomaly.ScoreCalibration;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.LibraryVersions;
import org.prognos.models.bundle.Provenance;
import org.prognos.models.bundle.Task;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.tribuo.TribuoExamples;
import org.prognos.models.tribuo.TribuoPayloads;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * Small real models for the runtime's and the service's tests (the service's through this module's test jar),
 * trained once per JVM:
 * <ul>
 * <li>{@code azure-24h}: an XGBoost classifier (20 trees) of which component fails within 24 h, trained on the
 * bundled Azure PdM data (machines 1-20) with the Azure guide spec, decision threshold 0.3 and per-column
 * reference values (training medians) in its metrics;</li>
 * <li>{@code pump}: a 5-tree XGBoost failure classifier on synthetic cycle data (channels temp, vib);</li>
 * <li>{@code pump-rul}: a 5-tree XGBoost RUL regressor (cap 125) on the same spec;</li>
 * <li>{@code azure-anomaly}: a nearest-neighbour anomaly model (k 5 over a seeded sample of 1,000 scaled rows) on
 * the same Azure features emitted after every reading (hourly, so a live score "now" is a batch row), fitted without labels on machines 1-14 and calibrated at a 1 % false-alarm rate on
 * machines 15-20 (every row counts as normal here: a fixture, not an evaluation; the job's figures are in
 * training/ANOMALY.md).</li>
 * </ul>
 */
public final class TestModels {
    public static final String AZURE = "azure-24h";
    public static final String PUMP = "pump";
    public static final String PUMP_RUL = "pump-rul";
    public static final double AZURE_THRESHOLD = 0.3;
    public static final List<String> COMPONENTS = List.of("comp1", "comp2", "comp3", "comp4");
    public static final String AZURE_ANOMALY = "azure-anomaly";
    public static final double ANOMALY_FALSE_ALARM_RATE = 0.01;

    private static Dataset azureData;
    private static FeatureSpec azureSpec;
    private static Model<Label> azureModel;
    private static ObjectNode azureReference;
    private static Model<Label> pumpModel;
    private static Model<Regressor> pumpRulModel;
    private static FeatureSpec azureAnomalySpec;
    private static FeatureTable azureAnomalyTable;
    private static AnomalyModel azureAnomaly;

    private TestModels() {
    }

    /** The repository's notebooks-data directory. */
    public static Path notebooksData() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !p.resolve("notebooks-data").toFile().isDirectory()) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("notebooks-data not found above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("notebooks-data");
    }

    /** The bundled Azure PdM data (all 70 machines). */
    public static synchronized Dataset azureData() {
        if (azureData == null) {
            try {
                azureData = AzurePdm.load(notebooksData().resolve("azure-pdm"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            azureSpec = SpecJson.read(notebooksData().resolve("specs/azure-guide.json"));
        }
        return azureData;
    }

    /**
     * {@code data} with the readings of the assets {@code keep} accepts only, and all the events and attributes: the
     * batch path's work on a few machines (the Spark and Flink tests stream or partition a handful of them).
     */
    public static Dataset onlyAssets(Dataset data, Predicate<String> keep) {
        TelemetrySource all = data.telemetry();
        return new Dataset(new FilteredTelemetry(all, all.name(), (asset, time) -> keep.test(asset)), data.events(),
                data.attributes());
    }

    public static synchronized FeatureSpec azureSpec() {
        azureData();
        return azureSpec;
    }

    private static synchronized void trainAzure() {
        if (azureModel != null) {
            return;
        }
        Dataset data = azureData();
        FeatureExtractor ex = new FeatureExtractor(azureSpec);
        FeatureTable table = new FeatureTable(ex.columns());
        BatchExtractor.Summary s;
        try {
            s = new BatchExtractor(ex, 1, n -> { }).run(data, table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FeatureTable sorted = table.sorted();
        FailureWithinHorizon labeler = FailureWithinHorizon.perComponent(ex.axis().parseSpan("24h"), COMPONENTS);
        double[] y = labeler.label(sorted, data.events(), s.lastReadingTimes());
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("azure machines 1-20", f), f);
        List<double[]> used = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            int machine = Integer.parseInt(sorted.asset(i).replaceAll("\\D", ""));
            if (machine <= 20 && !Double.isNaN(y[i])) {
                double[] row = sorted.row(i);
                used.add(row);
                ds.add(TribuoExamples.of(ex.columns(), row, new Label(labeler.classes().get((int) y[i]))));
            }
        }
        azureModel = new XGBoostClassificationTrainer(20).train(ds);
        azureReference = JsonNodeFactory.instance.objectNode();
        for (int c = 0; c < ex.columns().size(); c++) {
            int col = c;
            double[] v = used.stream().mapToDouble(r -> r[col]).filter(d -> !Double.isNaN(d)).sorted().toArray();
            azureReference.put(ex.columns().get(c), v[v.length / 2]);
        }
    }

    private static int machine(String asset) {
        return Integer.parseInt(asset.replaceAll("\\D", ""));
    }

    private static synchronized void trainAzureAnomaly() {
        if (azureAnomaly != null) {
            return;
        }
        FeatureSpec g = azureSpec();
        azureAnomalySpec = new FeatureSpec(g.format(), AZURE_ANOMALY, g.description() + " Emits a row after every reading.",
                g.time(), g.channels(), g.windows(), EmitConfig.everySample(), g.requireFullWindows(), g.slopePer(),
                g.maxWindowSamples(), g.features(), g.normalization(), g.fitted());
        FeatureExtractor ex = new FeatureExtractor(azureAnomalySpec);
        FeatureTable table = new FeatureTable(ex.columns());
        try {
            new BatchExtractor(ex, 1, n -> { }).run(azureData(), table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        azureAnomalyTable = table.sorted();
        List<String> columns = azureAnomalyTable.columns();
        List<double[]> fit = new ArrayList<>();
        List<double[]> calibrate = new ArrayList<>();
        for (int i = 0; i < azureAnomalyTable.size(); i++) {
            int m = machine(azureAnomalyTable.asset(i));
            if (m <= 20) {
                (m <= 14 ? fit : calibrate).add(azureAnomalyTable.row(i));
            }
        }
        ColumnScaling scaling = ColumnScaling.fit(fit.toArray(double[][]::new), columns.size());
        SplittableRandom rng = new SplittableRandom(42);
        double[][] memory = new double[1000][];
        for (int i = 0; i < memory.length; i++) {
            memory[i] = scaling.apply(fit.get(rng.nextInt(fit.size())));
        }
        Detector knn = new NeighbourDetector(memory, 5);
        double[] scratch = new double[columns.size()];
        double[] held = calibrate.stream().mapToDouble(r -> knn.score(scaling.apply(r), scratch)).toArray();
        azureAnomaly = AnomalyModel.of(columns, scaling, knn, ScoreCalibration.fit(held, ANOMALY_FALSE_ALARM_RATE));
    }

    /** The fitted Azure anomaly model (see the class comment). */
    public static AnomalyModel azureAnomaly() {
        trainAzureAnomaly();
        return azureAnomaly;
    }

    /** The anomaly fixture's hourly feature rows (all 70 machines, sorted by machine and time). */
    public static synchronized FeatureTable azureAnomalyTable() {
        trainAzureAnomaly();
        return azureAnomalyTable;
    }

    /** The anomaly fixture's spec: the Azure guide spec emitting a row after every reading. */
    public static synchronized FeatureSpec azureAnomalySpec() {
        trainAzureAnomaly();
        return azureAnomalySpec;
    }

    /**
     * Publishes the Azure anomaly model (task {@code anomaly}, family knn, α 1 %) and points {@code production} at
     * it; its metrics carry the normal centre (the column means) as occlusion references, as the job's do.
     */
    public static BundleRef publishAzureAnomaly(ModelRegistry registry) {
        trainAzureAnomaly();
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        metrics.putObject("decision").put("threshold", 1 - ANOMALY_FALSE_ALARM_RATE);
        ObjectNode reference = metrics.putObject("featureReference");
        List<String> columns = azureAnomaly.columns();
        for (int c = 0; c < columns.size(); c++) {
            reference.put(columns.get(c), azureAnomaly.scaling().center()[c]);
        }
        BundleRef ref = registry.publish(BundleContents.of(AZURE_ANOMALY, new Task.Anomaly("knn", ANOMALY_FALSE_ALARM_RATE),
                azureAnomalySpec, provenance(), metrics, azureAnomaly.payload()));
        registry.promote(ref.name(), ref.version(), "production");
        return ref;
    }

    /** A spec over channels temp and vib on a cycle axis: mean, std and max over the last 5 readings. */
    public static FeatureSpec pumpSpec() {
        Map<String, WindowConfig> windows = new LinkedHashMap<>();
        windows.put("n5", WindowConfig.ofSamples(5));
        return new FeatureSpec(null, "pump-tiny", "test spec", TimeConfig.cycles(), List.of("temp", "vib"), windows,
                EmitConfig.everySample(), false, null, null,
                List.of(new FeatureGroup.WindowStats(List.of("mean", "std", "max"), List.of(), "n5")), null, null);
    }

    private static synchronized void trainPump() {
        if (pumpModel != null) {
            return;
        }
        List<String> columns = new FeatureExtractor(pumpSpec()).columns();
        SplittableRandom rng = new SplittableRandom(7);
        LabelFactory lf = new LabelFactory();
        MutableDataset<Label> cls = new MutableDataset<>(new SimpleDataSourceProvenance("synthetic pumps", lf), lf);
        RegressionFactory rf = new RegressionFactory();
        MutableDataset<Regressor> reg = new MutableDataset<>(new SimpleDataSourceProvenance("synthetic pumps", rf), rf);
        for (int r = 0; r < 400; r++) {
            double[] x = new double[columns.size()];
            for (int c = 0; c < x.length; c++) {
                x[c] = 50 + 20 * rng.nextDouble() + c;
            }
            cls.add(TribuoExamples.of(columns, x, new Label(x[0] > 62 ? "failure" : "none")));
            reg.add(TribuoExamples.of(columns, x, new Regressor("rul", Math.max(0, 125 - 4 * (x[0] - 50)))));
        }
        pumpModel = new XGBoostClassificationTrainer(5).train(cls);
        pumpRulModel = new XGBoostRegressionTrainer(5).train(reg);
    }

    /** Publishes the Azure model into {@code registry} and points {@code production} at it. */
    public static BundleRef publishAzure(ModelRegistry registry) {
        return publishAzure(registry, java.util.Optional.empty());
    }

    /** As {@link #publishAzure(ModelRegistry)}, the bundle carrying {@code profile} as its drift reference when given. */
    public static BundleRef publishAzure(ModelRegistry registry, java.util.Optional<org.prognos.models.drift.ReferenceProfile> profile) {
        trainAzure();
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        metrics.putObject("decision").put("threshold", AZURE_THRESHOLD);
        metrics.set("featureReference", azureReference.deepCopy());
        FailureWithinHorizon labeler = FailureWithinHorizon.perComponent(azureSpec.time().toAxis().parseSpan("24h"), COMPONENTS);
        BundleContents contents = BundleContents.of(AZURE, Task.of(labeler, "24h"), azureSpec, provenance(), metrics,
                TribuoPayloads.of(azureModel));
        BundleRef ref = registry.publish(profile.map(contents::withProfile).orElse(contents));
        registry.promote(ref.name(), ref.version(), "production");
        return ref;
    }

    /** Publishes the pump classifier and points {@code production} at it. */
    public static BundleRef publishPump(ModelRegistry registry) {
        BundleRef ref = publishPumpUnpromoted(registry);
        registry.promote(ref.name(), ref.version(), "production");
        return ref;
    }

    /** Publishes the pump failure model and leaves the aliases as they were (a test may alter it before promoting). */
    public static BundleRef publishPumpUnpromoted(ModelRegistry registry) {
        trainPump();
        return registry.publish(BundleContents.of(PUMP, new Task.FailureWithinHorizon(48, "48 cycles",
                List.of("none", "failure")), pumpSpec(), provenance(), JsonNodeFactory.instance.objectNode(), TribuoPayloads.of(pumpModel)));
    }

    /** Publishes the pump RUL model and points {@code production} at it. */
    public static BundleRef publishPumpRul(ModelRegistry registry) {
        trainPump();
        BundleRef ref = registry.publish(BundleContents.of(PUMP_RUL, new Task.RemainingUsefulLife("cycle", OptionalDouble.of(125)),
                pumpSpec(), provenance(), JsonNodeFactory.instance.objectNode(), TribuoPayloads.of(pumpRulModel)));
        registry.promote(ref.name(), ref.version(), "production");
        return ref;
    }

    /** A registry with all three models in production. */
    public static ModelRegistry fullRegistry(Path root) {
        ModelRegistry r = new ModelRegistry(root);
        publishAzure(r);
        publishPump(r);
        publishPumpRul(r);
        return r;
    }

    /** A registry with the pump models only (fast). */
    public static ModelRegistry pumpRegistry(Path root) {
        ModelRegistry r = new ModelRegistry(root);
        publishPump(r);
        publishPumpRul(r);
        return r;
    }

    static Provenance provenance() {
        Map<String, JsonNode> hp = new LinkedHashMap<>();
        hp.put("trees", JsonNodeFactory.instance.numberNode(20));
        return new Provenance("sha256:" + "cd".repeat(32), "machines 1-20 (test fixture)", 42L, hp, LibraryVersions.current());
    }

    /** Hourly readings of one Azure machine from {@code from} (inclusive) to {@code to} (exclusive), as request JSON. */
    public static List<Map<String, Object>> azureReadings(String machine, long from, long to) {
        List<Map<String, Object>> out = new ArrayList<>();
        var axis = azureSpec().time().toAxis();
        var channels = azureData().telemetry().channels();
        try {
            azureData().telemetry().forEach((asset, t, v) -> {
                if (asset.equals(machine) && t >= from && t < to) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int c = 0; c < channels.size(); c++) {
                        values.put(channels.get(c), v[c]);
                    }
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("time", axis.format(t));
                    r.put("values", values);
                    out.add(r);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The events of one machine before {@code to}, as request JSON. */
    public static List<Map<String, Object>> azureEvents(String machine, long to) {
        var axis = azureSpec().time().toAxis();
        List<Map<String, Object>> out = new ArrayList<>();
        for (var e : azureData().events().of(machine)) {
            if (e.time() < to) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
                m.put("code", e.code());
                m.put("time", axis.format(e.time()));
                out.add(m);
            }
        }
        return out;
    }

    /** The attributes of one machine. */
    public static Map<String, String> azureAttributes(String machine) {
        return azureData().attributes().of(machine);
    }

    /** {@code n} random rows of {@code width} features (some missing, some zero), the first column in [100, 250). */
    public static double[][] rows(int n, int width, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][width];
        for (double[] r : x) {
            for (int c = 0; c < width; c++) {
                r[c] = rng.nextInt(10) == 0 ? Double.NaN : rng.nextInt(8) == 0 ? 0 : rng.nextDouble(0, 500);
            }
            r[0] = rng.nextDouble(100, 250);
        }
        return x;
    }

    static double[] copy(double[] a) {
        return Arrays.copyOf(a, a.length);
    }
}
