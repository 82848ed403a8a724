package org.prognos.models.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prognos.models.PredictionException;
import org.prognos.models.bundle.Task;
import org.prognos.models.anomaly.HealthIndex;
import org.prognos.models.calibration.ProbabilityCalibration;
import org.prognos.models.interval.RulInterval;
import org.prognos.models.predict.Predictions;
import org.prognos.models.runtime.answer.AnomalyOutlook;
import org.prognos.models.runtime.answer.FailureOutlook;
import org.prognos.models.runtime.answer.RemainingLife;

/**
 * How a task's predictions become a risk score in [0, 1] and the task-specific part of an answer. One case per
 * task kind, chosen once per model when it loads ({@link LoadedModel#readout()}).
 *
 * <ul>
 * <li>Classifier (failure within a horizon; class 0 is "none"): risk = P(any failure) = 1 − P(none), calibrated by the
 * bundle's {@link ProbabilityCalibration} when it has one (the per-class probabilities rescaled to match, see
 * {@link ProbabilityCalibration#applyRow}); risk and class probabilities are read from the raw outputs here, so every
 * path that reaches the answer (the model's call, the trees' own walk, the explanation's occlusions) is calibrated.</li>
 * <li>RUL: risk = 1 − clamp(RUL / L, 0, 1) with L the reference life (the cap).</li>
 * <li>Anomaly: risk = the calibrated anomaly score (the fraction of held-out normal rows scoring lower).</li>
 * </ul>
 * Health index = 100 × (1 − risk) for the supervised cases, i.e. 100·(1 − P(any failure)) and 100·RUL/L; for
 * anomaly models {@link HealthIndex}, 50 at the alarm threshold and about 100 on typical normal rows.
 */
sealed interface Readout permits Readout.Classifier, Readout.Rul, Readout.Anomaly {
    /** How many sensors an anomaly answer lists. */
    int TOP_SENSORS = 5;

    /**
     * The readout of {@code task}; {@code referenceLife} and {@code interval} are used by RUL models, {@code calibration}
     * by classifiers.
     */
    static Readout of(Task task, double referenceLife, Optional<RulInterval> interval,
                      Optional<ProbabilityCalibration> calibration) {
        if (task instanceof Task.FailureWithinHorizon f) {
            return new Classifier(f, calibration);
        }
        if (task instanceof Task.Anomaly a) {
            throw new PredictionException("an anomaly readout needs the model's column groups: use Readout.of(LoadedModel)");
        }
        Task.RemainingUsefulLife r = (Task.RemainingUsefulLife) task;
        return new Rul(r.unit(), referenceLife, interval);
    }

    /**
     * The readout of a model of {@code task} whose columns come from {@code groups}: what {@link LoadedModel} builds
     * once when it loads ({@link LoadedModel#readout()}).
     */
    static Readout of(Task task, ColumnGroups groups, double referenceLife, Optional<RulInterval> interval,
                      Optional<ProbabilityCalibration> calibration) {
        if (task instanceof Task.Anomaly a) {
            return new Anomaly(a, groups);
        }
        return of(task, referenceLife, interval, calibration);
    }

    /** The raw outputs of every row: probabilities {@code [row][class]} or values {@code [row][0]}. */
    double[][] outputs(Predictions p);

    /** The risk score of one row's outputs. */
    double risk(double[] out);

    /** Failure probabilities of a row (classifiers). */
    default Optional<FailureOutlook> failure(double[] out) {
        return Optional.empty();
    }

    /** Remaining life of a row (RUL models). */
    default Optional<RemainingLife> remainingLife(double[] out) {
        return Optional.empty();
    }

    /** Anomaly score and sensor contributions of a row (anomaly models). */
    default Optional<AnomalyOutlook> anomaly(double[] out) {
        return Optional.empty();
    }

    /** The 0–100 health index of a row: that of its risk. */
    default double health(double[] out) {
        return healthOfRisk(risk(out));
    }

    /** The 0–100 health index of a risk: 100 × (1 − risk) unless the task defines its own. */
    default double healthOfRisk(double risk) {
        return 100 * (1 - risk);
    }

    /** Failure within a horizon, calibrated when the bundle carries a calibration. */
    record Classifier(Task.FailureWithinHorizon task, Optional<ProbabilityCalibration> calibration) implements Readout {
        @Override
        public double[][] outputs(Predictions p) {
            if (!(p instanceof Predictions.Probabilities pr)) {
                throw new PredictionException("a failure-within-horizon model returned " + p + " instead of probabilities");
            }
            return pr.probabilities();
        }

        @Override
        public double risk(double[] out) {
            double any = Math.min(1, Math.max(0, 1 - out[0]));
            return calibration.isPresent() ? calibration.get().apply(any) : any;
        }

        @Override
        public Optional<FailureOutlook> failure(double[] raw) {
            double[] out = calibration.isPresent() ? calibration.get().applyRow(raw) : raw;
            List<String> classes = task.classes();
            Map<String, Double> by = new LinkedHashMap<>();
            for (int c = 1; c < classes.size(); c++) {
                by.put(classes.get(c), out[c]);
            }
            return Optional.of(new FailureOutlook(task.horizon(), risk(raw), by));
        }
    }

    /** Remaining useful life, with its conformal interval when the bundle has one. */
    record Rul(String unit, double referenceLife, Optional<RulInterval> interval) implements Readout {
        @Override
        public double[][] outputs(Predictions p) {
            if (!(p instanceof Predictions.Values v)) {
                throw new PredictionException("a remaining-useful-life model returned " + p + " instead of values");
            }
            double[] values = v.values();
            double[][] out = new double[values.length][];
            for (int r = 0; r < values.length; r++) {
                out[r] = new double[] {values[r]};
            }
            return out;
        }

        @Override
        public double risk(double[] out) {
            return 1 - Math.min(1, Math.max(0, out[0] / referenceLife));
        }

        @Override
        public Optional<RemainingLife> remainingLife(double[] out) {
            Optional<RemainingLife.Interval> band = interval.map(i -> {
                RulInterval.Band b = i.apply(out[0]);
                return new RemainingLife.Interval(b.low(), b.high(), i.coverage(), i.method().toString(), b.openAbove());
            });
            return Optional.of(new RemainingLife(out[0], unit, referenceLife, band));
        }
    }

    /**
     * An anomaly model: a row's outputs are {@code [score, raw, threshold, contribution_0, …]}; risk is the score.
     *
     * @param task   the anomaly task (its false-alarm rate sets the health index's midpoint)
     * @param groups which sensor each feature column comes from, to add contributions up per sensor
     */
    record Anomaly(Task.Anomaly task, ColumnGroups groups) implements Readout {
        private static final int HEAD = 3;

        @Override
        public double[][] outputs(Predictions p) {
            if (!(p instanceof Predictions.Anomalies a)) {
                throw new PredictionException("an anomaly model returned " + p + " instead of anomaly scores");
            }
            double[] scores = a.scores();
            double[] raw = a.raw();
            double[][] contributions = a.contributions();
            double[][] out = new double[scores.length][];
            for (int r = 0; r < out.length; r++) {
                out[r] = new double[HEAD + contributions[r].length];
                out[r][0] = scores[r];
                out[r][1] = raw[r];
                out[r][2] = a.threshold();
                System.arraycopy(contributions[r], 0, out[r], HEAD, contributions[r].length);
            }
            return out;
        }

        @Override
        public double risk(double[] out) {
            return out[0];
        }

        @Override
        public double healthOfRisk(double risk) {
            return HealthIndex.of(risk, task.falseAlarmRate());
        }

        @Override
        public Optional<AnomalyOutlook> anomaly(double[] out) {
            double raw = out[1];
            List<AnomalyOutlook.SensorContribution> sensors = new ArrayList<>(groups.size());
            for (int g = 0; g < groups.size(); g++) {
                double sum = 0;
                for (int c : groups.members(g)) {
                    sum += out[HEAD + c];
                }
                sensors.add(new AnomalyOutlook.SensorContribution(groups.names().get(g), sum, raw > 0 ? sum / raw : 0));
            }
            sensors.sort(Comparator.comparingDouble((AnomalyOutlook.SensorContribution s) -> -s.contribution()));
            return Optional.of(new AnomalyOutlook(out[0], raw, out[2], task.falseAlarmRate(), raw >= out[2],
                    sensors.subList(0, Math.min(TOP_SENSORS, sensors.size()))));
        }
    }
}
