package org.prognos.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.baseline.Baseline;
import org.prognos.models.bundle.Task;
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

    /** Settings of one evaluation. */
    record Inputs(String job, String dataset, String split, Task task, FeatureSpec spec, Predictor model, String modelName,
                  List<Baseline> baselines, LabeledRows validation, Dataset validationData, LabeledRows test, Dataset testData,
                  Optional<ThresholdChoice.Costs> costs, Optional<Double> fixedThreshold, Optional<FeatureImportance> importance,
                  List<LearningCurve> learningCurves) {
    }

    static Outcome evaluate(Inputs in, Consumer<String> log) {
        TrainingReport.Builder report = TrainingReport.builder(in.job(), in.dataset(), in.split());
        ObjectNode summary = TrainingJob.newObject();
        if (in.task() instanceof Task.FailureWithinHorizon f) {
            classification(in, f, report, summary, log);
        } else {
            regression(in, (Task.RemainingUsefulLife) in.task(), report, summary, log);
        }
        in.importance().ifPresent(report::featureImportance);
        in.learningCurves().forEach(report::learningCurve);
        TrainingReport built = report.build();
        ObjectNode metrics = built.metricsJson();
        summary.fields().forEachRemaining(e -> metrics.set(e.getKey(), e.getValue()));
        return new Outcome(metrics, built);
    }

    private static void regression(Inputs in, Task.RemainingUsefulLife task, TrainingReport.Builder report, ObjectNode summary,
                                   Consumer<String> log) {
        LabeledRows test = in.test();
        double cap = task.cap().isPresent() ? task.cap().getAsDouble() : Double.POSITIVE_INFINITY;
        double[] capped = Arrays.stream(test.y()).map(v -> Math.min(v, cap)).toArray();
        ObjectNode baselines = summary.putObject("baselines");
        List<Object[]> all = new ArrayList<>();
        all.add(new Object[] {in.modelName(), ((Predictions.Values) in.model().predict(test.x())).values(), Boolean.TRUE});
        for (Baseline b : in.baselines()) {
            String name = b instanceof Baseline.ConstantValue ? "mean-rul" : "linear-degradation";
            all.add(new Object[] {name, ((Predictions.Values) b.predict(test.x(), test.columns(), task)).values(), Boolean.FALSE});
        }
        for (Object[] r : all) {
            String name = (String) r[0];
            double[] pred = (double[]) r[1];
            boolean isModel = (Boolean) r[2];
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

    private static void classification(Inputs in, Task.FailureWithinHorizon task, TrainingReport.Builder report, ObjectNode summary,
                                       Consumer<String> log) {
        List<String> classes = task.classes();
        TimeAxis axis = in.spec().time().toAxis();
        LabeledRows test = in.test();
        EventSettings settings = EventSettings.of(task.horizonTicks(), rowStride(in.spec(), test), TimeScale.of(axis), classes);
        List<Event> testFailures = failures(in.testData(), Set.copyOf(test.distinctAssets()));
        ObjectNode baselines = summary.putObject("baselines");
        List<Object[]> all = new ArrayList<>();
        all.add(new Object[] {in.modelName(), (java.util.function.Function<double[][], double[][]>)
                x -> ((Predictions.Probabilities) in.model().predict(x)).probabilities(), Boolean.TRUE});
        for (Baseline b : in.baselines()) {
            all.add(new Object[] {"class-prior", (java.util.function.Function<double[][], double[][]>)
                    x -> ((Predictions.Probabilities) b.predict(x, test.columns(), task)).probabilities(), Boolean.FALSE});
        }
        for (Object[] r : all) {
            String name = (String) r[0];
            @SuppressWarnings("unchecked")
            var predict = (java.util.function.Function<double[][], double[][]>) r[1];
            boolean isModel = (Boolean) r[2];
            EvaluationResult result = isModel ? EvaluationResult.model(name) : EvaluationResult.baseline(name);
            double threshold;
            if (in.fixedThreshold().isPresent() && isModel) {
                threshold = in.fixedThreshold().get();
            } else if (in.costs().isPresent() && in.validation().size() > 0) {
                LabeledRows v = in.validation();
                ThresholdChoice choice = ThresholdChoice.choose(new RowTimes(v.assets(), v.times()), v.classes(), predict.apply(v.x()),
                        classes, failures(in.validationData(), Set.copyOf(v.distinctAssets())), settings, in.costs().get());
                threshold = choice.threshold();
                result = result.withThreshold(choice);
            } else {
                threshold = 0.5;
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
            if (isModel) {
                summary.putObject("decision").put("threshold", threshold).put("on", "1 - P(" + classes.get(0) + ")");
            }
            log.accept(String.format(Locale.ROOT, "test  %-12s event recall %.3f (%d/%d)  false alarms %.3f / asset-month  visits %.3f / asset-month"
                            + "  PR-AUC %.3f  threshold %.3f", isModel ? "model" : name, em.eventRecall(), em.eventsCaught(), em.eventsWithRows(),
                    em.falseAlarmsPerAssetMonth(), em.needlessVisitsPerAssetMonth(), cm.anyFailure().averagePrecision(), threshold));
        }
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

    private static List<Event> failures(Dataset data, Set<String> assets) {
        List<Event> out = new ArrayList<>();
        for (String a : assets) {
            out.addAll(data.events().of(a, EventKind.FAILURE));
        }
        return out;
    }
}
