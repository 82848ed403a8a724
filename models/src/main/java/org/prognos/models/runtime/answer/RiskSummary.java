package org.prognos.models.runtime.answer;

/**
 * The risk score and its band.
 *
 * @param score     0 to 1: P(any failure within the horizon) for classifiers, 1 − RUL / reference life for RUL models
 * @param band      {@code low}, {@code watch}, {@code high} or {@code critical}
 * @param threshold the model's alarm threshold on the score
 * @param alarm     whether the score reaches the threshold
 * @param action    what the band suggests
 */
public record RiskSummary(double score, String band, double threshold, boolean alarm, String action) {
}
