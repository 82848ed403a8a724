package org.prognos.training.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;

/**
 * A seeded synthetic evaluation, realistic enough to look at: a fleet with a row every 3 h for 60 days, four
 * components failing now and then, a "model" whose P(component) rises in the 24 h before that component fails (with
 * misses and false alarms), the class prior as its baseline; and a RUL regressor beside a constant-RUL baseline.
 */
final class SampleEvaluation {
    static final List<String> CLASSES = List.of("none", "comp1", "comp2", "comp3", "comp4");
    static final long HORIZON = 24;
    static final long STRIDE = 3;
    static final int ROWS_PER_ASSET = 480;
    static final EventSettings SETTINGS = new EventSettings(HORIZON, STRIDE, TimeScale.hourTicks(),
            new EventMatch.SameComponent());

    /** Rows of some assets with their labels, model and baseline probabilities and the failure log. */
    record Fleet(RowTimes rows, int[] truth, double[][] model, double[][] baseline, List<Event> failures) {
    }

    private SampleEvaluation() {
    }

    static Fleet fleet(long seed, int assets, double[] prior) {
        Random random = new Random(seed);
        FailureWithinHorizon labeler = new FailureWithinHorizon(HORIZON, CLASSES.subList(1, CLASSES.size()),
                FailureWithinHorizon.Censoring.NEGATIVE);
        List<String> ids = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        List<double[]> model = new ArrayList<>();
        List<Event> log = new ArrayList<>();
        for (int a = 0; a < assets; a++) {
            String id = "machine-" + (seed * 100 + a);
            List<Event> failures = new ArrayList<>();
            int count = random.nextInt(3);
            for (int k = 0; k < count; k++) {
                long at = 48 + random.nextInt((ROWS_PER_ASSET - 20) * 3);
                failures.add(new Event(id, at, EventKind.FAILURE, CLASSES.get(1 + random.nextInt(4))));
            }
            failures.sort((x, y) -> Long.compare(x.time(), y.time()));
            log.addAll(failures);
            long[] t = new long[ROWS_PER_ASSET];
            for (int i = 0; i < t.length; i++) {
                t[i] = STRIDE * i;
            }
            double[] labels = labeler.label(t, failures, STRIDE * (ROWS_PER_ASSET - 1));
            boolean[] sees = new boolean[failures.size()];
            for (int k = 0; k < sees.length; k++) {
                sees[k] = random.nextDouble() < 0.8;
            }
            for (int i = 0; i < t.length; i++) {
                int y = (int) labels[i];
                double[] p = new double[CLASSES.size()];
                double noise = 0.02 + 0.06 * random.nextDouble();
                for (int c = 1; c < p.length; c++) {
                    p[c] = noise * random.nextDouble();
                }
                if (y != 0 && sees[indexOf(failures, t[i])]) {
                    p[y] += 0.25 + 0.6 * random.nextDouble();
                } else if (random.nextDouble() < 0.01) {
                    p[1 + random.nextInt(4)] += 0.3 + 0.5 * random.nextDouble();
                }
                double failure = 0;
                for (int c = 1; c < p.length; c++) {
                    failure += p[c];
                }
                if (failure > 0.98) {
                    for (int c = 1; c < p.length; c++) {
                        p[c] *= 0.98 / failure;
                    }
                    failure = 0.98;
                }
                p[0] = 1 - failure;
                ids.add(id);
                times.add(t[i]);
                truth.add(y);
                model.add(p);
            }
        }
        int[] y = truth.stream().mapToInt(Integer::intValue).toArray();
        double[][] baseline = new double[y.length][];
        for (int r = 0; r < y.length; r++) {
            baseline[r] = prior.clone();
        }
        return new Fleet(new RowTimes(ids.toArray(String[]::new), times.stream().mapToLong(Long::longValue).toArray()),
                y, model.toArray(double[][]::new), baseline, log);
    }

    /** The first failure at or after {@code t} (the one whose window holds the row). */
    private static int indexOf(List<Event> failures, long t) {
        for (int k = 0; k < failures.size(); k++) {
            if (failures.get(k).time() >= t) {
                return k;
            }
        }
        throw new IllegalStateException("no failure after " + t);
    }

    /** One result per probability matrix: classification, and events at a threshold chosen on validation rows. */
    static EvaluationResult classified(EvaluationResult empty, Fleet validation, double[][] validationP, Fleet test,
                                       double[][] testP) {
        ThresholdChoice choice = ThresholdChoice.choose(validation.rows(), validation.truth(), validationP, CLASSES,
                validation.failures(), SETTINGS, new ThresholdChoice.Costs(20, 1));
        int[] alarms = ThresholdChoice.alarms(testP, choice.threshold());
        return empty.withClassification(ClassificationMetrics.of(test.truth(), testP, CLASSES, alarms))
                .withEvents(EventMetrics.of(test.rows(), test.truth(), alarms, CLASSES, test.failures(), SETTINGS))
                .withThreshold(choice);
    }

    /** RUL truth of engines near their end of life, a model with noise and a late bias, and the constant mean. */
    static EvaluationResult[] regression(long seed) {
        Random random = new Random(seed);
        int n = 1500;
        double[] truth = new double[n];
        double[] model = new double[n];
        double[] constant = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            truth[i] = Math.floor(random.nextDouble() * 200);
            model[i] = Math.max(0, Math.min(125, truth[i]) + 3 + random.nextGaussian() * (6 + truth[i] / 12));
            mean += truth[i] / n;
        }
        java.util.Arrays.fill(constant, mean);
        return new EvaluationResult[] {
            EvaluationResult.model("lstm-rul").withRegression(RegressionMetrics.of(truth, model)),
            EvaluationResult.baseline("constant RUL").withRegression(RegressionMetrics.of(truth, constant))};
    }

    static FeatureImportance importance(String model, long seed) {
        Random random = new Random(seed);
        List<String> names = new ArrayList<>();
        double[] values = new double[30];
        String[] channels = {"volt", "rotate", "pressure", "vibration"};
        String[] stats = {"_mean_3h", "_sd_3h", "_mean_24h", "_sd_24h", "_slope_24h", "_max_24h", "_ewma_12h", "_crest_24h"};
        for (int i = 0; i < values.length; i++) {
            names.add(channels[i % 4] + stats[i / 4]);
            values[i] = Math.pow(random.nextDouble(), 3) * 100;
        }
        return FeatureImportance.of(model, "gain", names, values);
    }

    static LearningCurve learningCurve(String model) {
        int n = 120;
        double[] steps = new double[n];
        double[] train = new double[n];
        double[] validation = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i + 1;
            train[i] = 0.08 + 0.6 * Math.exp(-i / 18.0);
            validation[i] = i % 10 == 9 ? Double.NaN : 0.12 + 0.55 * Math.exp(-i / 22.0) + 0.0004 * i;
        }
        return new LearningCurve(model, "iteration", steps, train, validation);
    }

    /** The full sample report: classification, events, threshold, regression, importance, learning curve. */
    static TrainingReport fullReport() {
        // the class prior of the (imaginary) training rows
        double[] prior = {0.98, 0.004, 0.006, 0.005, 0.005};
        Fleet validation = fleet(1, 12, prior);
        Fleet test = fleet(2, 18, prior);
        EvaluationResult model = classified(EvaluationResult.model("gbt"), validation, validation.model(), test,
                test.model());
        EvaluationResult classPrior = classified(EvaluationResult.baseline("class prior"), validation,
                validation.baseline(), test, test.baseline());
        EvaluationResult[] rul = regression(3);
        return TrainingReport.builder("sample-azure-24h", "synthetic fleet (seeded), 30 machines × 60 days",
                        "by machine: 12 validation / 18 test; threshold chosen on validation")
                .result(model)
                .result(classPrior)
                .result(rul[0])
                .result(rul[1])
                .featureImportance(importance("gbt", 4))
                .learningCurve(learningCurve("gbt"))
                .note("Synthetic data made by the evaluation tests: for looking at the layout, not at the numbers.")
                .build();
    }
}
