package org.prognos.training;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.baseline.Baseline;
import org.prognos.models.bundle.ManifestJson;
import org.prognos.models.bundle.Task;
import org.prognos.models.interval.RulInterval;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.training.data.LabeledRows;
import org.prognos.training.evaluation.ClassificationMetrics;
import org.prognos.training.evaluation.EvaluationResult;
import org.prognos.training.evaluation.EventMetrics;
import org.prognos.training.evaluation.EventSettings;
import org.prognos.training.evaluation.FeatureImportance;
import org.prognos.training.evaluation.LearningCurve;
import org.prognos.training.evaluation.RegressionMetrics;
import org.prognos.training.evaluation.RowTimes;
import org.prognos.training.evaluation.ThresholdChoice;
import org.prognos.training.evaluation.TimeScale;
import org.prognos.training.evaluation.TrainingReport;
import org.prognos.training.interval.IntervalCoverage;

/**
 * Scores the model and its baselines on held-out rows — the classifier's alarm threshold chosen on validation
 * rows from the stated costs, never on test rows — and builds the report and metrics.json. The baselines are
 * always evaluated the same way, beside the model.
 */
final class Evaluation {
    private Evaluation() {
    }

    /** What an evaluation produced. */
    record Outcome(ObjectNode metrics, TrainingReport report) {
    }

    /**
     * What one evaluation scores, in named parts.
     *
     * @param heading     what the report is titled with
     * @param data        the task and the held-out rows
     * @param contenders  the model and the baselines scored beside it
     * @param decision    how a classifier's alarm threshold is set (ignored for remaining useful life)
     * @param diagnostics what the report shows besides the scores
     */
    record Inputs(Heading heading, HeldOut data, Contenders contenders, Decision decision, Diagnostics diagnostics) {
        Inputs {
            Objects.requireNonNull(heading, "heading");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(contenders, "contenders");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(diagnostics, "diagnostics");
        }
    }

    /**
     * @param job     the job (or model) name
     * @param dataset the data it was evaluated on
     * @param split   how that data was held out, in words
     */
    record Heading(String job, String dataset, String split) {
    }

    /**
     * @param task       what is predicted
     * @param spec       the fitted spec the rows came from (its time axis and row stride)
     * @param validation rows that choose a classifier's threshold; empty when nothing is tuned
     * @param test       rows the reported scores are computed on
     */
    record HeldOut(Task task, FeatureSpec spec, Rows validation, Rows test) {
    }

    /**
     * Labelled rows and the dataset whose failure log they were labelled from (events are matched against it).
     *
     * @param rows   the rows
     * @param source their dataset
     */
    record Rows(LabeledRows rows, Dataset source) {
        /** No rows, from {@code source}: nothing to tune on. */
        static Rows none(LabeledRows like, Dataset source) {
            return new Rows(like.filter(i -> false), source);
        }
    }

    /**
     * @param modelName the model's name in the report and metrics ({@code xgboost}, {@code name:version})
     * @param model     the model, scored through its serving predictor
     * @param baselines fitted baselines, scored the same way beside the model
     * @param intervals RUL: fitted conformal intervals around the model's estimate, the published one first and the
     *                  plain baseline(s) after it; empty when there is none (classifiers, older bundles)
     * @param others    classifiers: more contenders scored beside the model, after the baselines (the uncalibrated
     *                  model, the alarm-count rule, a plain logistic model); they do not travel with the bundle
     */
    record Contenders(String modelName, Predictor model, List<Baseline> baselines, List<RulInterval> intervals,
                      List<Other> others) {
        Contenders {
            baselines = List.copyOf(baselines);
            intervals = List.copyOf(intervals);
            others = List.copyOf(others);
        }

        Contenders(String modelName, Predictor model, List<Baseline> baselines, List<RulInterval> intervals) {
            this(modelName, model, baselines, intervals, List.of());
        }

        Contenders(String modelName, Predictor model, List<Baseline> baselines) {
            this(modelName, model, baselines, List.of(), List.of());
        }
    }

    /**
     * A contender scored beside the model that is not a bundled baseline.
     *
     * @param name      its name in the report and metrics.json
     * @param predictor how it scores rows
     */
    record Other(String name, Predictor predictor) {
    }

    /** How a classifier's alarm threshold is set; baselines without a chosen threshold alarm at {@link #DEFAULT}. */
    sealed interface Decision permits Decision.Fixed, Decision.ByCosts, Decision.Chosen {
        /** The threshold of a model nothing chose one for. */
        double DEFAULT = 0.5;

        /** The model alarms at a stored threshold (a published bundle's); the baselines at {@link #DEFAULT}. */
        record Fixed(double threshold) implements Decision {
        }

        /**
         * Model and baselines each alarm at the threshold that costs least on the validation rows; at
         * {@link #DEFAULT} when there are none.
         */
        record ByCosts(ThresholdChoice.Costs costs) implements Decision {
        }

        /**
         * Each contender alarms at the threshold chosen for it beforehand ({@link ClassifierDecision}: across asset folds
         * of the training rows, or on validation rows), keyed by name ({@code model} for the model); a contender without
         * one alarms at {@link #DEFAULT}.
         */
        record Chosen(java.util.Map<String, ThresholdChoice> byName) implements Decision {
            public Chosen {
                byName = java.util.Map.copyOf(byName);
            }
        }

        /** {@link #DEFAULT} for model and baselines: for tasks with no threshold (remaining useful life). */
        static Decision untuned() {
            return new Fixed(DEFAULT);
        }
    }

    /**
     * @param importance     the model's own feature ranking, when it has one
     * @param learningCurves one curve per trained network (sequence models); empty for the others
     * @param notes          lines the report shows under its header (calibration, threshold spread, warnings)
     */
    record Diagnostics(Optional<FeatureImportance> importance, List<LearningCurve> learningCurves, List<String> notes) {
        Diagnostics {
            learningCurves = List.copyOf(learningCurves);
            notes = List.copyOf(notes);
        }

        Diagnostics(Optional<FeatureImportance> importance, List<LearningCurve> learningCurves) {
            this(importance, learningCurves, List.of());
        }

        static Diagnostics none() {
            return new Diagnostics(Optional.empty(), List.of());
        }
    }

    static Outcome evaluate(Inputs in, Consumer<String> log) {
        Heading h = in.heading();
        TrainingReport.Builder report = TrainingReport.builder(h.job(), h.dataset(), h.split());
        ObjectNode summary = ManifestJson.mapper().createObjectNode();
        if (in.data().task() instanceof Task.FailureWithinHorizon f) {
            classification(in, f, report, summary, log);
        } else {
            regression(in, (Task.RemainingUsefulLife) in.data().task(), report, summary, log);
        }
        in.diagnostics().importance().ifPresent(report::featureImportance);
        in.diagnostics().learningCurves().forEach(report::learningCurve);
        in.diagnostics().notes().forEach(report::note);
        TrainingReport built = report.build();
        ObjectNode metrics = built.metricsJson();
        summary.fields().forEachRemaining(e -> metrics.set(e.getKey(), e.getValue()));
        return new Outcome(metrics, built);
    }

    private static void regression(Inputs in, Task.RemainingUsefulLife task, TrainingReport.Builder report, ObjectNode summary,
                                   Consumer<String> log) {
        LabeledRows test = in.data().test().rows();
        Contenders contenders = in.contenders();
        double cap = task.cap().isPresent() ? task.cap().getAsDouble() : Double.POSITIVE_INFINITY;
        double[] capped = Arrays.stream(test.y()).map(v -> Math.min(v, cap)).toArray();
        ObjectNode baselines = summary.putObject("baselines");
        List<Scored<double[]>> all = new ArrayList<>();
        all.add(new Scored<>(contenders.modelName(), ((Predictions.Values) contenders.model().predict(test.x())).values(), true));
        for (Baseline b : contenders.baselines()) {
            String name = b instanceof Baseline.ConstantValue ? "mean-rul" : "linear-degradation";
            all.add(new Scored<>(name, ((Predictions.Values) b.predict(test.x(), test.columns(), task)).values(), false));
        }
        intervals(contenders.intervals(), all.get(0).scores(), test.y(), capped, task.cap().isPresent(), report, summary, log);
        for (Scored<double[]> r : all) {
            String name = r.name();
            double[] pred = r.scores();
            boolean isModel = r.isModel();
            RegressionMetrics m = RegressionMetrics.of(test.y(), pred);
            report.result((isModel ? EvaluationResult.model(name) : EvaluationResult.baseline(name)).withRegression(m));
            ObjectNode o = isModel ? summary.putObject("model") : baselines.putObject(name);
            o.put("rmse", m.rmse());
            o.put("mae", m.mae());
            o.put("phm08", m.phm08());
            if (task.cap().isPresent()) {
                RegressionMetrics c = RegressionMetrics.of(capped, pred);
                o.put("rmseCappedTruth", c.rmse());
                o.put("phm08CappedTruth", c.phm08());
            }
            o.put("count", test.size());
            log.accept(String.format(Locale.ROOT, "test  %-18s RMSE %.2f (truth capped: %.2f)  MAE %.2f  PHM08 %.1f  n=%d",
                    isModel ? "model" : name, m.rmse(), o.path("rmseCappedTruth").asDouble(Double.NaN), m.mae(), m.phm08(), test.size()));
        }
    }

    /**
     * Each interval's empirical coverage and mean width on the test rows, against the truth as given (and capped, when
     * the task has a cap), beside its nominal coverage; the first interval is the published one.
     */
    private static void intervals(List<RulInterval> intervals, double[] estimates, double[] truth, double[] capped, boolean hasCap,
                                  TrainingReport.Builder report, ObjectNode summary, Consumer<String> log) {
        if (intervals.isEmpty()) {
            return;
        }
        ObjectNode node = summary.putObject("interval");
        ObjectNode others = ManifestJson.mapper().createObjectNode();
        for (int k = 0; k < intervals.size(); k++) {
            RulInterval iv = intervals.get(k);
            IntervalCoverage c = IntervalCoverage.of(iv, estimates, truth);
            ObjectNode o = k == 0 ? node : others.putObject(iv.method().toString());
            o.put("method", iv.method().toString());
            o.put("nominal", iv.coverage());
            o.put("coverage", c.coverage());
            o.put("meanWidth", c.meanWidth());
            o.put("coverageLiteral", c.literal());
            ArrayNode q = o.putArray("quantiles");
            for (double v : iv.quantiles()) {
                q.add(v);
            }
            ArrayNode e = o.putArray("binEdges");
            for (double v : iv.binEdges()) {
                e.add(v);
            }
            o.put("scaleFloor", iv.scaleFloor());
            o.put("count", c.count());
            if (k == 0) {
                o.put("calibration", iv.calibration());
            }
            String role = k == 0 ? "model" : iv.method() == RulInterval.Method.ABSOLUTE ? "baseline" : "also";
            report.note(String.format(Locale.ROOT, "RUL interval (%s, %s conformal): nominal coverage %.0f %%, test coverage"
                            + " %.1f %% (%d of %d), mean width %.1f; %s", k == 0 ? "published with the model"
                            : iv.method() == RulInterval.Method.ABSOLUTE ? "plain baseline" : "alternative",
                    iv.method(), 100 * iv.coverage(), 100 * c.coverage(), c.covered(), c.count(), c.meanWidth(),
                    k == 0 ? iv.calibration() : "same out-of-fold residuals"));
            log.accept(String.format(Locale.ROOT, "test  interval %-8s %-8s nominal %.0f%%  coverage %.1f%% (%d/%d)%s"
                            + "  mean width %.1f", role, iv.method(), 100 * iv.coverage(),
                    100 * c.coverage(), c.covered(), c.count(),
                    hasCap ? String.format(Locale.ROOT, " (read literally, not open above the cap: %.1f%%)", 100 * c.literal()) : "",
                    c.meanWidth()));
        }
        if (intervals.size() > 1) {
            node.set("baselines", others);
        }
    }

    private static void classification(Inputs in, Task.FailureWithinHorizon task, TrainingReport.Builder report, ObjectNode summary,
                                       Consumer<String> log) {
        List<String> classes = task.classes();
        HeldOut data = in.data();
        TimeAxis axis = data.spec().time().toAxis();
        LabeledRows test = data.test().rows();
        Contenders contenders = in.contenders();
        EventSettings settings = EventSettings.of(task.horizonTicks(), rowStride(data.spec(), test), TimeScale.of(axis), classes);
        List<Event> testFailures = failures(data.test().source(), Set.copyOf(test.distinctAssets()));
        ObjectNode baselines = summary.putObject("baselines");
        List<Scored<Function<double[][], double[][]>>> all = new ArrayList<>();
        all.add(new Scored<>(contenders.modelName(), x -> ((Predictions.Probabilities) contenders.model().predict(x)).probabilities(), true));
        for (Baseline b : contenders.baselines()) {
            all.add(new Scored<>("class-prior", x -> ((Predictions.Probabilities) b.predict(x, test.columns(), task)).probabilities(),
                    false));
        }
        for (Other o : contenders.others()) {
            all.add(new Scored<>(o.name(), x -> ((Predictions.Probabilities) o.predictor().predict(x)).probabilities(), false));
        }
        for (Scored<Function<double[][], double[][]>> r : all) {
            String name = r.name();
            Function<double[][], double[][]> predict = r.scores();
            boolean isModel = r.isModel();
            EvaluationResult result = isModel ? EvaluationResult.model(name) : EvaluationResult.baseline(name);
            double threshold;
            LabeledRows v = data.validation().rows();
            if (in.decision() instanceof Decision.Fixed fixed) {
                threshold = isModel ? fixed.threshold() : Decision.DEFAULT;
            } else if (in.decision() instanceof Decision.Chosen given && given.byName().containsKey(isModel ? "model" : name)) {
                ThresholdChoice choice = given.byName().get(isModel ? "model" : name);
                threshold = choice.threshold();
                result = result.withThreshold(choice);
            } else if (in.decision() instanceof Decision.Chosen) {
                threshold = Decision.DEFAULT;
            } else if (in.decision() instanceof Decision.ByCosts byCosts && v.size() > 0) {
                ThresholdChoice choice = ThresholdChoice.choose(new RowTimes(v.assets(), v.times()), v.classes(), predict.apply(v.x()),
                        classes, failures(data.validation().source(), Set.copyOf(v.distinctAssets())), settings, byCosts.costs());
                threshold = choice.threshold();
                result = result.withThreshold(choice);
            } else {
                threshold = Decision.DEFAULT;
            }
            double[][] p = predict.apply(test.x());
            int[] predicted = ThresholdChoice.alarms(p, threshold);
            ClassificationMetrics cm = ClassificationMetrics.of(test.classes(), p, classes, predicted);
            EventMetrics em = EventMetrics.of(new RowTimes(test.assets(), test.times()), test.classes(), predicted, classes, testFailures, settings);
            report.result(result.withClassification(cm).withEvents(em));
            ObjectNode o = isModel ? summary.putObject("model") : baselines.putObject(name);
            o.put("threshold", threshold);
            o.put("eventRecall", em.eventRecall());
            o.put("eventsCaught", em.eventsCaught());
            o.put("eventsWithRows", em.eventsWithRows());
            o.put("falseAlarmsPerAssetMonth", em.falseAlarmsPerAssetMonth());
            o.put("needlessVisitsPerAssetMonth", em.needlessVisitsPerAssetMonth());
            o.put("prAucAnyFailure", cm.anyFailure().averagePrecision());
            o.put("rocAucAnyFailure", cm.anyFailure().rocAuc());
            o.put("macroF1Failures", cm.macroF1Failures());
            o.put("brierAnyFailure", cm.brierAnyFailure());
            o.put("expectedCalibrationError", cm.expectedCalibrationError());
            if (isModel) {
                summary.putObject("decision").put("threshold", threshold).put("on", "1 - P(" + classes.get(0) + ")");
            }
            log.accept(String.format(Locale.ROOT, "test  %-12s event recall %.3f (%d/%d)  false alarms %.3f / asset-month  visits %.3f / asset-month"
                            + "  PR-AUC %.3f  Brier %.4f  ECE %.4f  threshold %.4g", isModel ? "model" : name, em.eventRecall(), em.eventsCaught(),
                    em.eventsWithRows(), em.falseAlarmsPerAssetMonth(), em.needlessVisitsPerAssetMonth(), cm.anyFailure().averagePrecision(),
                    cm.brierAnyFailure(), cm.expectedCalibrationError(), threshold));
        }
    }

    /** A contender's name, its scores (or how to compute them) and whether it is the model (else a baseline). */
    private record Scored<S>(String name, S scores, boolean isModel) {
    }

    /** The spacing of rows: the spec's grid stride, else the median gap between an asset's consecutive rows. */
    static long rowStride(FeatureSpec spec, LabeledRows rows) {
        if (spec.emit().every() != null) {
            return spec.time().toAxis().parseSpan(spec.emit().every());
        }
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < rows.size() && gaps.size() < 10_000; i++) {
            if (rows.assets()[i].equals(rows.assets()[i - 1]) && rows.times()[i] > rows.times()[i - 1]) {
                gaps.add(rows.times()[i] - rows.times()[i - 1]);
            }
        }
        if (gaps.isEmpty()) {
            return 1;
        }
        gaps.sort(Long::compare);
        return gaps.get(gaps.size() / 2);
    }

    static List<Event> failures(Dataset data, Set<String> assets) {
        List<Event> out = new ArrayList<>();
        for (String a : assets) {
            out.addAll(data.events().of(a, EventKind.FAILURE));
        }
        return out;
    }
}
