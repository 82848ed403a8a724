package org.prognos.models.runtime.answer;

import java.util.OptionalDouble;

/**
 * One feature's part in a score.
 *
 * @param feature      the feature column
 * @param group        its sensor, or {@code events} / {@code attributes} / {@code age}
 * @param value        its value (absent when missing)
 * @param reference    the value it was replaced by (absent: "missing")
 * @param contribution risk score minus the risk score with this feature at its reference value
 */
public record FeatureContribution(String feature, String group, OptionalDouble value, OptionalDouble reference,
                                  double contribution) {
}
