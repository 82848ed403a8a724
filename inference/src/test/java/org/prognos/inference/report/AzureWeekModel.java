package org.prognos.inference.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.telemetry.Dataset;
import org.prognos.models.TestModels;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.LibraryVersions;
import org.prognos.models.bundle.Provenance;
import org.prognos.models.bundle.Task;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.tribuo.TribuoExamples;
import org.prognos.models.tribuo.TribuoPayloads;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A small real weekly model for the report tests, trained once per JVM: which component of an Azure PdM machine
 * fails within 7 days (the {@code azure-7d} job's task and spec, CI-sized: 40 trees on one thread), on all 70
 * bundled machines but only on rows before {@link #TRAIN_UNTIL} minus the horizon (the bundled telemetry starts
 * 2015-10-01, so about three weeks of rows), so no training label looks at a failure on or after
 * {@link #TRAIN_UNTIL}. Reports as of that time or later are out of sample in time.
 */
final class AzureWeekModel {
    static final String NAME = "azure-7d-test";
    static final String HORIZON = "7d";
    static final String TRAIN_UNTIL = "2015-11-01 00:00:00";
    static final double THRESHOLD = 0.5;

    private static Model<Label> model;
    private static ObjectNode reference;
    private static org.prognos.models.drift.ReferenceProfile profile;

    private AzureWeekModel() {
    }

    static Dataset data() {
        return TestModels.azureData();
    }

    static FeatureSpec spec() {
        return TestModels.azureSpec();
    }

    static long time(String text) {
        return spec().time().toAxis().parse(text);
    }

    static long horizon() {
        return spec().time().toAxis().parseSpan(HORIZON);
    }

    private static FailureWithinHorizon labeler() {
        return FailureWithinHorizon.perComponent(horizon(), TestModels.COMPONENTS);
    }

    private static synchronized void train() {
        if (model != null) {
            return;
        }
        FeatureExtractor ex = new FeatureExtractor(spec());
        FeatureTable table = new FeatureTable(ex.columns());
        BatchExtractor.Summary s;
        try {
            s = new BatchExtractor(ex, 2, n -> { }).run(data(), table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FeatureTable sorted = table.sorted();
        FailureWithinHorizon labeler = labeler();
        double[] y = labeler.label(sorted, data().events(), s.lastReadingTimes());
        long lastRow = time(TRAIN_UNTIL) - horizon();
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("azure rows before " + TRAIN_UNTIL + " - 7d", f), f);
        List<double[]> used = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.time(i) < lastRow && !Double.isNaN(y[i])) {
                double[] row = sorted.row(i);
                used.add(row);
                ds.add(TribuoExamples.of(ex.columns(), row, new Label(labeler.classes().get((int) y[i]))));
            }
        }
        if (ds.size() == 0) {
            throw new IllegalStateException("no labelled row before " + TRAIN_UNTIL + " minus " + HORIZON + " in " + sorted.size() + " rows");
        }
        // trees, eta, gamma, depth, min child weight, subsample, column subsample, lambda, alpha, threads, silent, seed
        model = new XGBoostClassificationTrainer(40, 0.2, 0, 6, 1, 1, 1, 1, 0, 1, true, 42).train(ds);
        profile = org.prognos.models.drift.ProfileFitter.fit(ex.columns(), used.toArray(double[][]::new),
                "azure rows before " + TRAIN_UNTIL + " - 7d");
        reference = JsonNodeFactory.instance.objectNode();
        for (int c = 0; c < ex.columns().size(); c++) {
            int col = c;
            double[] v = used.stream().mapToDouble(r -> r[col]).filter(d -> !Double.isNaN(d)).sorted().toArray();
            reference.put(ex.columns().get(c), v.length == 0 ? 0 : v[v.length / 2]);
        }
    }

    /** Publishes the model into a registry under {@code root}, points {@code production} at it and loads it. */
    static LoadedModel publishAndLoad(Path root) {
        train();
        ModelRegistry registry = new ModelRegistry(root);
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        metrics.putObject("decision").put("threshold", THRESHOLD);
        metrics.set("featureReference", reference.deepCopy());
        Map<String, JsonNode> hp = new LinkedHashMap<>();
        hp.put("trees", JsonNodeFactory.instance.numberNode(40));
        Provenance provenance = new Provenance("sha256:" + "ab".repeat(32), "azure-pdm rows before " + TRAIN_UNTIL + " - 7d (test fixture)",
                42L, hp, LibraryVersions.current());
        BundleRef ref = registry.publish(BundleContents.of(NAME, Task.of(labeler(), HORIZON), spec(), provenance, metrics,
                TribuoPayloads.of(model)).withProfile(profile));
        registry.promote(ref.name(), ref.version(), "production");
        return LoadedModel.load(registry, NAME + "@production");
    }
}
