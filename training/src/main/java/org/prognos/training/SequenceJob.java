package org.prognos.training;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.labels.RemainingUsefulLife;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.models.baseline.Baseline;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.signing.BundleSigner;
import org.prognos.models.bundle.ManifestJson;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.bundle.Task;
import org.prognos.models.dl4j.Dl4jPredictor;
import org.prognos.models.interval.RulInterval;
import org.prognos.models.predict.ModelInfo;
import org.prognos.training.config.IntervalConfig;
import org.prognos.training.config.ModelFamily;
import org.prognos.training.config.SplitConfig;
import org.prognos.training.config.TaskConfig;
import org.prognos.training.config.TrainingConfig;
import org.prognos.training.data.AssetSplit;
import org.prognos.training.data.FleetRows;
import org.prognos.training.data.LabeledRows;
import org.prognos.training.data.SubsetTelemetry;
import org.prognos.training.evaluation.LearningCurve;
import org.prognos.training.interval.ConformalFitter;
import org.prognos.training.sequence.ChannelSelection;
import org.prognos.training.sequence.EpochListener;
import org.prognos.training.sequence.EpochReport;
import org.prognos.training.sequence.RulExamples;
import org.prognos.training.sequence.SequenceFamily;
import org.prognos.training.sequence.SequenceModel;
import org.prognos.training.sequence.SequenceSettings;
import org.prognos.training.sequence.SequenceTrainer;

/**
 * The training job for the sequence families ({@code cnn}, {@code lstm}): the same steps as {@link TrainingJob} —
 * split by asset, spec fitted on training assets only, baselines beside the model, evaluation on held-out assets or
 * the separate test set, bundle published atomically — with a {@link SequenceTrainer} in the middle. Early stopping
 * needs validation assets: each network of the ensemble stops on its own fold of the training assets
 * ({@code split.validationFraction} sets the fold size), so no test asset ever decides anything. The report carries
 * every network's learning curve; the bundle's payload is {@code dl4j-zip}.
 */
final class SequenceJob {
    private final TrainingConfig config;
    private final Path base;
    private final Consumer<String> log;
    private final EpochListener epochs;
    private final int threads;
    private final Optional<BundleSigner> signer;

    SequenceJob(TrainingConfig config, Path base, Consumer<String> log, EpochListener epochs, int threads,
                Optional<BundleSigner> signer) {
        this.config = config;
        this.base = base;
        this.log = log;
        this.epochs = epochs;
        this.threads = threads;
        this.signer = signer;
    }

    /** Checks what a sequence model needs from the config, before any data is read. */
    SequenceSettings settings() {
        ModelFamily family = config.model().family();
        if (config.task().isClassification()) {
            throw new InvalidSpecException("at 'task.type': model family " + family + " predicts remaining useful life;"
                    + " use remaining-useful-life, or a tree family for failure-within-horizon");
        }
        if (config.task() instanceof TaskConfig.RemainingUsefulLife r && r.cap().isEmpty()) {
            throw new InvalidSpecException("at 'task.cap': model family " + family + " learns remaining life divided by"
                    + " the cap; give one (C-MAPSS: 125)");
        }
        if (config.model().search().isPresent()) {
            throw new InvalidSpecException("at 'model.search': hyperparameter search is for the tree families; " + family
                    + " takes fixed 'model.params' (tune them with the cross-validated figure the job prints)");
        }
        if (!(config.split() instanceof SplitConfig.ByAsset)) {
            throw new InvalidSpecException("at 'split.method': model family " + family + " stops each network early on"
                    + " held-out assets and needs split method 'asset', found '" + config.split().method() + "'");
        }
        double vf = config.split().validationFraction();
        if (vf > 0.5) {
            throw new InvalidSpecException("at 'split.validationFraction': model family " + family + " cuts the training"
                    + " assets into 1 / validationFraction folds; it must be at most 0.5, found " + vf);
        }
        return SequenceFamily.settings(family, config.model().params(), vf, config.seed());
    }

    /**
     * Runs the job's steps in order: check the settings, open the data, plan the split, fit the networks, evaluate,
     * publish. Each step returns an immutable record the next ones read; the trained networks are closed at the end.
     */
    TrainingJob.Result run() throws IOException {
        long t0 = System.nanoTime();
        SequenceSettings settings = settings();
        Planned run = plan(JobData.open(config, base, signer));
        try (SequenceModel model = fit(settings, run)) {
            List<RulInterval> intervals = calibrate(run, model);
            Evaluated evaluated = evaluate(run, model, intervals);
            return publish(run, model, evaluated, intervals, t0);
        }
    }

    /**
     * The per-run context every step after the split reads.
     *
     * @param data    what the job opened
     * @param labeler the training labeler: remaining life capped at the config's cap
     * @param split   the fitted spec and the rows of each side (no validation rows: they become the trainer's folds)
     * @param task    what the bundle predicts
     */
    private record Planned(JobData data, RemainingUsefulLife labeler, SplitPlan split, Task task) {
    }

    /**
     * @param metrics metrics.json: the evaluation's figures, the split, the networks' summary, the baselines
     * @param report  the HTML report
     */
    private record Evaluated(ObjectNode metrics, String report) {
    }

    /**
     * Split plan: by asset only. The asset split's validation share is not held out here: with the training assets it
     * becomes the trainer's folds, so every training asset is early-stopping data for one network and training data
     * for the others.
     */
    private Planned plan(JobData data) throws IOException {
        RemainingUsefulLife labeler = (RemainingUsefulLife) data.labeler();
        SplitConfig.ByAsset byAsset = (SplitConfig.ByAsset) config.split();
        AssetSplit split = AssetSplit.of(data.assets(), byAsset.testAssets(), data.test().isEmpty() ? byAsset.testFraction() : 0,
                byAsset.validationFraction(), config.seed());
        Set<String> fitAssets = new LinkedHashSet<>(split.train());
        fitAssets.addAll(split.validation());
        FeatureSpec fitted = data.spec().fit(SubsetTelemetry.before(data.train().telemetry(), fitAssets, Long.MAX_VALUE));
        LabeledRows all = FleetRows.extract(fitted, data.train(), labeler, threads);
        SplitPlan.requireLabelled(all);
        LabeledRows trainRows = all.filter(i -> fitAssets.contains(all.assets()[i]));
        LabeledRows testRows;
        if (data.test().isPresent()) {
            testRows = FleetRows.extract(fitted, data.test().get(), data.truth(), threads);
        } else {
            LabeledRows truthRows = FleetRows.extract(fitted, data.train(), data.truth(), threads);
            testRows = truthRows.filter(i -> split.test().contains(truthRows.assets()[i]));
        }
        String splitText = "by asset: " + fitAssets.size() + " training assets" + (data.test().isEmpty() ? ", "
                + split.test().size() + " test assets" : "") + "; each network stops early on its own fold (1 of "
                + Math.max(2, Math.round(1 / byAsset.validationFraction())) + ") of the training assets";
        SplitPlan plan = new SplitPlan(fitted, all, trainRows, trainRows.filter(i -> false), testRows, splitText,
                new HeldOutAssets(split.test()));
        if (config.data().evaluateAt() == TrainingConfig.EvaluateAt.LAST) {
            plan = plan.lastPerAsset();
        }
        plan.logAndCheck(log, config.data().test().map(t -> "; test set: " + t).orElse(""), false);
        Task task = Task.of(labeler, ((TaskConfig.RemainingUsefulLife) config.task()).unitName(data.axis()));
        return new Planned(data, labeler, plan, task);
    }

    /** Fit: the networks of the ensemble, each stopping early on its own fold of the training assets. */
    private SequenceModel fit(SequenceSettings settings, Planned run) {
        log.accept("training " + config.model().family() + ": " + SettingsText.of(settings.architecture()) + "; " + SettingsText.of(settings.training()));
        int trainingThreads = Math.max(1, Math.min(threads, settings.training().members()));
        EpochListener listener = r -> {
            log.accept(String.format(Locale.ROOT, "epoch network %d/%d  %3d/%d  train loss %.5f  validation loss %.5f"
                            + "  validation RMSE %6.2f%s  (%.1f s)", r.member(), r.members(), r.epoch(), r.maxEpochs(),
                    r.trainLoss(), r.validationLoss(), r.validationRmse(), r.improved() ? " *" : "", r.seconds()));
            epochs.epochFinished(r);
        };
        SequenceModel model = new SequenceTrainer(settings, trainingThreads).fit(examples(run.split().train(), run.labeler()),
                listener);
        log.accept("channels kept " + model.selection().kept() + "; dropped " + model.selection().dropped()
                + "; scalars kept " + model.scalarSelection().kept() + "; dropped "
                + model.scalarSelection().dropped());
        for (int m = 0; m < model.members().size(); m++) {
            SequenceModel.MemberSummary s = model.members().get(m);
            log.accept(String.format(Locale.ROOT, "network %d/%d: %d epochs, best epoch %d, validation RMSE %.2f on %d"
                            + " held-out assets, %.0f s", m + 1, model.members().size(), s.epochs(), s.bestEpoch(),
                    s.validationRmse(), s.fold().validation().size(), s.seconds()));
        }
        log.accept(String.format(Locale.ROOT, "cross-validated RMSE (each network on its held-out fold, all rows) %.2f",
                model.validationRmse()));
        log.accept(String.format(Locale.ROOT, "trained in %.1f s", model.seconds()));
        return model;
    }

    /**
     * Calibrate: the conformal interval from out-of-fold residuals that cost no extra fit. Each network of the ensemble
     * never learned the assets of its own fold, so its estimates there are out of fold (it did choose its stopping epoch
     * on them, a mild optimism). They are one network's estimates, noisier than the ensemble mean that is published, so
     * the interval is, if anything, wide. Rows at the cap are left out, as for the tree families (TrainingJob#calibrate).
     */
    private List<RulInterval> calibrate(Planned run, SequenceModel model) {
        IntervalConfig ic = ((TaskConfig.RemainingUsefulLife) config.task()).interval();
        LabeledRows rows = run.split().train();
        double[] estimates = model.outOfFold(rows.x(), rows.assets(), rows.columns());
        double cap = ((Task.RemainingUsefulLife) run.task()).cap().orElse(0);
        int[] keep = IntStream.range(0, rows.size())
                .filter(i -> !Double.isNaN(estimates[i]) && (cap == 0 || rows.y()[i] < cap)).toArray();
        Set<String> calibrationAssets = new HashSet<>();
        Arrays.stream(keep).forEach(i -> calibrationAssets.add(rows.assets()[i]));
        if (calibrationAssets.size() < 2) {
            log.accept("interval: out-of-fold rows of fewer than 2 assets, no RUL interval fitted");
            return List.of();
        }
        double[] e = Arrays.stream(keep).mapToDouble(i -> estimates[i]).toArray();
        double[] y = Arrays.stream(keep).mapToDouble(i -> rows.y()[i]).toArray();
        String[] a = Arrays.stream(keep).mapToObj(i -> rows.assets()[i]).toArray(String[]::new);
        String how = String.format(Locale.ROOT, "out-of-fold residuals of the ensemble's %d network(s), each on its own"
                + " early-stopping fold: %d assets, %d unit-cycles%s", model.members().size(), calibrationAssets.size(),
                keep.length, cap > 0 ? String.format(Locale.ROOT, " whose label is below the cap of %.0f", cap) : "");
        double floor = ic.scaleFloor() * TrainingJob.referenceLife(run.task());
        List<RulInterval> out = new ArrayList<>();
        out.add(ConformalFitter.fit(e, y, a, ic.method(), ic.coverage(), floor, ic.bins(), cap, how));
        for (RulInterval.Method m : RulInterval.Method.values()) {      // the others, printed beside; absolute is the baseline
            if (m != ic.method()) {
                out.add(ConformalFitter.fit(e, y, a, m, ic.coverage(), floor, ic.bins(), cap, how));
            }
        }
        log.accept(String.format(Locale.ROOT, "interval: %s conformal at %.0f%%, quantiles %s, from %s",
                out.get(0).method(), 100 * out.get(0).coverage(), Arrays.toString(out.get(0).quantiles()), how));
        return out;
    }

    /** Evaluate: the ensemble through the serving adapter and the baselines beside it; metrics.json and the report. */
    private Evaluated evaluate(Planned run, SequenceModel model, List<RulInterval> intervals) throws IOException {
        SplitPlan split = run.split();
        ModelFamily family = config.model().family();
        ModelInfo info = new ModelInfo(config.name(), 0, run.task(), split.all().columns(), split.fitted().hash(),
                PayloadKind.DL4J_ZIP, Instant.now());
        // evaluated through the serving adapter; the model, not this predictor, owns and closes the networks
        Dl4jPredictor predictor = Dl4jPredictor.of(model.ensemble(), info);
        List<Baseline> baselines = Baselines.fit(run.task(), split.train());
        Evaluation.Outcome outcome = Evaluation.evaluate(new Evaluation.Inputs(
                new Evaluation.Heading(config.name(), config.data().describeTrain(), split.description()),
                new Evaluation.HeldOut(run.task(), split.fitted(), new Evaluation.Rows(split.validation(), run.data().train()),
                        new Evaluation.Rows(split.test(), run.data().testSource())),
                new Evaluation.Contenders(family.toString(), predictor, baselines, intervals), Evaluation.Decision.untuned(),
                new Evaluation.Diagnostics(Optional.empty(), curves(family, model))), log);
        ObjectNode metrics = outcome.metrics();
        metrics.put("trainSeconds", model.seconds());
        metrics.put("split", split.description());
        split.heldOut().writeTo(metrics);
        metrics.set("sequence", summary(model));
        Baselines.putReferenceAndBaselines(metrics, split.train(), baselines);
        return new Evaluated(metrics, outcome.report().html());
    }

    /** Publish: the {@code dl4j-zip} bundle, atomically, aliased {@code candidate}. */
    private TrainingJob.Result publish(Planned run, SequenceModel model, Evaluated evaluated, List<RulInterval> intervals,
                                       long t0) throws IOException {
        SplitPlan split = run.split();
        String unit = run.task() instanceof Task.RemainingUsefulLife r ? r.unit() : "1";
        BundleContents contents = model.bundle(config.name(), split.fitted(), run.labeler(), unit, split.fingerprint(),
                evaluated.metrics()).withReport(evaluated.report()).withProfile(TrainingJob.profile(split, log));
        if (!intervals.isEmpty()) {
            contents = contents.withInterval(intervals.get(0));
        }
        return run.data().publish(contents, evaluated.metrics(), log, t0);
    }

    /** The training rows as a feature table with their capped labels. */
    private static RulExamples examples(LabeledRows rows, RemainingUsefulLife labeler) {
        FeatureTable table = new FeatureTable(rows.columns());
        for (int i = 0; i < rows.size(); i++) {
            table.row(rows.assets()[i], rows.times()[i], rows.x()[i]);
        }
        return new RulExamples(table, rows.y(), labeler.cap().getAsLong());
    }

    /** One learning curve per network: training loss (with dropout and L2) and validation loss per epoch. */
    private static List<LearningCurve> curves(ModelFamily family, SequenceModel model) {
        int members = model.members().size();
        List<LearningCurve> out = new ArrayList<>();
        for (int m = 1; m <= members; m++) {
            int member = m;
            List<EpochReport> h = model.history().stream().filter(r -> r.member() == member).toList();
            double[] steps = h.stream().mapToDouble(EpochReport::epoch).toArray();
            double[] trainLoss = h.stream().mapToDouble(EpochReport::trainLoss).toArray();
            double[] validationLoss = h.stream().mapToDouble(EpochReport::validationLoss).toArray();
            String part = (members == 1 ? "the network" : "network " + m + " of " + members) + ", weights of epoch "
                    + model.members().get(m - 1).bestEpoch() + " kept";
            out.add(new LearningCurve(family.toString(), "epoch", steps, trainLoss, validationLoss, part));
        }
        return out;
    }

    /** What was fitted and how each network trained, for metrics.json. */
    private static ObjectNode summary(SequenceModel model) {
        ObjectNode o = ManifestJson.mapper().createObjectNode();
        o.put("architecture", model.settings().architecture().type());
        o.put("crossValidatedRmse", model.validationRmse());
        ArrayNode kept = o.putArray("channels");
        model.selection().kept().forEach(kept::add);
        ArrayNode scalars = o.putArray("scalars");
        model.input().scalars().forEach(scalars::add);
        ArrayNode stats = o.putArray("channelStatistics");
        for (ChannelSelection.ChannelStatistics c : model.selection().channels()) {
            stats.addObject().put("channel", c.channel()).put("std", c.std())
                    .put("meanWithinAssetAbsCorrelation", c.meanAbsCorrelation()).put("kept", c.kept());
        }
        ArrayNode scalarStats = o.putArray("scalarStatistics");
        for (ChannelSelection.ChannelStatistics c : model.scalarSelection().channels()) {
            scalarStats.addObject().put("column", c.channel()).put("std", c.std())
                    .put("meanWithinAssetAbsCorrelation", c.meanAbsCorrelation()).put("kept", c.kept());
        }
        ArrayNode nets = o.putArray("networks");
        for (SequenceModel.MemberSummary m : model.members()) {
            nets.addObject().put("seed", m.seed()).put("epochs", m.epochs()).put("bestEpoch", m.bestEpoch())
                    .put("validationAssets", m.fold().validation().size()).put("validationRows", m.validationRows())
                    .put("validationRmse", m.validationRmse()).put("seconds", m.seconds());
        }
        return o;
    }
}
