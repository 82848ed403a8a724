package org.prognos.models.runtime.answer;

/**
 * Predicted remaining useful life.
 *
 * @param value         the prediction, in {@code unit}s
 * @param unit          the unit, e.g. {@code cycle}
 * @param referenceLife the life that counts as fully healthy (the training cap, when there was one)
 */
public record RemainingLife(double value, String unit, double referenceLife) {
}
