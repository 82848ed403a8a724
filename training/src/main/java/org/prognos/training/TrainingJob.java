package org.prognos.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.prognos.PrognosException;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.features.labels.RemainingUsefulLife;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.baseline.Baseline;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.drift.ProfileFitter;
import org.prognos.models.drift.ReferenceProfile;
import org.prognos.models.signing.BundleSigner;
import org.prognos.models.bundle.LibraryVersions;
import org.prognos.models.bundle.ManifestJson;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.bundle.Provenance;
import org.prognos.models.bundle.Task;
import org.prognos.models.interval.RulInterval;
import org.prognos.models.runtime.DecisionPolicy;
import org.prognos.models.predict.ModelInfo;
import org.prognos.models.predict.Predictions;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.tribuo.TribuoPayloads;
import org.prognos.models.tribuo.TribuoPredictor;
import org.prognos.training.config.IntervalConfig;
import org.prognos.training.config.TaskConfig;
import org.prognos.training.config.TrainingConfig;
import org.prognos.training.data.LabeledRows;
import org.prognos.training.evaluation.FeatureImportance;
import org.prognos.training.evaluation.ThresholdChoice;
import org.prognos.training.interval.ConformalFitter;
import org.prognos.training.interval.OutOfFold;
import org.prognos.training.sequence.EpochListener;
import org.prognos.training.trainers.Search;
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
    private final Optional<BundleSigner> signer;

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
        this(config, base, log, epochs, Optional.empty());
    }

    private TrainingJob(TrainingConfig config, Path base, Consumer<String> log, EpochListener epochs, Optional<BundleSigner> signer) {
        this.config = config;
        this.base = base;
        this.log = log;
        this.epochs = epochs == null ? EpochListener.NONE : epochs;
        this.threads = Runtime.getRuntime().availableProcessors();
        this.signer = signer;
    }

    /** This job, publishing its bundle signed by {@code signer} (the signature is written before the version appears). */
    public TrainingJob signedWith(BundleSigner signer) {
        return new TrainingJob(config, base, log, epochs, Optional.of(signer));
    }

    /** What a run produced. */
    public record Result(BundleRef published, JsonNode metrics, Path bundleDirectory, double trainSeconds) {
    }

    /**
     * Runs the job's steps in order: check the model settings, open the data, plan the split, search (when the
     * config asks for it), fit, evaluate, publish. Each step returns an immutable record the next ones read.
     */
    public Result run() throws IOException {
        if (config.task() instanceof TaskConfig.Anomaly) {
            return new AnomalyJob(config, base, log, threads, signer).run();
        }
        if (config.model().family().isAnomaly()) {
            throw new PrognosException("'model.family' " + config.model().family() + " is an anomaly detector: it needs"
                    + " 'task.type: anomaly'");
        }
        if (config.model().family().isSequence()) {
            return new SequenceJob(config, base, log, epochs, threads, signer).run();
        }
        long t0 = System.nanoTime();
        TribuoFamily configured = TribuoFamily.of(config.model().family(), config.model().params());
        SupervisedPlanner.Planned run = new SupervisedPlanner(config, log, threads).plan(JobData.open(config, base, signer));
        Trained trained = fit(search(run, configured), run);
        List<RulInterval> intervals = calibrate(run, trained);
        Optional<ClassifierDecision.Decided> decided = decide(run, trained);
        Evaluated evaluated = evaluate(run, trained, intervals, decided);
        return publish(run, trained, evaluated, intervals, decided, t0);
    }

    /**
     * The family to train.
     *
     * @param family the configured hyperparameters, or the search's best
     * @param search the search's trials, when the config asked for one
     */
    private record Searched(TribuoFamily family, Optional<Search.Outcome> search) {
    }

    /**
     * @param searched what was trained
     * @param model    the trained model
     * @param seconds  its training time
     */
    private record Trained(Searched searched, Model<?> model, double seconds) {
    }

    /**
     * @param metrics metrics.json: the evaluation's figures, the split, the feature reference, the baselines, the search
     * @param report  the HTML report
     */
    private record Evaluated(ObjectNode metrics, String report) {
    }

    /** Search: the configured family, or the best of a grouped cross-validated search when the config has one. */
    private Searched search(SupervisedPlanner.Planned run, TribuoFamily configured) {
        if (config.model().search().isEmpty()) {
            return new Searched(configured, Optional.empty());
        }
        Search.Outcome outcome = crossValidatedSearch(config.model().search().get(), run.task(), run.split().train());
        return new Searched(TribuoFamily.of(config.model().family(), outcome.best().params()), Optional.of(outcome));
    }

    /** Fit: trains the chosen family on the training rows. */
    private Trained fit(Searched searched, SupervisedPlanner.Planned run) {
        long tt = System.nanoTime();
        log.accept("training " + config.model().family() + ": " + SettingsText.of(searched.family()));
        Model<?> model = train(searched.family(), run.task(), run.split().train());
        double trainSeconds = (System.nanoTime() - tt) / 1e9;
        log.accept(String.format(Locale.ROOT, "trained in %.1f s", trainSeconds));
        return new Trained(searched, model, trainSeconds);
    }

    /**
     * Calibrate (RUL only): out-of-fold estimates of the training rows, K folds over training assets, each from the
     * chosen family fitted without the fold's assets; their residuals against the training labels fit the configured
     * conformal interval (published) and the plain absolute one (printed beside it). The published model is the one
     * fitted on all training assets. Test assets play no part. Empty for classifiers.
     */
    private List<RulInterval> calibrate(SupervisedPlanner.Planned run, Trained trained) {
        if (!(config.task() instanceof TaskConfig.RemainingUsefulLife rul)) {
            return List.of();
        }
        IntervalConfig ic = rul.interval();
        LabeledRows rows = run.split().train();
        int folds = OutOfFold.folds(rows, ic.folds());
        if (folds < 2) {
            log.accept("interval: fewer than 2 training assets, no RUL interval fitted");
            return List.of();
        }
        long tc = System.nanoTime();
        ModelInfo info = new ModelInfo(config.name(), 0, run.task(), rows.columns(), "calibration", PayloadKind.TRIBUO_PROTOBUF,
                Instant.now());
        double[] estimates = OutOfFold.estimates(rows, folds, config.seed(), (fit, held) ->
                ((Predictions.Values) TribuoPredictor.of(train(trained.searched().family(), run.task(), fit), info)
                        .predict(held.x())).values());
        double cap = ((Task.RemainingUsefulLife) run.task()).cap().orElse(0);
        // A label at the cap is censored (the life is only known to be at least the cap): residuals come from rows whose
        // label is the true remaining life. Otherwise the healthy plateau's near-zero residuals would fill the bins near
        // the cap. Beyond the cap an interval that reaches it reads "at least low" (RulInterval.Band#openAbove).
        int[] keep = IntStream.range(0, rows.size()).filter(i -> cap == 0 || rows.y()[i] < cap).toArray();
        double[] e = Arrays.stream(keep).mapToDouble(i -> estimates[i]).toArray();
        double[] y = Arrays.stream(keep).mapToDouble(i -> rows.y()[i]).toArray();
        String[] a = Arrays.stream(keep).mapToObj(i -> rows.assets()[i]).toArray(String[]::new);
        String how = String.format(Locale.ROOT, "%d-fold cross-fit by asset over %d training assets: out-of-fold residuals"
                + " of %d unit-cycles%s", folds, rows.distinctAssets().size(), keep.length,
                cap > 0 ? String.format(Locale.ROOT, " whose label is below the cap of %.0f (of %d)", cap, rows.size()) : "");
        double floor = ic.scaleFloor() * referenceLife(run.task());
        List<RulInterval> out = new ArrayList<>();
        out.add(ConformalFitter.fit(e, y, a, ic.method(), ic.coverage(), floor, ic.bins(), cap, how));
        for (RulInterval.Method m : RulInterval.Method.values()) {      // the others, printed beside; absolute is the baseline
            if (m != ic.method()) {
                out.add(ConformalFitter.fit(e, y, a, m, ic.coverage(), floor, ic.bins(), cap, how));
            }
        }
        RulInterval chosen = out.get(0);
        log.accept(String.format(Locale.ROOT, "interval: %s conformal at %.0f%%, quantiles %s over estimate bins %s, from %s,"
                        + " in %.1f s", chosen.method(), 100 * chosen.coverage(), Arrays.toString(chosen.quantiles()),
                Arrays.toString(chosen.binEdges()), how, (System.nanoTime() - tc) / 1e9));
        return out;
    }

    /** The task's reference life: its cap, else the runtime's default. */
    static double referenceLife(Task task) {
        Task.RemainingUsefulLife r = (Task.RemainingUsefulLife) task;
        return r.cap().isPresent() ? r.cap().getAsDouble() : DecisionPolicy.DEFAULT_REFERENCE_LIFE;
    }

    /**
     * Decide (classifiers only): cross-fit the training rows by asset fold, calibrate, and choose every contender's alarm
     * threshold ({@link ClassifierDecision}). Empty for remaining useful life.
     */
    private Optional<ClassifierDecision.Decided> decide(SupervisedPlanner.Planned run, Trained trained) {
        if (!(config.task() instanceof TaskConfig.FailureWithinHorizon f)) {
            return Optional.empty();
        }
        SplitPlan split = run.split();
        return Optional.of(ClassifierDecision.decide(f.decision(), (Task.FailureWithinHorizon) run.task(), heldOut(run),
                split.train(), split.validation(), run.data().train(), trained.searched().family(), trained.model(),
                (family, rows) -> train(family, run.task(), rows), costs(), config.seed(), log));
    }

    private Evaluation.HeldOut heldOut(SupervisedPlanner.Planned run) {
        SplitPlan split = run.split();
        return new Evaluation.HeldOut(run.task(), split.fitted(), new Evaluation.Rows(split.validation(), run.data().train()),
                new Evaluation.Rows(split.test(), run.data().testSource()));
    }

    private ThresholdChoice.Costs costs() {
        return new ThresholdChoice.Costs(config.costs().missedFailure(), config.costs().needlessVisit());
    }

    /** Evaluate: the model through its serving predictor and the baselines beside it; metrics.json and the report. */
    private Evaluated evaluate(SupervisedPlanner.Planned run, Trained trained, List<RulInterval> intervals,
                               Optional<ClassifierDecision.Decided> decided) throws IOException {
        SplitPlan split = run.split();
        String family = config.model().family().toString();
        ModelInfo info = new ModelInfo(config.name(), 0, run.task(), split.all().columns(), split.fitted().hash(),
                PayloadKind.TRIBUO_PROTOBUF, Instant.now());
        List<Baseline> baselines = Baselines.fit(run.task(), split.train());
        Evaluation.Contenders contenders = decided.isPresent()
                ? new Evaluation.Contenders(family, decided.get().model(), baselines, intervals, decided.get().others())
                : new Evaluation.Contenders(family, TribuoPredictor.of(trained.model(), info), baselines, intervals);
        Evaluation.Decision decision = decided.isPresent() ? decided.get().decision() : new Evaluation.Decision.ByCosts(costs());
        List<String> notes = decided.map(ClassifierDecision::notes).orElse(List.of());
        Evaluation.Outcome outcome = Evaluation.evaluate(new Evaluation.Inputs(
                new Evaluation.Heading(config.name(), config.data().describeTrain(), split.description()),
                heldOut(run), contenders, decision,
                new Evaluation.Diagnostics(importance(trained.model(), family), List.of(), notes)), log);
        ObjectNode metrics = outcome.metrics();
        decided.ifPresent(d -> ClassifierDecision.putSummary(metrics, d));
        metrics.put("trainSeconds", trained.seconds());
        metrics.put("split", split.description());
        split.heldOut().writeTo(metrics);
        Baselines.putReferenceAndBaselines(metrics, split.train(), baselines);
        trained.searched().search().ifPresent(s -> {
            ArrayNode arr = metrics.putArray("search");
            for (Search.Trial t : s.trials()) {
                ObjectNode o = arr.addObject();
                o.set("params", ManifestJson.mapper().valueToTree(t.params()));
                o.put("cvScore", t.score());
                o.put("seconds", t.seconds());
            }
        });
        return new Evaluated(metrics, outcome.report().html());
    }

    /** Publish: the bundle, atomically, as the name's next version, aliased {@code candidate}. */
    private Result publish(SupervisedPlanner.Planned run, Trained trained, Evaluated evaluated, List<RulInterval> intervals,
                           Optional<ClassifierDecision.Decided> decided, long t0) throws IOException {
        SplitPlan split = run.split();
        Provenance provenance = new Provenance(split.fingerprint(),
                split.description() + SupervisedPlanner.testSetText(config, "; test set "),
                config.seed(), Provenance.hyperparametersOf(trained.searched().family()), LibraryVersions.current());
        BundleContents contents = BundleContents.of(config.name(), run.task(), split.fitted(), provenance, evaluated.metrics(),
                TribuoPayloads.of(trained.model())).withReport(evaluated.report()).withProfile(profile(split, log));
        if (!intervals.isEmpty()) {
            contents = contents.withInterval(intervals.get(0));
        }
        if (decided.isPresent() && decided.get().calibration().isPresent()) {
            contents = contents.withCalibration(decided.get().calibration().get());
        }
        return run.data().publish(contents, evaluated.metrics(), log, t0);
    }

    /**
     * The drift reference: every feature of the training rows, the very vectors the model was fitted on (the spec's
     * normalization already applied by the extractor). Validation and test rows play no part.
     */
    static ReferenceProfile profile(SplitPlan split, Consumer<String> log) {
        LabeledRows train = split.train();
        ReferenceProfile p = ProfileFitter.fit(train.columns(), train.x(), String.format(Locale.ROOT,
                "training rows: %d rows of %d assets (%s)", train.size(), train.distinctAssets().size(), split.description()));
        log.accept(String.format(Locale.ROOT, "drift profile: %d features from %d training rows, %d bins each",
                p.features().size(), p.rows(), p.bins()));
        return p;
    }

    private Model<?> train(TribuoFamily family, Task task, LabeledRows rows) {
        return task.isClassification()
                ? TribuoTraining.classifier(family, rows, task.outputNames(), config.seed(), threads)
                : TribuoTraining.regressor(family, rows, config.seed(), threads);
    }

    /** Grouped (by asset) k-fold cross-validation of each candidate on the training rows; the caller trains the best. */
    private Search.Outcome crossValidatedSearch(TrainingConfig.SearchConfig sc, Task task, LabeledRows rows) {
        List<String> assets = new ArrayList<>(rows.distinctAssets());
        Collections.shuffle(assets, new Random(config.seed()));
        int folds = Math.min(sc.folds(), assets.size());
        Map<String, Integer> foldOf = new HashMap<>();
        for (int i = 0; i < assets.size(); i++) {
            foldOf.put(assets.get(i), i % folds);
        }
        long budget = sc.budget().isEmpty() ? Long.MAX_VALUE
                : new TimeAxis.Timestamps(ZoneOffset.UTC).parseSpan(sc.budget().get()) * 1000;
        log.accept("search: " + sc.method() + " over " + sc.space().keySet() + ", " + folds + "-fold CV by asset"
                + sc.budget().map(b -> ", budget " + b).orElse(""));
        Search.Outcome outcome = Search.run(sc, config.model().params(), budget, config.seed(), params -> {
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
                        PayloadKind.TRIBUO_PROTOBUF, Instant.now());
                Predictions p = TribuoPredictor.of(train(f, task, fit), info).predict(held.x());
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
            log.accept(String.format(Locale.ROOT, "search  %s -> CV %s %.4f", params, task.isClassification() ? "log-loss" : "RMSE", score));
            return score;
        });
        log.accept("search best " + outcome.best().params() + " (" + outcome.trials().size() + " trials"
                + (outcome.budgetExhausted() ? ", budget spent" : "") + ")");
        return outcome;
    }

    /** Tribuo's own feature ranking (XGBoost gain, tree impurity decrease), when the model has one. */
    private static Optional<FeatureImportance> importance(Model<?> model, String resultName) {
        try {
            var top = model.getTopFeatures(20);
            if (top == null || top.isEmpty()) {
                return Optional.empty();
            }
            var list = top.values().iterator().next();
            List<String> names = new ArrayList<>();
            double[] values = new double[list.size()];
            for (int i = 0; i < list.size(); i++) {
                names.add(list.get(i).getA());
                values[i] = list.get(i).getB();
            }
            return Optional.of(FeatureImportance.of(resultName,
                    "Tribuo getTopFeatures (XGBoost: gain; trees: impurity decrease)", names, values));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
