package org.prognos.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.prognos.features.InvalidSpecException;
import org.prognos.PrognosException;
import org.prognos.features.io.Datasets;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.features.labels.Labeler;
import org.prognos.features.labels.RemainingUsefulLife;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.baseline.Baseline;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.LibraryVersions;
import org.prognos.models.bundle.ManifestJson;
import org.prognos.models.bundle.Provenance;
import org.prognos.models.bundle.Task;
import org.prognos.models.predict.ModelInfo;
import org.prognos.models.predict.Predictions;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.tribuo.TribuoPayloads;
import org.prognos.models.tribuo.TribuoPredictor;
import org.prognos.training.config.SplitConfig;
import org.prognos.training.config.TaskConfig;
import org.prognos.training.config.TrainingConfig;
import org.prognos.training.data.AssetSplit;
import org.prognos.training.data.FleetRows;
import org.prognos.training.data.LabeledRows;
import org.prognos.training.data.SubsetTelemetry;
import org.prognos.training.data.TimeSplit;
import org.prognos.training.sequence.EpochListener;
import org.prognos.training.sequence.SequenceFamily;
import org.prognos.training.trainers.TribuoFamily;
import org.prognos.training.trainers.TribuoTraining;
import org.tribuo.Model;

/**
 * The training job: data → leakage-free split by asset → spec fitted on training assets only → features and
 * labels → model and baselines → evaluation on held-out assets (threshold chosen on validation assets) →
 * bundle published atomically to the registry. A failure at any step publishes nothing.
 */
public final class TrainingJob {
    private final TrainingConfig config;
    private final Path base;
    private final Consumer<String> log;
    private final EpochListener epochs;
    private final int threads;

    /**
     * @param base directory the config's relative paths start from
     * @param log  progress lines for the user
     */
    public TrainingJob(TrainingConfig config, Path base, Consumer<String> log) {
        this(config, base, log, EpochListener.NONE);
    }

    /**
     * @param base   directory the config's relative paths start from
     * @param log    progress lines for the user
     * @param epochs told about every epoch of a sequence model ({@code cnn}, {@code lstm}); other families have none
     */
    public TrainingJob(TrainingConfig config, Path base, Consumer<String> log, EpochListener epochs) {
        this.config = config;
        this.base = base;
        this.log = log;
        this.epochs = epochs == null ? EpochListener.NONE : epochs;
        this.threads = Runtime.getRuntime().availableProcessors();
    }

    /** What a run produced. */
    public record Result(BundleRef published, JsonNode metrics, Path bundleDirectory, double trainSeconds) {
    }

    public Result run() throws IOException {
        if (config.model().family().isSequence()) {
            return new SequenceJob(config, base, log, epochs, threads).run();
        }
        long t0 = System.nanoTime();
        TrainingConfig.DataConfig dc = config.data();
        Dataset train = Datasets.open(base.resolve(dc.train()), dc.subset().orElse(null));
        Dataset test = dc.test().isEmpty() ? null : Datasets.open(base.resolve(dc.test().get()), dc.testSubset().orElse(null));
        FeatureSpec spec = loadSpec();
        TimeAxis axis = spec.time().toAxis();
        Labeler labeler = labeler(axis);
        TribuoFamily family = TribuoFamily.of(config.model().family(), config.model().params());
        searchOutcome = null;
        ModelRegistry registry = new ModelRegistry(base.resolve(config.registry()));
        registry.checkWritable(config.name());

        List<String> assets = assetsOf(train);
        Labeler truth = labeler instanceof RemainingUsefulLife r ? new RemainingUsefulLife(r.unitTicks(), OptionalLong.empty()) : labeler;
        // Validation rows choose a classifier's threshold; a tree regressor has nothing to tune on them, so they train.
        boolean useValidation = config.task().isClassification();
        LabeledRows trainRows;
        LabeledRows valRows;
        LabeledRows testRows;
        LabeledRows all;
        FeatureSpec fitted;
        String splitText;
        if (config.split() instanceof SplitConfig.ByTime byTime) {
            TimeSplit ts = TimeSplit.of(byTime, axis, labeler, firstTime(train));
            fitted = spec.fit(new SubsetTelemetry(train.telemetry(), new LinkedHashSet<>(assets),
                    useValidation ? ts.validationStart() - ts.gap() : ts.trainEnd()));
            all = FleetRows.extract(fitted, train, labeler, threads);
            LabeledRows a = all;
            trainRows = a.filter(i -> a.times()[i] < (useValidation ? ts.validationStart() - ts.gap() : ts.trainEnd()));
            valRows = a.filter(i -> useValidation && a.times()[i] >= ts.validationStart() && a.times()[i] < ts.trainEnd());
            LabeledRows truthRows = truth == labeler ? a : FleetRows.extract(fitted, train, truth, threads);
            testRows = test != null ? FleetRows.extract(fitted, test, truth, threads)
                    : truthRows.filter(i -> truthRows.times()[i] >= ts.cutoff());
            splitText = ts.describe(axis);
        } else {
            SplitConfig.ByAsset byAsset = (SplitConfig.ByAsset) config.split();
            AssetSplit split = AssetSplit.of(assets, byAsset.testAssets(), test == null ? byAsset.testFraction() : 0,
                    byAsset.validationFraction(), config.seed());
            Set<String> fitAssets = new LinkedHashSet<>(split.train());
            if (!useValidation) {
                fitAssets.addAll(split.validation());
            }
            fitted = spec.fit(new SubsetTelemetry(train.telemetry(), fitAssets, Long.MAX_VALUE));
            all = FleetRows.extract(fitted, train, labeler, threads);
            LabeledRows a = all;
            trainRows = a.filter(i -> fitAssets.contains(a.assets()[i]));
            valRows = a.filter(i -> useValidation && split.validation().contains(a.assets()[i]));
            // Test truth is never capped: metrics compare with the remaining life as given, and with it capped.
            LabeledRows truthRows = test != null ? null : truth == labeler ? a : FleetRows.extract(fitted, train, truth, threads);
            testRows = test != null ? FleetRows.extract(fitted, test, truth, threads)
                    : truthRows.filter(i -> split.test().contains(truthRows.assets()[i]));
            splitText = split.describe();
        }
        if (all.size() == 0) {
            throw new PrognosException("no labelled rows: the data holds no rows whose label is known (check the task and the failure log)");
        }
        if (dc.evaluateAt() == TrainingConfig.EvaluateAt.LAST) {
            testRows = testRows.lastPerAsset();
        }
        log.accept("split " + splitText + (test == null ? "" : "; test set: " + dc.test().get()));
        log.accept(String.format(java.util.Locale.ROOT, "rows: %d training, %d validation, %d test; %d features",
                trainRows.size(), valRows.size(), testRows.size(), all.columns().size()));
        if (trainRows.size() == 0 || testRows.size() == 0) {
            throw new PrognosException("the split leaves " + trainRows.size() + " training and " + testRows.size()
                    + " test rows; both must be non-empty (check 'split')");
        }

        Task task = labeler instanceof FailureWithinHorizon f ? Task.of(f, ((TaskConfig.FailureWithinHorizon) config.task()).horizon())
                : Task.of((RemainingUsefulLife) labeler, ((TaskConfig.RemainingUsefulLife) config.task()).unitName(axis));
        if (task.isClassification()) {
            long positives = java.util.Arrays.stream(trainRows.y()).filter(v -> v > 0).count();
            if (positives == 0) {
                throw new PrognosException("the training rows hold no failures within the horizon: a failure-within-horizon"
                        + " model cannot be trained (check the failure log, the horizon, and 'task.components')");
            }
        }
        if (config.model().search().isPresent()) {
            family = search(task, trainRows, labeler);
        }
        long tt = System.nanoTime();
        log.accept("training " + config.model().family() + " " + family);
        Model<?> model = task.isClassification()
                ? TribuoTraining.classifier(family, trainRows, task.outputNames(), config.seed(), threads)
                : TribuoTraining.regressor(family, trainRows, config.seed(), threads);
        double trainSeconds = (System.nanoTime() - tt) / 1e9;
        log.accept(String.format(java.util.Locale.ROOT, "trained in %.1f s", trainSeconds));

        ModelInfo info = new ModelInfo(config.name(), 0, task, all.columns(), fitted.hash(),
                org.prognos.models.bundle.PayloadKind.TRIBUO_PROTOBUF, java.time.Instant.now());
        TribuoPredictor predictor = TribuoPredictor.of(model, info);
        List<Baseline> baselines = baselines(task, trainRows);
        Evaluation.Outcome outcome = Evaluation.evaluate(new Evaluation.Inputs(
                new Evaluation.Heading(config.name(), dc.train(), splitText),
                new Evaluation.HeldOut(task, fitted, new Evaluation.Rows(valRows, train), new Evaluation.Rows(testRows, test == null ? train : test)),
                new Evaluation.Contenders(config.model().family().toString(), predictor, baselines),
                new Evaluation.Decision.ByCosts(new org.prognos.training.evaluation.ThresholdChoice.Costs(config.costs().missedFailure(),
                        config.costs().needlessVisit())),
                new Evaluation.Diagnostics(importance(model, config.model().family().toString()), List.of())), log);
        ObjectNode metrics = outcome.metrics();
        metrics.put("trainSeconds", trainSeconds);
        metrics.put("split", splitText);
        putReferenceAndBaselines(metrics, trainRows, baselines);
        if (searchOutcome != null) {
            var arr = metrics.putArray("search");
            for (var t : searchOutcome.trials()) {
                var o = arr.addObject();
                o.set("params", ManifestJson.mapper().valueToTree(t.params()));
                o.put("cvScore", t.score());
                o.put("seconds", t.seconds());
            }
        }

        Provenance provenance = new Provenance(fingerprint(all), splitText + (test == null ? "" : "; test set " + dc.test().get()),
                config.seed(), Provenance.hyperparametersOf(family), LibraryVersions.current());
        BundleContents contents = BundleContents.of(config.name(), task, fitted, provenance, metrics, TribuoPayloads.of(model));
        contents = contents.withReport(outcome.report().html());
        BundleRef ref = registry.publish(contents);
        registry.promote(ref.name(), ref.version(), "candidate");
        log.accept("published " + ref + " (alias candidate) to " + base.resolve(config.registry()));
        return new Result(ref, metrics, base.resolve(config.registry()).resolve(ref.name()).resolve(Integer.toString(ref.version())),
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The typical training value of each feature (median over training rows: the reference explanations occlude
     * with), and the fitted baselines, which travel with the bundle so that {@code prognos evaluate} shows them
     * beside the model too.
     */
    static void putReferenceAndBaselines(ObjectNode metrics, LabeledRows trainRows, List<Baseline> baselines) throws IOException {
        var reference = metrics.putObject("featureReference");
        for (int c = 0; c < trainRows.columns().size(); c++) {
            final int col = c;
            double[] v = java.util.Arrays.stream(trainRows.x()).mapToDouble(r -> r[col]).filter(d -> !Double.isNaN(d)).sorted().toArray();
            if (v.length > 0) {
                reference.put(trainRows.columns().get(c), v[v.length / 2]);
            }
        }
        var baselineModels = metrics.putArray("baselineModels");
        for (Baseline b : baselines) {
            baselineModels.add(ManifestJson.mapper().readTree(org.prognos.models.baseline.BaselineJson.write(b)));
        }
    }

    private org.prognos.training.trainers.Search.Outcome searchOutcome;

    /** Grouped (by asset) k-fold cross-validation of each candidate on the training rows; the best is trained. */
    private TribuoFamily search(Task task, LabeledRows rows, Labeler labeler) {
        TrainingConfig.SearchConfig sc = config.model().search().orElseThrow();
        List<String> assets = new ArrayList<>(rows.distinctAssets());
        java.util.Collections.shuffle(assets, new java.util.Random(config.seed()));
        int folds = Math.min(sc.folds(), assets.size());
        java.util.Map<String, Integer> foldOf = new java.util.HashMap<>();
        for (int i = 0; i < assets.size(); i++) {
            foldOf.put(assets.get(i), i % folds);
        }
        long budget = sc.budget().isEmpty() ? Long.MAX_VALUE
                : new TimeAxis.Timestamps(java.time.ZoneOffset.UTC).parseSpan(sc.budget().get()) * 1000;
        log.accept("search: " + sc.method() + " over " + sc.space().keySet() + ", " + folds + "-fold CV by asset"
                + (sc.budget().isEmpty() ? "" : ", budget " + sc.budget().get()));
        searchOutcome = org.prognos.training.trainers.Search.run(sc, config.model().params(), budget, config.seed(), params -> {
            TribuoFamily f = TribuoFamily.of(config.model().family(), params);
            double loss = 0;
            int n = 0;
            for (int k = 0; k < folds; k++) {
                int fold = k;
                LabeledRows fit = rows.filter(i -> foldOf.get(rows.assets()[i]) != fold);
                LabeledRows held = rows.filter(i -> foldOf.get(rows.assets()[i]) == fold);
                if (held.size() == 0 || fit.size() == 0) {
                    continue;
                }
                ModelInfo info = new ModelInfo(config.name(), 0, task, rows.columns(), "search",
                        org.prognos.models.bundle.PayloadKind.TRIBUO_PROTOBUF, java.time.Instant.now());
                Model<?> m = task.isClassification()
                        ? TribuoTraining.classifier(f, fit, task.outputNames(), config.seed(), threads)
                        : TribuoTraining.regressor(f, fit, config.seed(), threads);
                Predictions p = TribuoPredictor.of(m, info).predict(held.x());
                for (int i = 0; i < held.size(); i++) {
                    if (p instanceof Predictions.Values v) {
                        double d = v.values()[i] - held.y()[i];
                        loss += d * d;
                    } else {
                        double q = ((Predictions.Probabilities) p).probabilities()[i][(int) held.y()[i]];
                        loss += -Math.log(Math.max(q, 1e-12));
                    }
                    n++;
                }
            }
            double score = task.isClassification() ? loss / n : Math.sqrt(loss / n);
            log.accept(String.format(java.util.Locale.ROOT, "search  %s -> CV %s %.4f", params, task.isClassification() ? "log-loss" : "RMSE", score));
            return score;
        });
        log.accept("search best " + searchOutcome.best().params() + " (" + searchOutcome.trials().size() + " trials"
                + (searchOutcome.budgetExhausted() ? ", budget spent" : "") + ")");
        return TribuoFamily.of(config.model().family(), searchOutcome.best().params());
    }

    /** Tribuo's own feature ranking (XGBoost gain, tree impurity decrease), when the model has one. */
    private static java.util.Optional<org.prognos.training.evaluation.FeatureImportance> importance(Model<?> model, String resultName) {
        try {
            var top = model.getTopFeatures(20);
            if (top == null || top.isEmpty()) {
                return java.util.Optional.empty();
            }
            var list = top.values().iterator().next();
            List<String> names = new ArrayList<>();
            double[] values = new double[list.size()];
            for (int i = 0; i < list.size(); i++) {
                names.add(list.get(i).getA());
                values[i] = list.get(i).getB();
            }
            return java.util.Optional.of(org.prognos.training.evaluation.FeatureImportance.of(resultName,
                    "Tribuo getTopFeatures (XGBoost: gain; trees: impurity decrease)", names, values));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    FeatureSpec loadSpec() {
        JsonNode s = config.spec();
        return s.isTextual() ? SpecJson.read(base.resolve(s.asText())) : SpecJson.fromTree(s, "job config 'spec'");
    }

    Labeler labeler(TimeAxis axis) {
        return config.task().labeler(axis);
    }

    private static long firstTime(Dataset d) throws IOException {
        long[] min = {Long.MAX_VALUE};
        d.telemetry().forEach((a, t, v) -> min[0] = Math.min(min[0], t));
        return min[0];
    }

    static List<String> assetsOf(Dataset d) throws IOException {
        Set<String> s = new LinkedHashSet<>();
        d.telemetry().forEach((a, t, v) -> s.add(a));
        List<String> l = new ArrayList<>(s);
        l.sort(org.prognos.features.extract.FeatureTable.ASSET_ORDER);
        return l;
    }

    static List<Baseline> baselines(Task task, LabeledRows train) {
        List<Baseline> out = new ArrayList<>();
        if (task.isClassification()) {
            out.add(Baseline.ClassPrior.fit(task.outputNames(), train.y()));
            return out;
        }
        out.add(Baseline.ConstantValue.fit(train.y()));
        int c = train.columns().indexOf("elapsed");
        if (c >= 0) {
            // least squares of the target on the elapsed time, on training rows only
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            int n = 0;
            for (int i = 0; i < train.size(); i++) {
                double x = train.x()[i][c];
                if (!Double.isNaN(x)) {
                    sx += x;
                    sy += train.y()[i];
                    sxx += x * x;
                    sxy += x * train.y()[i];
                    n++;
                }
            }
            double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
            double intercept = (sy - slope * sx) / n;
            out.add(new Baseline.LinearDegradation("elapsed", intercept, slope, sy / n));
        }
        return out;
    }

    /** SHA-256 over the training rows' assets, times and labels: identifies the data a model saw. */
    static String fingerprint(LabeledRows rows) {
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < rows.size(); i++) {
                md.update(rows.assets()[i].getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(java.nio.ByteBuffer.allocate(16).putLong(rows.times()[i]).putDouble(rows.y()[i]).array());
            }
            return "sha256:" + java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode newObject() {
        return ManifestJson.mapper().createObjectNode();
    }

}
