package org.prognos.models.runtime;

import java.util.List;
import java.util.Optional;

/**
 * One asset's feature vector, ready to score.
 *
 * @param asset    the asset id, when known
 * @param time     the tick the features were evaluated at
 * @param values   the features, in the model's column order (owned by this vector: not copied)
 * @param readings how many readings they were computed from
 * @param warnings notes for the answer
 */
public record FeatureVector(Optional<String> asset, long time, double[] values, long readings, List<String> warnings) {
    public FeatureVector {
        warnings = List.copyOf(warnings);
    }
}
