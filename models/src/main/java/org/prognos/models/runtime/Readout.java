package org.prognos.models.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prognos.models.PredictionException;
import org.prognos.models.bundle.Task;
import org.prognos.models.calibration.ProbabilityCalibration;
import org.prognos.models.interval.RulInterval;
import org.prognos.models.predict.Predictions;
import org.prognos.models.runtime.answer.FailureOutlook;
import org.prognos.models.runtime.answer.RemainingLife;

/**
 * How a task's predictions become a risk score in [0, 1] and the task-specific part of an answer. One case per
 * task kind, chosen once per model ({@link #of}).
 *
 * <ul>
 * <li>Classifier (failure within a horizon; class 0 is "none"): risk = P(any failure) = 1 − P(none), calibrated by the
 * bundle's {@link ProbabilityCalibration} when it has one (the per-class probabilities rescaled to match, see
 * {@link ProbabilityCalibration#applyRow}); risk and class probabilities are read from the raw outputs here, so every
 * path that reaches the answer (the model's call, the trees' own walk, the explanation's occlusions) is calibrated.</li>
 * <li>RUL: risk = 1 − clamp(RUL / L, 0, 1) with L the reference life (the cap).</li>
 * </ul>
 * Health index = 100 × (1 − risk) in both cases, i.e. 100·(1 − P(any failure)) and 100·RUL/L.
 */
sealed interface Readout permits Readout.Classifier, Readout.Rul {

    /**
     * The readout of {@code task}; {@code referenceLife} and {@code interval} are used by RUL models, {@code calibration}
     * by classifiers.
     */
    static Readout of(Task task, double referenceLife, Optional<RulInterval> interval,
                      Optional<ProbabilityCalibration> calibration) {
        if (task instanceof Task.FailureWithinHorizon f) {
            return new Classifier(f, calibration);
        }
        Task.RemainingUsefulLife r = (Task.RemainingUsefulLife) task;
        return new Rul(r.unit(), referenceLife, interval);
    }

    /** The readout of a loaded model. */
    static Readout of(LoadedModel m) {
        return of(m.manifest().task(), m.policy().referenceLife(), m.interval(), m.calibration());
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
}
