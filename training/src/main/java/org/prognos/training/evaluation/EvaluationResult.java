package org.prognos.training.evaluation;

import java.util.Objects;
import java.util.Optional;

/**
 * One named column of a report: the evaluation of a trained model or of a baseline on the same rows. A result holds
 * whichever evaluations its task has (classification, events and a threshold for failure-within-horizon tasks,
 * regression for RUL); the report shows a section when at least one result has its data.
 *
 * <pre>{@code
 * EvaluationResult model = EvaluationResult.model("gbt").withClassification(ClassificationMetrics.of(y, p, classes));
 * EvaluationResult prior = EvaluationResult.baseline("class prior").withClassification(...);
 * }</pre>
 *
 * @param name           the name shown in tables and legends, unique within a report
 * @param role           a trained model or a baseline to beat
 * @param classification row-level classification metrics
 * @param events         event-level metrics
 * @param regression     regression metrics
 * @param threshold      the cost-based threshold chosen on validation rows
 */
public record EvaluationResult(String name, Role role, Optional<ClassificationMetrics> classification,
                               Optional<EventMetrics> events, Optional<RegressionMetrics> regression,
                               Optional<ThresholdChoice> threshold) {
    /** What a result is. */
    public enum Role {
        /** A trained model. */
        MODEL,
        /** A baseline the model must beat. */
        BASELINE
    }

    public EvaluationResult {
        if (name == null || name.isBlank()) {
            throw new EvaluationException("a result needs a non-blank name, found '" + name + "'");
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(regression, "regression");
        Objects.requireNonNull(threshold, "threshold");
    }

    /** An empty result for a trained model. */
    public static EvaluationResult model(String name) {
        return new EvaluationResult(name, Role.MODEL, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** An empty result for a baseline. */
    public static EvaluationResult baseline(String name) {
        return new EvaluationResult(name, Role.BASELINE, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** This result with classification metrics. */
    public EvaluationResult withClassification(ClassificationMetrics metrics) {
        return new EvaluationResult(name, role, Optional.of(metrics), events, regression, threshold);
    }

    /** This result with event metrics. */
    public EvaluationResult withEvents(EventMetrics metrics) {
        return new EvaluationResult(name, role, classification, Optional.of(metrics), regression, threshold);
    }

    /** This result with regression metrics. */
    public EvaluationResult withRegression(RegressionMetrics metrics) {
        return new EvaluationResult(name, role, classification, events, Optional.of(metrics), threshold);
    }

    /** This result with a cost-based threshold. */
    public EvaluationResult withThreshold(ThresholdChoice choice) {
        return new EvaluationResult(name, role, classification, events, regression, Optional.of(choice));
    }

    /** Whether this is a baseline. */
    public boolean isBaseline() {
        return role == Role.BASELINE;
    }
}
