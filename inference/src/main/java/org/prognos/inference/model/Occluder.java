package org.prognos.inference.model;

import org.prognos.models.predict.Predictions;

/**
 * Predictions of a row and of its occluded copies (fixed column sets at fixed reference values), computed faster
 * than scoring every copy: see {@link TreeEnsemble}. Thread-safe.
 */
public interface Occluder {
    /** Row 0: {@code x}; row 1 + s: {@code x} with set s at its references. Same classes as the model's predictions. */
    Predictions occlude(double[] x);

    /** Whether row 0 is exactly the model's prediction of {@code x} (then the caller need not ask the model). */
    default boolean exact() {
        return false;
    }

    /** A predictor that can make an {@link Occluder} for given sets and references. */
    interface Source {
        /** An occluder for these column sets and references (one per column), if this model has one. */
        java.util.Optional<Occluder> occluder(int[][] sets, double[] reference);
    }
}
