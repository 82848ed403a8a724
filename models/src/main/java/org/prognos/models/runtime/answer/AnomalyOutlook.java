package org.prognos.models.runtime.answer;

import java.util.List;

/**
 * An anomaly model's answer: how unlike the data declared normal the asset looks, and which sensors make it so.
 *
 * @param score          in [0, 1]: the fraction of held-out normal rows whose raw score was lower
 * @param rawScore       the detector's raw score (its own scale, e.g. T²/T²₉₉ + Q/Q₉₉ for PCA)
 * @param threshold      the raw score at which the model alarms
 * @param falseAlarmRate the fraction of held-out normal rows at or above the threshold, by construction
 * @param alarm          whether {@code rawScore} reaches {@code threshold}
 * @param sensors        the sensors (and other column groups) contributing most to the raw score, largest first
 */
public record AnomalyOutlook(double score, double rawScore, double threshold, double falseAlarmRate, boolean alarm,
                             List<SensorContribution> sensors) {
    public AnomalyOutlook {
        sensors = List.copyOf(sensors);
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
