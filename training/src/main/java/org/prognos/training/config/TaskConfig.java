package org.prognos.training.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.labels.Labeler;
import org.prognos.features.telemetry.TimeAxis;

/**
 * What a job predicts ({@code task}): a closed set, chosen by {@code task.type}. Each case builds the labeler that
 * labels its training rows.
 */
public sealed interface TaskConfig permits TaskConfig.FailureWithinHorizon, TaskConfig.RemainingUsefulLife, TaskConfig.Anomaly {
    /** Whether the task is a classification (failure within a horizon) rather than a regression. */
    boolean isClassification();

    /** The name a config writes in {@code task.type}. */
    String type();

    /** The labeler of the training rows; spans are read on {@code axis}. */
    Labeler labeler(TimeAxis axis);

    /**
     * Reads {@code task} as a config writes it. Fields another type reads are accepted and ignored, as they always
     * were ({@code cap} beside a horizon).
     *
     * @param type       {@code failure-within-horizon} or {@code remaining-useful-life}
     * @param horizon    for failure tasks, e.g. {@code 24h} or {@code 30} (cycles)
     * @param components for per-component failure tasks; absent or empty for "any failure"
     * @param censoring  {@code drop} (default) or {@code negative}
     * @param cap        RUL cap in units (C-MAPSS: 125); absent for no cap
     * @param unit       RUL unit: {@code 1} cycle, or a span such as {@code 1h} / {@code 1d}; absent for the time
     *                   axis's natural unit
     * @param interval   RUL: the conformal interval to fit; absent for the defaults (90 %, binned, 5 folds)
     * @param normal     anomaly: the data declared normal ({@link NormalSelection}); absent for all of it
     * @param falseAlarmRate anomaly: the share of held-out normal rows the alarm threshold lets through (default 0.01)
     * @param scoring    anomaly: how the service scores the model ({@link ScoringConfig}); absent for static
     * @param calibration failure tasks: how P(any failure) is calibrated; absent for the defaults ({@link DecisionConfig})
     * @param threshold  failure tasks: how the alarm threshold is chosen and guarded; absent for the defaults
     * @param scaling    anomaly: {@code fleet} (default: one column scaling for every asset) or {@code asset} (each
     *                   asset its own, {@link Scaling}); refused in a failure or RUL job
     * @param detector   anomaly: {@code fleet} (default: one detector for every asset) or {@code asset} (each asset
     *                   its own, {@link DetectorScope}); {@code asset} needs {@code scaling: asset} and is refused in a
     *                   failure or RUL job
     */
    @JsonCreator
    static TaskConfig of(@JsonProperty("type") String type, @JsonProperty("horizon") String horizon,
                         @JsonProperty("components") List<String> components, @JsonProperty("censoring") String censoring,
                         @JsonProperty("cap") Long cap, @JsonProperty("unit") String unit,
                         @JsonProperty("interval") IntervalConfig interval, @JsonProperty("normal") JsonNode normal,
                         @JsonProperty("falseAlarmRate") Double falseAlarmRate,
                         @JsonProperty("calibration") DecisionConfig.Calibration calibration,
                         @JsonProperty("threshold") DecisionConfig.Threshold threshold,
                         @JsonProperty("scoring") JsonNode scoring, @JsonProperty("scaling") String scaling,
                         @JsonProperty("detector") String detector) {
        TrainingConfig.require("task.type", type);
        Kind kind = WireNames.parse(Kind.class, "task.type", type);
        Scaling s = scaling == null ? null : WireNames.parse(Scaling.class, "task.scaling", scaling);   // null: the job's default
        if (kind != Kind.ANOMALY && s == Scaling.ASSET) {
            throw new InvalidSpecException("'task.scaling' asset (each asset's rows scaled by its own normal) is read by"
                    + " anomaly jobs only ('task.type: anomaly'); a " + kind + " job learns its labels on the rows as the"
                    + " spec gives them: drop 'task.scaling'");
        }
        DetectorScope d = detector == null ? DetectorScope.FLEET
                : WireNames.parse(DetectorScope.class, "task.detector", detector);
        if (kind != Kind.ANOMALY && d == DetectorScope.ASSET) {
            throw new InvalidSpecException("'task.detector' asset (each asset judged by a detector fitted on its own normal"
                    + " rows) is read by anomaly jobs only ('task.type: anomaly'); a " + kind + " job fits one model on"
                    + " its labels: drop 'task.detector'");
        }
        if (d == DetectorScope.ASSET && s == Scaling.FLEET) {
            throw Anomaly.fleetScalingRefused("'task.scaling: fleet' is named");
        }
        Censoring c = censoring == null ? Censoring.DROP : WireNames.parse(Censoring.class, "task.censoring", censoring);
        if (cap != null && cap <= 0) {
            throw new InvalidSpecException("'task.cap' must be positive, found " + cap);
        }
        if (kind == Kind.ANOMALY) {
            return new Anomaly(NormalSelection.parse(normal), falseAlarmRate == null ? Anomaly.DEFAULT_FALSE_ALARM_RATE : falseAlarmRate,
                    ScoringConfig.parse(scoring), s, d);
        }
        if (kind == Kind.FAILURE_WITHIN_HORIZON) {
            TrainingConfig.require("task.horizon", horizon);
            return new FailureWithinHorizon(horizon, components == null ? List.of() : components, c,
                    DecisionConfig.of(calibration, threshold));
        }
        return new RemainingUsefulLife(cap == null ? OptionalLong.empty() : OptionalLong.of(cap), Optional.ofNullable(unit),
                interval == null ? IntervalConfig.defaults() : interval);
    }

    /** The task types, as {@code task.type} names them. */
    enum Kind {
        FAILURE_WITHIN_HORIZON, REMAINING_USEFUL_LIFE, ANOMALY;

        @Override
        public String toString() {
            return WireNames.of(this);
        }
    }

    /**
     * How an anomaly job scales the feature columns before the detector ({@code task.scaling}): one scaling fitted on
     * every fitting asset's normal rows, or each asset's own from its own normal fitting rows (an asset with fewer than
     * two of them, or one seen only when scored, keeps the fleet's).
     */
    public enum Scaling {
        /** One mean and standard deviation per column, pooled over the fleet's normal fitting rows (default). */
        FLEET,
        /** Each asset's own ({@code ColumnScaling.fitOwn}): its normal level is its own normal, not the fleet's. */
        ASSET;

        @Override
        public String toString() {
            return WireNames.of(this);
        }
    }

    /**
     * Whose detector an anomaly job fits ({@code task.detector}): one on every fitting asset's normal rows, or beside it
     * each asset's own on its own normal fitting rows, scaled by its own scaling (an asset with too few of them for the
     * family, or one seen only when scored, keeps the fleet's).
     */
    public enum DetectorScope {
        /** One detector for the fleet, fitted on every asset's normal fitting rows (default). */
        FLEET,
        /** Each asset its own, fitted on its own scaled normal fitting rows with the family's settings and the seed. */
        ASSET;

        @Override
        public String toString() {
            return WireNames.of(this);
        }
    }

    /** What a failure task does with rows too close to the data's end to know their label. */
    enum Censoring {
        /** Leave them out (default). */
        DROP,
        /** Label them "no failure". */
        NEGATIVE;

        @Override
        public String toString() {
            return WireNames.of(this);
        }

        org.prognos.features.labels.FailureWithinHorizon.Censoring toLabels() {
            return this == DROP ? org.prognos.features.labels.FailureWithinHorizon.Censoring.DROP
                    : org.prognos.features.labels.FailureWithinHorizon.Censoring.NEGATIVE;
        }
    }

    /**
     * Which component (or any) fails within the horizon of a row.
     *
     * @param horizon    e.g. {@code 24h} or {@code 30} (cycles), read on the spec's time axis
     * @param components per-component classes; empty for "any failure"
     * @param censoring  what rows whose horizon passes the data's end become
     * @param decision   how probabilities are calibrated and the alarm threshold chosen
     */
    record FailureWithinHorizon(String horizon, List<String> components, Censoring censoring, DecisionConfig decision)
            implements TaskConfig {
        public FailureWithinHorizon {
            TrainingConfig.require("task.horizon", horizon);
            components = List.copyOf(components);
            java.util.Objects.requireNonNull(decision, "decision");
        }

        /** A failure task with the default calibration and threshold choice. */
        public FailureWithinHorizon(String horizon, List<String> components, Censoring censoring) {
            this(horizon, components, censoring, DecisionConfig.defaults());
        }

        @Override
        public boolean isClassification() {
            return true;
        }

        @Override
        public String type() {
            return Kind.FAILURE_WITHIN_HORIZON.toString();
        }

        @Override
        public org.prognos.features.labels.FailureWithinHorizon labeler(TimeAxis axis) {
            long h;
            try {
                h = axis.parseSpan(horizon);
            } catch (InvalidSpecException e) {
                throw new InvalidSpecException("at 'task.horizon': " + e.getMessage());
            }
            return new org.prognos.features.labels.FailureWithinHorizon(h, components, censoring.toLabels());
        }
    }

    /**
     * Remaining useful life of a row, in {@code unit}s.
     *
     * @param cap  the cap training labels are clipped to (C-MAPSS: 125); empty for none
     * @param unit {@code 1} cycle, or a span such as {@code 1h}; empty for the time axis's natural unit
     * @param interval the conformal interval the job fits around the estimate
     */
    record RemainingUsefulLife(OptionalLong cap, Optional<String> unit, IntervalConfig interval) implements TaskConfig {
        public RemainingUsefulLife {
            java.util.Objects.requireNonNull(interval, "interval");
            if (cap.isPresent() && cap.getAsLong() <= 0) {
                throw new InvalidSpecException("'task.cap' must be positive, found " + cap.getAsLong());
            }
        }

        @Override
        public boolean isClassification() {
            return false;
        }

        @Override
        public String type() {
            return Kind.REMAINING_USEFUL_LIFE.toString();
        }

        @Override
        public org.prognos.features.labels.RemainingUsefulLife labeler(TimeAxis axis) {
            long ticks = unit.isEmpty() ? axis.naturalUnit() : axis.parseSpan(unit.get());
            return new org.prognos.features.labels.RemainingUsefulLife(ticks, cap);
        }

        /** The unit the bundle states: the configured one, else {@code 1} (cycles) or {@code 1h} (timestamps). */
        public String unitName(TimeAxis axis) {
            return unit.orElse(axis instanceof TimeAxis.Cycles ? "1" : "1h");
        }
    }

    /**
     * Health without failure labels: a detector fitted on the rows declared normal, its score calibrated on held-out
     * normal rows (the validation assets of the split), evaluated against the failure log of the test assets.
     *
     * @param normal         the data declared normal
     * @param falseAlarmRate the share of held-out normal rows at or above the alarm threshold, in (0, 0.5]
     * @param scoring        how the service scores the bundle's model: each row alone, or adaptively per asset
     * @param scaling        one column scaling for the fleet, or each asset its own ({@link Scaling}); {@code null}
     *                       while a job file that names none is read: the job resolves it ({@link TrainingConfig}:
     *                       {@code asset} with a learning period per asset, {@code split.learn}, else {@code fleet})
     * @param detector       one detector for the fleet, or each asset its own ({@link DetectorScope}); {@code asset}
     *                       needs {@code scaling} {@code asset} once the job resolved it ({@link TrainingConfig})
     */
    record Anomaly(NormalSelection normal, double falseAlarmRate, org.prognos.models.anomaly.AnomalyScoring scoring,
                   Scaling scaling, DetectorScope detector) implements TaskConfig {
        /** The false-alarm rate of a config that names none. */
        public static final double DEFAULT_FALSE_ALARM_RATE = 0.01;

        public Anomaly {
            java.util.Objects.requireNonNull(normal, "normal");
            java.util.Objects.requireNonNull(scoring, "scoring");
            java.util.Objects.requireNonNull(detector, "detector");
            if (!(falseAlarmRate > 0 && falseAlarmRate <= 0.5)) {
                throw new InvalidSpecException("'task.falseAlarmRate' must be in (0, 0.5], found " + falseAlarmRate);
            }
        }

        /** A task whose model is scored statically (each row alone). */
        public Anomaly(NormalSelection normal, double falseAlarmRate) {
            this(normal, falseAlarmRate, org.prognos.models.anomaly.AnomalyScoring.STATIC);
        }

        /** A task scaled as the fleet ({@link Scaling#FLEET}), the default. */
        public Anomaly(NormalSelection normal, double falseAlarmRate, org.prognos.models.anomaly.AnomalyScoring scoring) {
            this(normal, falseAlarmRate, scoring, Scaling.FLEET);
        }

        /** A task scaled as {@code scaling} with one detector for the fleet ({@link DetectorScope#FLEET}), the default. */
        public Anomaly(NormalSelection normal, double falseAlarmRate, org.prognos.models.anomaly.AnomalyScoring scoring,
                       Scaling scaling) {
            this(normal, falseAlarmRate, scoring, scaling, DetectorScope.FLEET);
        }

        /**
         * The refusal of {@code task.scaling: asset} under an asset split, {@code split} saying which
         * ({@code 'data.test'}, {@code 'split.testAssets'}, …).
         */
        public static InvalidSpecException assetSplitRefused(String split) {
            return new InvalidSpecException("'task.scaling: asset' learns each asset's normal from its own rows in"
                    + " training, and an asset split (" + split + ") evaluates assets that have none there: split each"
                    + " asset in time ('split.learn' or 'split.cutoff' with 'split.method: time'), or keep"
                    + " 'task.scaling: fleet'");
        }

        /**
         * The refusal of {@code task.detector: asset} under an asset split, {@code split} saying which, in the words of
         * {@link #assetSplitRefused}.
         */
        public static InvalidSpecException assetSplitRefusedForDetector(String split) {
            return new InvalidSpecException("'task.detector: asset' fits each asset's detector on its own rows in"
                    + " training, and an asset split (" + split + ") evaluates assets that have none there: split each"
                    + " asset in time ('split.learn' or 'split.cutoff' with 'split.method: time'), or keep"
                    + " 'task.detector: fleet'");
        }

        /**
         * The refusal of {@code task.detector: asset} on the fleet's scaling, {@code why} saying where that scaling comes
         * from (named, or the default without {@code split.learn}).
         */
        static InvalidSpecException fleetScalingRefused(String why) {
            return new InvalidSpecException("'task.detector: asset' fits each asset's detector on its own rows scaled by"
                    + " its own normal, and " + why + ": set 'task.scaling: asset' beside 'task.detector: asset', or"
                    + " keep 'task.detector: fleet'");
        }

        /** This task with {@code to} as its scaling. */
        public Anomaly withScaling(Scaling to) {
            return new Anomaly(normal, falseAlarmRate, scoring, to, detector);
        }

        @Override
        public boolean isClassification() {
            return false;
        }

        @Override
        public String type() {
            return Kind.ANOMALY.toString();
        }

        /**
         * Never fitted on: the anomaly job reads the failure log only to evaluate. This labeler (any failure within one
         * natural unit, censored rows negative) exists so that every task opens its data the same way. Opening the
         * data is also where the task first sees the spec's axis: a warm-up in time ({@code task.scoring.warmUp: 2d},
         * read in microseconds) is refused on cycles.
         */
        @Override
        public org.prognos.features.labels.FailureWithinHorizon labeler(TimeAxis axis) {
            if (axis instanceof TimeAxis.Cycles && scoring instanceof org.prognos.models.anomaly.AnomalyScoring.Adaptive a
                    && a.settings().warmUpTicks() > 0) {
                throw new InvalidSpecException("at 'task.scoring.warmUp': a warm-up in time needs data on timestamps; this"
                        + " spec counts cycles, so give the warm-up in rows");
            }
            return new org.prognos.features.labels.FailureWithinHorizon(axis.naturalUnit(), List.of(),
                    org.prognos.features.labels.FailureWithinHorizon.Censoring.NEGATIVE);
        }
    }
}
