package org.prognos.models.predict;

import java.util.Optional;

/**
 * Predictions of a row and of its occluded copies (fixed column sets at fixed reference values), computed faster
 * than scoring every copy: an optional capability of a {@link Predictor} (XGBoost models whose trees could be read,
 * see {@code org.prognos.models.xgboost}). Thread-safe.
 */
public interface Occluder {
    /**
     * The outputs of {@code x} (row 0) and of {@code x} with set s at its references (row 1 + s), in the task's order:
     * the model's class probabilities, or its one value. Fresh arrays, the caller's to keep.
     */
    double[][] occlude(double[] x);

    /** Whether row 0 is exactly the model's prediction of {@code x} (then the caller need not ask the model). */
    default boolean exact() {
        return false;
    }

    /** A predictor that can make an {@link Occluder} for given sets and references. */
    interface Source {
        /** An occluder for these column sets and references (one per column), if this model has one. */
        Optional<Occluder> occluder(int[][] sets, double[] reference);
    }
}
