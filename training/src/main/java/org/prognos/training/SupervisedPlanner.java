package org.prognos.training;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.prognos.PrognosException;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.features.labels.RemainingUsefulLife;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.models.bundle.Task;
import org.prognos.training.config.DecisionConfig;
import org.prognos.training.config.SplitConfig;
import org.prognos.training.config.TaskConfig;
import org.prognos.training.config.TrainingConfig;
import org.prognos.training.data.AssetSplit;
import org.prognos.training.data.FleetRows;
import org.prognos.training.data.LabeledRows;
import org.prognos.training.data.SubsetTelemetry;
import org.prognos.training.data.TimeSplit;

/**
 * The split step of a supervised job ({@link TrainingJob}): the spec fitted on the training side only, each side's rows
 * extracted and labelled, by time ({@code split.cutoff}) or by whole assets, and checked. Its own class as
 * {@link AnomalyPlanner} is the anomaly job's: the job runs the steps after it.
 */
final class SupervisedPlanner {
    private final TrainingConfig config;
    private final Consumer<String> log;
    private final int threads;

    SupervisedPlanner(TrainingConfig config, Consumer<String> log, int threads) {
        this.config = config;
        this.log = log;
        this.threads = threads;
    }

    /**
     * The per-run context every step after the split reads.
     *
     * @param data  what the job opened
     * @param split the fitted spec and the rows of each side
     * @param task  what the bundle predicts
     */
    record Planned(JobData data, SplitPlan split, Task task) {
    }

    /** Split plan: fits the spec on the training side only, extracts and labels each side's rows, checks them. */
    Planned plan(JobData data) throws IOException {
        SplitPlan split = config.split() instanceof SplitConfig.ByTime byTime ? planByTime(data, byTime)
                : planByAsset(data, (SplitConfig.ByAsset) config.split());
        SplitPlan.requireLabelled(split.all());
        if (config.task().isClassification() && !usesValidation()) {
            log.accept("the alarm threshold is chosen across asset folds of the training rows (task.threshold.basis: folds):"
                    + " the validation share, if any, trains too");
        }
        if (config.data().evaluateAt() == TrainingConfig.EvaluateAt.LAST) {
            split = split.lastPerAsset();
        }
        split.logAndCheck(log, testSetText(config, "; test set: "), true);
        Task task = task(data);
        if (task.isClassification() && Arrays.stream(split.train().y()).noneMatch(v -> v > 0)) {
            throw new PrognosException("the training rows hold no failures within the horizon: a failure-within-horizon"
                    + " model cannot be trained (check the failure log, the horizon, and 'task.components')");
        }
        return new Planned(data, split, task);
    }

    /** Train before the cut (less the validation period and its gap), validate before the cut less the gap, test after. */
    private SplitPlan planByTime(JobData data, SplitConfig.ByTime byTime) throws IOException {
        // Validation rows choose a classifier's threshold (basis: validation); a tree regressor, or a classifier whose
        // threshold is chosen across asset folds, has nothing to tune on them, so they train.
        boolean useValidation = usesValidation();
        List<String> assets = data.assets();
        TimeSplit ts = TimeSplit.of(byTime, data.axis(), data.labeler(), data.firstTime());
        long trainEnd = useValidation ? ts.validationStart() - ts.gap() : ts.trainEnd();
        FeatureSpec fitted = data.spec().fit(SubsetTelemetry.before(data.train().telemetry(), new LinkedHashSet<>(assets), trainEnd));
        LabeledRows all = FleetRows.extract(fitted, data.train(), data.labeler(), threads);
        LabeledRows train = all.filter(i -> all.times()[i] < trainEnd);
        LabeledRows validation = all.filter(i -> useValidation && all.times()[i] >= ts.validationStart() && all.times()[i] < ts.trainEnd());
        LabeledRows truthRows = data.truth() == data.labeler() ? all : FleetRows.extract(fitted, data.train(), data.truth(), threads);
        LabeledRows test = data.test().isPresent() ? FleetRows.extract(fitted, data.test().get(), data.truth(), threads)
                : truthRows.filter(i -> truthRows.times()[i] >= ts.cutoff());
        return new SplitPlan(fitted, all, train, validation, test, ts.describe(data.axis()), HeldOutAssets.NONE);
    }

    /** Whole assets on each side: training, validation (threshold choice) and test (unless a test set is given). */
    private SplitPlan planByAsset(JobData data, SplitConfig.ByAsset byAsset) throws IOException {
        boolean useValidation = usesValidation();
        AssetSplit split = AssetSplit.of(data.assets(), byAsset.testAssets(),
                data.test().isEmpty() ? byAsset.testFraction() : 0, byAsset.validationFraction(), config.seed());
        Set<String> fitAssets = new LinkedHashSet<>(split.train());
        if (!useValidation) {
            fitAssets.addAll(split.validation());
        }
        FeatureSpec fitted = data.spec().fit(SubsetTelemetry.before(data.train().telemetry(), fitAssets, Long.MAX_VALUE));
        LabeledRows all = FleetRows.extract(fitted, data.train(), data.labeler(), threads);
        LabeledRows train = all.filter(i -> fitAssets.contains(all.assets()[i]));
        LabeledRows validation = all.filter(i -> useValidation && split.validation().contains(all.assets()[i]));
        // Test truth is never capped: metrics compare with the remaining life as given, and with it capped.
        LabeledRows test;
        if (data.test().isPresent()) {
            test = FleetRows.extract(fitted, data.test().get(), data.truth(), threads);
        } else {
            LabeledRows truthRows = data.truth() == data.labeler() ? all : FleetRows.extract(fitted, data.train(), data.truth(), threads);
            test = truthRows.filter(i -> split.test().contains(truthRows.assets()[i]));
        }
        return new SplitPlan(fitted, all, train, validation, test, split.describe(), new HeldOutAssets(split.test()));
    }

    /** Whether validation rows choose the threshold (a classifier with {@code task.threshold.basis: validation}). */
    private boolean usesValidation() {
        return config.task() instanceof TaskConfig.FailureWithinHorizon f
                && f.decision().basis() == DecisionConfig.ThresholdBasis.VALIDATION;
    }

    /** The bundle's task, from the training labeler and the config's horizon or unit. */
    private Task task(JobData data) {
        if (data.labeler() instanceof FailureWithinHorizon f) {
            return Task.of(f, ((TaskConfig.FailureWithinHorizon) config.task()).horizon());
        }
        return Task.of((RemainingUsefulLife) data.labeler(), ((TaskConfig.RemainingUsefulLife) config.task()).unitName(data.axis()));
    }

    /** {@code prefix} and the separate test set's path, or nothing without one. */
    static String testSetText(TrainingConfig config, String prefix) {
        return config.data().test().map(t -> prefix + t).orElse("");
    }
}
