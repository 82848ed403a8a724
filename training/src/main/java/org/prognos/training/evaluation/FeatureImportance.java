package org.prognos.training.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Feature importances of one model as the trainer measured them (split gain, permutation drop, |coefficient|…):
 * the report draws the largest by absolute value.
 *
 * @param model   the result the importances belong to
 * @param method  how they were measured, shown in the caption (e.g. {@code "XGBoost gain"})
 * @param entries one value per feature
 */
public record FeatureImportance(String model, String method, List<Entry> entries) {
    /** Bars drawn in the report. */
    public static final int TOP = 20;

    /**
     * The importance of one feature.
     *
     * @param feature the feature column
     * @param value   its importance, finite
     */
    public record Entry(String feature, double value) {
        public Entry {
            Objects.requireNonNull(feature, "feature");
            if (!Double.isFinite(value)) {
                throw new EvaluationException("importance of '" + feature + "' is " + value + "; it must be finite");
            }
        }
    }

    public FeatureImportance {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(method, "method");
        entries = List.copyOf(entries);
        Set<String> seen = new HashSet<>();
        for (Entry e : entries) {
            if (!seen.add(e.feature())) {
                throw new EvaluationException("feature importance of '" + model + "' names '" + e.feature() + "' twice");
            }
        }
    }

    /** Importances given as parallel names and values. */
    public static FeatureImportance of(String model, String method, List<String> features, double[] values) {
        if (features.size() != values.length) {
            throw new EvaluationException("feature importance of '" + model + "': " + features.size()
                    + " features but " + values.length + " values");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            entries.add(new Entry(features.get(i), values[i]));
        }
        return new FeatureImportance(model, method, entries);
    }

    /** The {@code n} largest by absolute value, largest first (ties by name). */
    public List<Entry> top(int n) {
        return entries.stream()
                .sorted(Comparator.comparingDouble((Entry e) -> -Math.abs(e.value())).thenComparing(Entry::feature))
                .limit(n)
                .toList();
    }
}
