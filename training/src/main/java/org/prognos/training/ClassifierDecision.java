package org.prognos.training;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.prognos.PrognosException;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.models.baseline.Baseline;
import org.prognos.models.bundle.ManifestJson;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.bundle.Task;
import org.prognos.models.calibration.ProbabilityCalibration;
import org.prognos.models.predict.ModelInfo;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.models.runtime.CalibratedPredictor;
import org.prognos.models.tribuo.TribuoPredictor;
import org.prognos.training.calibration.CalibrationFitter;
import org.prognos.training.calibration.FoldThreshold;
import org.prognos.training.config.DecisionConfig;
import org.prognos.training.data.LabeledRows;
import org.prognos.training.evaluation.EventSettings;
import org.prognos.training.evaluation.RowTimes;
import org.prognos.training.evaluation.ThresholdChoice;
import org.prognos.training.evaluation.TimeScale;
import org.prognos.training.interval.OutOfFold;
import org.prognos.training.trainers.TribuoFamily;
import org.tribuo.Model;

/**
 * The decision step of a failure-within-horizon job, between fitting and evaluating: cross-fit the training rows by
 * asset fold (the chosen family, and the logistic baseline, refitted per fold), calibrate P(any failure) on the
 * out-of-fold scores, and choose every contender's alarm threshold from the costs — across the folds
 * ({@link FoldThreshold}, default) or on the validation rows — with the warnings of {@link FoldThreshold#warnings}.
 * Contenders: the calibrated model (published), the same model uncalibrated (the "before" of the calibration), the
 * class prior, the alarm-count rule and a plain logistic model on the same features. Test rows play no part.
 */
final class ClassifierDecision {
    /** Contender names, as metrics.json and the report spell them. */
    static final String MODEL = "model";
    static final String UNCALIBRATED = "uncalibrated";
    static final String CLASS_PRIOR = "class-prior";
    static final String ALARM_COUNT = "alarm-count";
    static final String LOGISTIC = "logistic";

    private ClassifierDecision() {
    }

    /**
     * What the step decided.
     *
     * @param calibration the fitted calibration, published with the model; empty when none was chosen
     * @param model       the published model's predictor, calibrated when there is a calibration
     * @param others      the contenders printed beside it (uncalibrated model, alarm-count rule, logistic)
     * @param decision    each contender's chosen threshold, by name
     * @param warnings    what the job output, metrics.json and the report must say about the threshold
     * @param summary     metrics.json's {@code calibration} and {@code thresholdChoice} objects
     * @param notes       what the report says about the calibration and the threshold under its header
     */
    record Decided(Optional<ProbabilityCalibration> calibration, Predictor model, List<Evaluation.Other> others,
                   Evaluation.Decision.Chosen decision, List<String> warnings, ObjectNode summary, List<String> notes) {
        Decided {
            others = List.copyOf(others);
            warnings = List.copyOf(warnings);
            notes = List.copyOf(notes);
        }
    }

    /** The report's lines about the decision. */
    static List<String> notes(Decided d) {
        return d.notes();
    }

    /**
     * Adds the decision to metrics.json: {@code calibration} (method, cross-validated candidates, and the test rows'
     * Brier score and expected calibration error before and after), {@code thresholdChoice} (basis, spread, warnings),
     * and {@code decision.calibrated} / {@code decision.warnings}.
     */
    static void putSummary(ObjectNode metrics, Decided d) {
        d.summary().fields().forEachRemaining(e -> metrics.set(e.getKey(), e.getValue()));
        ObjectNode decision = metrics.with("decision");
        decision.put("calibrated", d.calibration().isPresent());
        ArrayNode w = decision.putArray("warnings");
        d.warnings().forEach(w::add);
        if (metrics.has("calibration") && metrics.has("model")) {
            ObjectNode test = ((ObjectNode) metrics.get("calibration")).putObject("test");
            var before = d.calibration().isPresent() ? metrics.path("baselines").path(UNCALIBRATED) : metrics.get("model");
            test.putObject("before").put("brierAnyFailure", before.path("brierAnyFailure").asDouble())
                    .put("expectedCalibrationError", before.path("expectedCalibrationError").asDouble());
            test.putObject("after").put("brierAnyFailure", metrics.at("/model/brierAnyFailure").asDouble())
                    .put("expectedCalibrationError", metrics.at("/model/expectedCalibrationError").asDouble());
        }
    }

    /**
     * @param config   the job's decision settings
     * @param train    training rows (with the validation assets when the threshold basis is the folds)
     * @param validation validation rows (the basis {@code validation}); empty otherwise
     * @param source   the dataset whose failure log the rows were labelled from
     * @param family   the chosen family and hyperparameters
     * @param model    the model fitted on all of {@code train}
     * @param fitter   fits a family on rows
     */
    static Decided decide(DecisionConfig config, Task.FailureWithinHorizon task, Evaluation.HeldOut data, LabeledRows train,
                          LabeledRows validation, Dataset source, TribuoFamily family, Model<?> model,
                          BiFunction<TribuoFamily, LabeledRows, Model<?>> fitter, ThresholdChoice.Costs costs, long seed,
                          Consumer<String> log) {
        List<String> classes = task.classes();
        ModelInfo info = new ModelInfo("decision", 0, task, train.columns(), data.spec().hash(), PayloadKind.TRIBUO_PROTOBUF,
                Instant.now());
        Predictor raw = TribuoPredictor.of(model, info);
        TribuoFamily logisticFamily = TribuoFamily.Linear.defaults();
        Predictor logistic = TribuoPredictor.of(fitter.apply(logisticFamily, train), info);
        int[] alarmColumns = AlarmCountRule.alarmColumns(data.spec(), train.columns());
        Optional<Predictor> alarmCount = alarmColumns.length == 0 ? Optional.empty()
                : Optional.of(AlarmCountRule.fit(info, alarmColumns, train, classes.size()));
        Baseline prior = Baseline.ClassPrior.fit(task.outputNames(), train.y());
        EventSettings settings = EventSettings.of(task.horizonTicks(), Evaluation.rowStride(data.spec(), train),
                TimeScale.of(data.spec().time().toAxis()), classes);
        Function<Set<String>, List<Event>> failuresOf = assets -> Evaluation.failures(source, assets);
        ObjectNode summary = ManifestJson.mapper().createObjectNode();
        List<String> notes = new ArrayList<>();
        Consumer<String> note = line -> {
            log.accept(line);
            notes.add(line);
        };

        // 1. cross-fit: out-of-fold probabilities of the model (and the logistic baseline) on every training row
        Optional<ProbabilityCalibration> calibration = Optional.empty();
        int folds = OutOfFold.folds(train, config.folds());
        int[] fold = config.crossFits() ? OutOfFold.foldOf(train, Math.max(1, folds), seed) : new int[0];
        Map<String, double[][]> oof = new LinkedHashMap<>();
        if (config.crossFits()) {
            if (folds < 2) {
                throw new PrognosException("calibration and the threshold across folds need at least 2 training assets; found "
                        + train.distinctAssets().size() + " (set task.calibration.method: none and task.threshold.basis: validation)");
            }
            long t0 = System.nanoTime();
            oof.put(UNCALIBRATED, OutOfFold.predictions(train, fold, (fit, held) -> probabilities(
                    TribuoPredictor.of(fitter.apply(family, fit), info), held)));
            String how = String.format(Locale.ROOT, "%d-fold cross-fit by asset over %d training assets: out-of-fold P(any failure)"
                    + " of %d rows", folds, train.distinctAssets().size(), train.size());
            double[] any = new double[train.size()];
            double[] outcome = new double[train.size()];
            for (int i = 0; i < any.length; i++) {
                any[i] = 1 - oof.get(UNCALIBRATED)[i][0];
                outcome[i] = train.y()[i] > 0 ? 1 : 0;
            }
            CalibrationFitter.Fitted fitted = CalibrationFitter.fit(any, outcome, fold, folds, train.distinctAssets().size(),
                    config.calibration(), how);
            calibration = fitted.calibration();
            ObjectNode c = summary.putObject("calibration");
            c.put("method", config.calibration().toString());
            c.put("chosen", fitted.chosen());
            c.put("folds", folds);
            c.put("rows", train.size());
            c.put("assets", train.distinctAssets().size());
            ObjectNode cv = c.putObject("crossValidated");
            fitted.candidates().forEach((k, s) -> cv.putObject(k).put("logLoss", s.logLoss()).put("brier", s.brier()));
            Optional<ProbabilityCalibration> map = calibration;
            oof.put(MODEL, map.isEmpty() ? oof.get(UNCALIBRATED)
                    : java.util.Arrays.stream(oof.get(UNCALIBRATED)).map(r -> map.get().applyRow(r)).toArray(double[][]::new));
            note.accept("calibration: " + fitted.chosen() + (map.isPresent() ? " " + map.get() : "") + " from " + how
                    + (fitted.candidates().isEmpty() ? "" : "; cross-validated log-loss " + describe(fitted.candidates())));
            if (config.basis() == DecisionConfig.ThresholdBasis.FOLDS) {
                oof.put(CLASS_PRIOR, OutOfFold.predictions(train, fold, (fit, held) ->
                        ((Predictions.Probabilities) Baseline.ClassPrior.fit(task.outputNames(), fit.y())
                                .predict(held.x(), held.columns(), task)).probabilities()));
                alarmCount.ifPresent(a -> oof.put(ALARM_COUNT, OutOfFold.predictions(train, fold,
                        (fit, held) -> probabilities(AlarmCountRule.fit(info, alarmColumns, fit, classes.size()), held))));
                oof.put(LOGISTIC, OutOfFold.predictions(train, fold, (fit, held) -> probabilities(
                        TribuoPredictor.of(fitter.apply(logisticFamily, fit), info), held)));
            }
            log.accept(String.format(Locale.ROOT, "cross-fit in %.1f s", (System.nanoTime() - t0) / 1e9));
        }
        Predictor calibrated = calibration.isPresent() ? new CalibratedPredictor(raw, calibration.get()) : raw;

        // 2. thresholds: every contender's, on the same rows
        Map<String, Predictor> contenders = new LinkedHashMap<>();
        contenders.put(MODEL, calibrated);
        contenders.put(UNCALIBRATED, raw);
        alarmCount.ifPresent(a -> contenders.put(ALARM_COUNT, a));
        contenders.put(LOGISTIC, logistic);
        Map<String, ThresholdChoice> chosen = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        ObjectNode tc = summary.putObject("thresholdChoice");
        tc.put("basis", config.basis().toString());
        tc.put("costs", String.format(Locale.ROOT, "missed failure %s, needless visit %s", costs.missedFailure(), costs.needlessVisit()));
        if (config.basis() == DecisionConfig.ThresholdBasis.FOLDS) {
            for (Map.Entry<String, double[][]> e : oof.entrySet()) {
                if (e.getKey().equals(MODEL)) {
                    continue;
                }
                chosen.put(e.getKey(), ThresholdChoice.choose(new RowTimes(train.assets(), train.times()), train.classes(),
                        e.getValue(), classes, failuresOf.apply(Set.copyOf(train.distinctAssets())), settings, costs));
            }
            FoldThreshold ft = FoldThreshold.choose(train, oof.get(MODEL), fold, classes, failuresOf, settings, costs, config);
            chosen.put(MODEL, ft.pooled());
            warnings.addAll(ft.warnings());
            double[] ts = FoldThreshold.spread(ft.foldThresholds());
            double[] rs = FoldThreshold.spread(ft.foldRecalls());
            tc.put("threshold", ft.pooled().threshold());
            tc.put("failureEvents", ft.pooled().atThreshold().eventsWithRows());
            tc.put("crossValidatedRecall", ft.pooled().atThreshold().eventRecall());
            tc.put("crossValidatedFalseAlarmsPerAssetMonth", ft.pooled().atThreshold().falseAlarmsPerAssetMonth());
            array(tc.putArray("foldThresholds"), ft.foldThresholds());
            array(tc.putArray("foldRecallsAtThreshold"), ft.foldRecalls());
            tc.putObject("thresholdSpread").put("min", ts[0]).put("median", ts[1]).put("max", ts[2]);
            tc.putObject("recallSpread").put("min", rs[0]).put("median", rs[1]).put("max", rs[2]);
            tc.put("medianFoldThreshold", ft.medianThreshold());
            tc.put("recallAtMedianFoldThreshold", ft.medianRecall());
            note.accept(String.format(Locale.ROOT, "threshold %.4g on calibrated P(any failure), the least pooled cost over %d asset"
                            + " folds (%d failure events, cross-validated event recall %.3f, false alarms %.3f / asset-month);"
                            + " fold thresholds min %.4g median %.4g max %.4g; fold recall at it min %.3f median %.3f max %.3f;"
                            + " at the median fold threshold recall would be %.3f",
                    ft.pooled().threshold(), ft.foldThresholds().length, ft.pooled().atThreshold().eventsWithRows(),
                    ft.pooled().atThreshold().eventRecall(), ft.pooled().atThreshold().falseAlarmsPerAssetMonth(),
                    ts[0], ts[1], ts[2], rs[0], rs[1], rs[2], ft.medianRecall()));
        } else if (validation.size() > 0) {
            contenders.put(CLASS_PRIOR, new BaselinePredictorView(prior, info, validation.columns(), task));
            for (Map.Entry<String, Predictor> e : contenders.entrySet()) {
                chosen.put(e.getKey(), ThresholdChoice.choose(new RowTimes(validation.assets(), validation.times()),
                        validation.classes(), probabilities(e.getValue(), validation), classes,
                        failuresOf.apply(Set.copyOf(validation.distinctAssets())), settings, costs));
            }
            ThresholdChoice m = chosen.get(MODEL);
            warnings.addAll(FoldThreshold.warnings(m, config, "the validation rows of " + validation.distinctAssets().size()
                    + " assets"));
            tc.put("threshold", m.threshold());
            tc.put("failureEvents", m.atThreshold().eventsWithRows());
            tc.put("validationRecall", m.atThreshold().eventRecall());
            tc.put("validationFalseAlarmsPerAssetMonth", m.atThreshold().falseAlarmsPerAssetMonth());
            note.accept(String.format(Locale.ROOT, "threshold %.4g chosen on %d validation assets (%d failure events)",
                    m.threshold(), validation.distinctAssets().size(), m.atThreshold().eventsWithRows()));
        }
        ThresholdChoice m = chosen.get(MODEL);
        if (m != null) {
            tc.put("alarmFraction", m.atThreshold().evaluatedRows() == 0 ? 0
                    : (double) m.atThreshold().alarmRows() / m.atThreshold().evaluatedRows());
        }
        ArrayNode w = tc.putArray("warnings");
        warnings.forEach(w::add);
        for (String s : warnings) {
            note.accept("WARNING: " + s);
        }
        if (config.onDegenerate() == DecisionConfig.OnDegenerate.REFUSE && FoldThreshold.degenerate(warnings)) {
            throw new PrognosException("the alarm threshold is refused (task.threshold.onDegenerate: refuse): "
                    + String.join("; ", warnings.stream().filter(s -> s.startsWith("degenerate")).toList()));
        }
        List<Evaluation.Other> others = new ArrayList<>();
        if (calibration.isPresent()) {
            others.add(new Evaluation.Other(UNCALIBRATED, raw));
        }
        alarmCount.ifPresent(a -> others.add(new Evaluation.Other(ALARM_COUNT, a)));
        others.add(new Evaluation.Other(LOGISTIC, logistic));
        return new Decided(calibration, calibrated, others, new Evaluation.Decision.Chosen(chosen), warnings, summary,
                notes);
    }

    private static double[][] probabilities(Predictor p, LabeledRows rows) {
        return ((Predictions.Probabilities) p.predict(rows.x())).probabilities();
    }

    private static void array(ArrayNode a, double[] v) {
        for (double d : v) {
            a.add(d);
        }
    }

    private static String describe(Map<String, CalibrationFitter.Scores> cv) {
        List<String> parts = new ArrayList<>();
        cv.forEach((k, s) -> parts.add(String.format(Locale.ROOT, "%s %.4f (Brier %.4f)", k, s.logLoss(), s.brier())));
        return String.join(", ", parts);
    }

    /** A class-prior baseline seen as a predictor (for the validation basis). */
    private record BaselinePredictorView(Baseline baseline, ModelInfo info, List<String> columns, Task task) implements Predictor {
        @Override
        public Predictions predict(double[][] featureRows) {
            return baseline.predict(featureRows, columns, task);
        }

        @Override
        public void close() {
        }
    }
}
