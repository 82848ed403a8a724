package org.prognos.models.runtime.answer;

import java.util.List;
import java.util.Optional;

/**
 * An anomaly model's answer: how unlike the data declared normal the asset looks, and which sensors make it so.
 *
 * @param score          in [0, 1]: the fraction of held-out normal rows whose raw score was lower
 * @param rawScore       the detector's raw score (its own scale, e.g. T²/T²₉₉ + Q/Q₉₉ for PCA)
 * @param threshold      the raw score at which the model alarms
 * @param falseAlarmRate the fraction of held-out normal rows at or above the threshold, by construction
 * @param alarm          whether {@code rawScore} reaches {@code threshold}
 * @param sensors        the sensors (and other column groups) contributing most to the raw score, largest first
 * @param adaptive       for a model scored adaptively, the asset's adaptive score (which then sets the answer's risk,
 *                       band and health index); the fields above stay the fitted model's view of the same row
 */
public record AnomalyOutlook(double score, double rawScore, double threshold, double falseAlarmRate, boolean alarm,
                             List<SensorContribution> sensors, Optional<Adaptive> adaptive) {
    public AnomalyOutlook {
        sensors = List.copyOf(sensors);
        java.util.Objects.requireNonNull(adaptive, "adaptive");
    }

    /** A fitted model's outlook, scored statically. */
    public AnomalyOutlook(double score, double rawScore, double threshold, double falseAlarmRate, boolean alarm,
                          List<SensorContribution> sensors) {
        this(score, rawScore, threshold, falseAlarmRate, alarm, sensors, Optional.empty());
    }

    /** This outlook with its adaptive part. */
    public AnomalyOutlook withAdaptive(Adaptive a) {
        return new AnomalyOutlook(score, rawScore, threshold, falseAlarmRate, alarm, sensors, Optional.of(a));
    }

    /**
     * The asset's adaptive score after its last feature row (see {@code org.prognos.models.anomaly.AdaptiveScoring}).
     *
     * @param score      in [0, 1]: the likelihood, 1 for a new extreme, 0 while warming up or resting after an alarm
     * @param likelihood Φ(z) of the recent raw scores against the asset's own history, before any rest
     * @param rawScore   the raw score the likelihood judges (online neighbours' mean distance, or the fitted detector's);
     *                   empty while online neighbours have too few rows
     * @param alarmLevel the score at which it alarms (and the band "high" starts)
     * @param alarm      whether {@code score} reaches {@code alarmLevel}
     * @param rows       feature rows of this asset the scorer has seen
     */
    public record Adaptive(double score, double likelihood, java.util.OptionalDouble rawScore, double alarmLevel, boolean alarm,
                           long rows) {
    }

    /**
     * One sensor's part in a raw anomaly score: the sum of its feature columns' contributions.
     *
     * @param sensor       the sensor (input channel) name, or {@code events} / {@code attributes} / {@code age}
     * @param contribution its part of the raw score (a PCA T² part can be negative)
     * @param share        {@code contribution / rawScore}; 0 when the raw score is 0
     */
    public record SensorContribution(String sensor, double contribution, double share) {
    }
}
