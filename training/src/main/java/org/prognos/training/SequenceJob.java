package org.prognos.training;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.prognos.features.InvalidSpecException;
import org.prognos.PrognosException;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.Datasets;
import org.prognos.features.labels.Labeler;
import org.prognos.features.labels.RemainingUsefulLife;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.baseline.Baseline;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.ManifestJson;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.bundle.Task;
import org.prognos.models.dl4j.Dl4jPredictor;
import org.prognos.models.predict.ModelInfo;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.training.config.ModelFamily;
import org.prognos.training.config.SplitConfig;
import org.prognos.training.config.TaskConfig;
import org.prognos.training.config.TrainingConfig;
import org.prognos.training.data.AssetSplit;
import org.prognos.training.data.FleetRows;
import org.prognos.training.data.LabeledRows;
import org.prognos.training.data.SubsetTelemetry;
import org.prognos.training.evaluation.LearningCurve;
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

    SequenceJob(TrainingConfig config, Path base, Consumer<String> log, EpochListener epochs, int threads) {
        this.config = config;
        this.base = base;
        this.log = log;
        this.epochs = epochs;
        this.threads = threads;
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

    TrainingJob.Result run() throws IOException {
        long t0 = System.nanoTime();
        SequenceSettings settings = settings();
        TrainingJob helper = new TrainingJob(config, base, log);
        TrainingConfig.DataConfig dc = config.data();
        Dataset train = Datasets.open(base.resolve(dc.train()), dc.subset().orElse(null));
        Dataset test = dc.test().isEmpty() ? null : Datasets.open(base.resolve(dc.test().get()), dc.testSubset().orElse(null));
        FeatureSpec spec = helper.loadSpec();
        TimeAxis axis = spec.time().toAxis();
        RemainingUsefulLife labeler = (RemainingUsefulLife) helper.labeler(axis);
        Labeler truth = new RemainingUsefulLife(labeler.unitTicks(), OptionalLong.empty());
        ModelRegistry registry = new ModelRegistry(base.resolve(config.registry()));
        registry.checkWritable(config.name());

        List<String> assets = TrainingJob.assetsOf(train);
        SplitConfig.ByAsset byAsset = (SplitConfig.ByAsset) config.split();
        AssetSplit split = AssetSplit.of(assets, byAsset.testAssets(), test == null ? byAsset.testFraction() : 0,
                byAsset.validationFraction(), config.seed());
        // the trainer holds out its own validation folds from these: every training asset is early-stopping data for
        // one network and training data for the others
        Set<String> fitAssets = new LinkedHashSet<>(split.train());
        fitAssets.addAll(split.validation());
        FeatureSpec fitted = spec.fit(new SubsetTelemetry(train.telemetry(), fitAssets, Long.MAX_VALUE));
        LabeledRows all = FleetRows.extract(fitted, train, labeler, threads);
        if (all.size() == 0) {
            throw new PrognosException("no labelled rows: the data holds no rows whose label is known (check the task and the failure log)");
        }
        LabeledRows trainRows = all.filter(i -> fitAssets.contains(all.assets()[i]));
        LabeledRows testRows;
        if (test != null) {
            testRows = FleetRows.extract(fitted, test, truth, threads);
        } else {
            LabeledRows truthRows = FleetRows.extract(fitted, train, truth, threads);
            testRows = truthRows.filter(i -> split.test().contains(truthRows.assets()[i]));
        }
        if (dc.evaluateAt() == TrainingConfig.EvaluateAt.LAST) {
            testRows = testRows.lastPerAsset();
        }
        // the asset split's validation share is not held out here: it becomes the trainer's folds
        String splitText = "by asset: " + fitAssets.size() + " training assets" + (test == null ? ", " + split.test().size()
                + " test assets" : "") + "; each network stops early on its own fold (1 of "
                + Math.max(2, Math.round(1 / config.split().validationFraction())) + ") of the training assets";
        log.accept("split " + splitText + (test == null ? "" : "; test set: " + dc.test().get()));
        log.accept(String.format(Locale.ROOT, "rows: %d training, %d test; %d features", trainRows.size(), testRows.size(),
                all.columns().size()));
        if (trainRows.size() == 0 || testRows.size() == 0) {
            throw new PrognosException("the split leaves " + trainRows.size() + " training and " + testRows.size()
                    + " test rows; both must be non-empty (check 'split')");
        }
        Task task = Task.of(labeler, ((TaskConfig.RemainingUsefulLife) config.task()).unitName(axis));

        ModelFamily family = config.model().family();
        log.accept("training " + family + " " + settings.architecture() + " " + settings.training());
        int trainingThreads = Math.max(1, Math.min(threads, settings.training().members()));
        EpochListener listener = r -> {
            log.accept(String.format(Locale.ROOT, "epoch network %d/%d  %3d/%d  train loss %.5f  validation loss %.5f"
                            + "  validation RMSE %6.2f%s  (%.1f s)", r.member(), r.members(), r.epoch(), r.maxEpochs(),
                    r.trainLoss(), r.validationLoss(), r.validationRmse(), r.improved() ? " *" : "", r.seconds()));
            epochs.epochFinished(r);
        };
        try (SequenceModel model = new SequenceTrainer(settings, trainingThreads).fit(examples(trainRows, labeler), listener)) {
            double trainSeconds = model.seconds();
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
            log.accept(String.format(Locale.ROOT, "trained in %.1f s", trainSeconds));

            ModelInfo info = new ModelInfo(config.name(), 0, task, all.columns(), fitted.hash(), PayloadKind.DL4J_ZIP,
                    Instant.now());
            // evaluated through the serving adapter; the model, not this predictor, owns and closes the networks
            Dl4jPredictor predictor = Dl4jPredictor.of(model.ensemble(), info);
            List<Baseline> baselines = TrainingJob.baselines(task, trainRows);
            Evaluation.Outcome outcome = Evaluation.evaluate(new Evaluation.Inputs(
                    new Evaluation.Heading(config.name(), dc.train(), splitText),
                    new Evaluation.HeldOut(task, fitted, Evaluation.Rows.none(trainRows, train),
                            new Evaluation.Rows(testRows, test == null ? train : test)),
                    new Evaluation.Contenders(family.toString(), predictor, baselines), Evaluation.Decision.untuned(),
                    new Evaluation.Diagnostics(Optional.empty(), curves(family, model))), log);
            ObjectNode metrics = outcome.metrics();
            metrics.put("trainSeconds", trainSeconds);
            metrics.put("split", splitText);
            metrics.set("sequence", summary(model));
            TrainingJob.putReferenceAndBaselines(metrics, trainRows, baselines);

            BundleContents contents = model.bundle(config.name(), fitted, labeler, task instanceof Task.RemainingUsefulLife r
                    ? r.unit() : "1", TrainingJob.fingerprint(all), metrics);
            contents = contents.withReport(outcome.report().html());
            BundleRef ref = registry.publish(contents);
            registry.promote(ref.name(), ref.version(), "candidate");
            log.accept("published " + ref + " (alias candidate) to " + base.resolve(config.registry()));
            return new TrainingJob.Result(ref, metrics, base.resolve(config.registry()).resolve(ref.name())
                    .resolve(Integer.toString(ref.version())), (System.nanoTime() - t0) / 1e9);
        }
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
        List<LearningCurve> out = new java.util.ArrayList<>();
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
