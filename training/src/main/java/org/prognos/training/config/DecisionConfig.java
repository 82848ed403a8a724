package org.prognos.training.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.prognos.features.InvalidSpecException;

/**
 * How a failure-within-horizon job turns its model's scores into probabilities and alarms: the probability
 * calibration ({@code task.calibration}) and the alarm threshold's choice and guards ({@code task.threshold}).
 *
 * @param calibration the calibration method (default {@link CalibrationMethod#AUTO})
 * @param folds       cross-fitting folds over the training assets (default {@value #DEFAULT_FOLDS}); every training
 *                    row's calibration score comes from a model that never saw its asset
 * @param basis       which rows choose the threshold (default {@link ThresholdBasis#FOLDS})
 * @param minFailures below this many failure events on the choosing rows the job warns that the threshold rests on
 *                    few failures (default {@value #DEFAULT_MIN_FAILURES})
 * @param maxAlarmFraction     a threshold that puts more than this fraction of the choosing rows (asset-times) in
 *                             alarm flags that share of the fleet at any moment: degenerate (default
 *                             {@value #DEFAULT_MAX_ALARM_FRACTION}, "most of the fleet")
 * @param maxFalseAlarmsPerAssetMonth a threshold with more false-alarm rows than this per asset-month on the choosing
 *                             rows is degenerate (default {@value #DEFAULT_MAX_FALSE_ALARMS}, about one a day)
 * @param onDegenerate what a degenerate threshold does (default {@link OnDegenerate#WARN})
 */
public record DecisionConfig(CalibrationMethod calibration, int folds, ThresholdBasis basis, int minFailures,
                             double maxAlarmFraction, double maxFalseAlarmsPerAssetMonth, OnDegenerate onDegenerate) {
    /** Folds of a job that names none. */
    public static final int DEFAULT_FOLDS = 5;
    /** Failure events below which the job warns. */
    public static final int DEFAULT_MIN_FAILURES = 30;
    /** Alarm fraction above which a threshold is degenerate. */
    public static final double DEFAULT_MAX_ALARM_FRACTION = 0.5;
    /** False-alarm rows per asset-month above which a threshold is degenerate. */
    public static final double DEFAULT_MAX_FALSE_ALARMS = 30;

    public DecisionConfig {
        if (calibration == null || basis == null || onDegenerate == null) {
            throw new InvalidSpecException("'task.calibration.method', 'task.threshold.basis' and 'task.threshold.onDegenerate'"
                    + " must be set");
        }
        if (folds < 2) {
            throw new InvalidSpecException("'task.calibration.folds' must be at least 2, found " + folds);
        }
        if (minFailures < 0) {
            throw new InvalidSpecException("'task.threshold.minFailures' must not be negative, found " + minFailures);
        }
        if (!(maxAlarmFraction > 0 && maxAlarmFraction <= 1)) {
            throw new InvalidSpecException("'task.threshold.maxAlarmFraction' must be in (0, 1], found " + maxAlarmFraction);
        }
        if (!(maxFalseAlarmsPerAssetMonth > 0)) {
            throw new InvalidSpecException("'task.threshold.maxFalseAlarmsPerAssetMonth' must be positive, found "
                    + maxFalseAlarmsPerAssetMonth);
        }
    }

    /** Automatic calibration, thresholds across 5 asset folds, warnings at the defaults above. */
    public static DecisionConfig defaults() {
        return new DecisionConfig(CalibrationMethod.AUTO, DEFAULT_FOLDS, ThresholdBasis.FOLDS, DEFAULT_MIN_FAILURES,
                DEFAULT_MAX_ALARM_FRACTION, DEFAULT_MAX_FALSE_ALARMS, OnDegenerate.WARN);
    }

    /** Whether the job cross-fits its training rows (for the calibration or the threshold). */
    public boolean crossFits() {
        return calibration != CalibrationMethod.NONE || basis == ThresholdBasis.FOLDS;
    }

    /**
     * @param method {@code auto}, {@code isotonic}, {@code platt} or {@code none}
     * @param folds  cross-fitting folds
     */
    record Calibration(String method, Integer folds) {
        @JsonCreator
        Calibration(@JsonProperty("method") String method, @JsonProperty("folds") Integer folds) {
            this.method = method;
            this.folds = folds;
        }
    }

    /** {@code task.threshold} as a config writes it. */
    record Threshold(String basis, Integer minFailures, Double maxAlarmFraction, Double maxFalseAlarmsPerAssetMonth,
                     String onDegenerate) {
        @JsonCreator
        Threshold(@JsonProperty("basis") String basis, @JsonProperty("minFailures") Integer minFailures,
                  @JsonProperty("maxAlarmFraction") Double maxAlarmFraction,
                  @JsonProperty("maxFalseAlarmsPerAssetMonth") Double maxFalseAlarmsPerAssetMonth,
                  @JsonProperty("onDegenerate") String onDegenerate) {
            this.basis = basis;
            this.minFailures = minFailures;
            this.maxAlarmFraction = maxAlarmFraction;
            this.maxFalseAlarmsPerAssetMonth = maxFalseAlarmsPerAssetMonth;
            this.onDegenerate = onDegenerate;
        }
    }

    /** The decision {@code task.calibration} and {@code task.threshold} describe; absent fields take the defaults. */
    static DecisionConfig of(Calibration c, Threshold t) {
        DecisionConfig d = defaults();
        return new DecisionConfig(
                c == null || c.method() == null ? d.calibration()
                        : WireNames.parse(CalibrationMethod.class, "task.calibration.method", c.method()),
                c == null || c.folds() == null ? d.folds() : c.folds(),
                t == null || t.basis() == null ? d.basis() : WireNames.parse(ThresholdBasis.class, "task.threshold.basis", t.basis()),
                t == null || t.minFailures() == null ? d.minFailures() : t.minFailures(),
                t == null || t.maxAlarmFraction() == null ? d.maxAlarmFraction() : t.maxAlarmFraction(),
                t == null || t.maxFalseAlarmsPerAssetMonth() == null ? d.maxFalseAlarmsPerAssetMonth() : t.maxFalseAlarmsPerAssetMonth(),
                t == null || t.onDegenerate() == null ? d.onDegenerate()
                        : WireNames.parse(OnDegenerate.class, "task.threshold.onDegenerate", t.onDegenerate()));
    }

    /** How P(any failure) is calibrated ({@code task.calibration.method}). */
    public enum CalibrationMethod {
        /** Isotonic, Platt or none, whichever has the lowest log-loss cross-validated over training assets (default). */
        AUTO,
        /** Isotonic regression (pool adjacent violators). */
        ISOTONIC,
        /** Platt scaling: a logistic curve on the score's logit. */
        PLATT,
        /** The model's own probabilities. */
        NONE;

        @Override
        public String toString() {
            return WireNames.of(this);
        }
    }

    /** Which rows choose the alarm threshold ({@code task.threshold.basis}). */
    public enum ThresholdBasis {
        /**
         * The out-of-fold (calibrated) predictions of every training asset, by asset fold: the threshold costing least
         * over all folds pooled, with the per-fold thresholds' spread reported (default). The validation fraction then
         * joins the training rows.
         */
        FOLDS,
        /** The validation rows ({@code split.validationFraction}, or the validation period of a time split). */
        VALIDATION;

        @Override
        public String toString() {
            return WireNames.of(this);
        }
    }

    /** What a degenerate threshold does ({@code task.threshold.onDegenerate}). */
    public enum OnDegenerate {
        /** Publish, with the warning in the job output, metrics.json and the report (default). */
        WARN,
        /** Fail the job with the reason; nothing is published. */
        REFUSE;

        @Override
        public String toString() {
            return WireNames.of(this);
        }
    }
}
