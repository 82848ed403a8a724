package org.prognos.models.bundle;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import org.prognos.models.BundleFormatException;

/**
 * What a model predicts. A closed set: Prognos answers "will it fail within the horizon?" (classification over
 * the labeler's classes), "how long until it fails?" (regression of remaining useful life) and, without failure
 * labels, "how unlike normal operation is it?" (an anomaly score). Each case knows
 * the shape of its predictions, so adapters ask the task instead of switching on it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Task.FailureWithinHorizon.class, name = "failure-within-horizon"),
    @JsonSubTypes.Type(value = Task.RemainingUsefulLife.class, name = "remaining-useful-life"),
    @JsonSubTypes.Type(value = Task.Anomaly.class, name = "anomaly")})
public sealed interface Task permits Task.FailureWithinHorizon, Task.RemainingUsefulLife, Task.Anomaly {

    /** Whether predictions are class probabilities (else one real value per row). */
    @JsonIgnore
    boolean isClassification();

    /** The output names: class names in probability order, or the single target name. */
    @JsonIgnore
    List<String> outputNames();

    /** The task's name on the wire ({@code failure-within-horizon}, {@code remaining-useful-life}, {@code anomaly}). */
    @JsonIgnore
    String typeName();

    /** The task of a model trained with {@code labeler}; {@code horizon} is its human form, e.g. {@code "48h"}. */
    static FailureWithinHorizon of(org.prognos.features.labels.FailureWithinHorizon labeler, String horizon) {
        return new FailureWithinHorizon(labeler.horizon(), horizon, labeler.classes());
    }

    /** The task of a model trained with {@code labeler}; {@code unit} is the unit's human form, e.g. {@code "cycle"}. */
    static RemainingUsefulLife of(org.prognos.features.labels.RemainingUsefulLife labeler, String unit) {
        return new RemainingUsefulLife(unit, labeler.cap().isPresent()
                ? OptionalDouble.of(labeler.cap().getAsLong()) : OptionalDouble.empty());
    }

    /**
     * Failure within a horizon: one probability per class, in {@code classes} order. Class 0 is "no failure";
     * the others are "failure" (binary) or the failing component.
     *
     * @param horizonTicks the horizon in ticks of the feature spec's time axis
     * @param horizon      the horizon as written in the job config, e.g. {@code "48h"} or {@code "30"} cycles
     * @param classes      at least two distinct class names
     */
    record FailureWithinHorizon(long horizonTicks, String horizon, List<String> classes) implements Task {
        public FailureWithinHorizon {
            if (horizonTicks <= 0) {
                throw new BundleFormatException("task horizonTicks must be positive, found " + horizonTicks);
            }
            if (horizon == null || horizon.isBlank()) {
                throw new BundleFormatException("task horizon text is required, e.g. \"48h\"");
            }
            if (classes == null || classes.size() < 2) {
                throw new BundleFormatException("a failure-within-horizon task needs at least two classes, found " + classes);
            }
            classes = List.copyOf(classes);
            if (new HashSet<>(classes).size() != classes.size()) {
                throw new BundleFormatException("task classes name a class twice: " + classes);
            }
        }

        @Override
        public boolean isClassification() {
            return true;
        }

        @Override
        public List<String> outputNames() {
            return classes;
        }

        @Override
        public String typeName() {
            return "failure-within-horizon";
        }
    }

    /**
     * Remaining useful life, in {@code unit}s, optionally capped (piecewise-linear RUL).
     *
     * @param unit the unit of the predicted value, e.g. {@code "cycle"} or {@code "day"}
     * @param cap  the cap the labels were clipped to, if any
     */
    record RemainingUsefulLife(String unit, OptionalDouble cap) implements Task {
        public RemainingUsefulLife {
            if (unit == null || unit.isBlank()) {
                throw new BundleFormatException("task unit is required, e.g. \"cycle\"");
            }
            if (cap == null) {
                cap = OptionalDouble.empty();
            }
            if (cap.isPresent() && !(cap.getAsDouble() > 0 && Double.isFinite(cap.getAsDouble()))) {
                throw new BundleFormatException("task cap must be positive and finite, found " + cap.getAsDouble());
            }
        }

        @Override
        public boolean isClassification() {
            return false;
        }

        @Override
        public List<String> outputNames() {
            return List.of("rul");
        }

        @Override
        public String typeName() {
            return "remaining-useful-life";
        }
    }

    /**
     * How unlike the data declared normal a row is, learned without failure labels. The score is calibrated on
     * held-out normal rows: a score of s means a fraction s of those rows scored lower, so alarming at
     * {@code 1 - falseAlarmRate} alarms on about that fraction of normal rows.
     *
     * @param family         the detector family, e.g. {@code pca} or {@code knn}
     * @param falseAlarmRate the fraction of held-out normal rows the alarm threshold lets through, in (0, 0.5]
     */
    record Anomaly(String family, double falseAlarmRate) implements Task {
        public Anomaly {
            if (family == null || family.isBlank()) {
                throw new BundleFormatException("an anomaly task names its detector family, e.g. \"pca\"");
            }
            if (!(falseAlarmRate > 0 && falseAlarmRate <= 0.5)) {
                throw new BundleFormatException("anomaly task falseAlarmRate must be in (0, 0.5], found " + falseAlarmRate);
            }
        }

        @Override
        public boolean isClassification() {
            return false;
        }

        @Override
        public List<String> outputNames() {
            return List.of("anomaly");
        }

        @Override
        public String typeName() {
            return "anomaly";
        }

        /** The alarm threshold on the calibrated score: {@code 1 - falseAlarmRate}. */
        public double scoreThreshold() {
            return 1 - falseAlarmRate;
        }
    }
}
