package org.prognos.models.predict;

/**
 * A loaded model that scores feature rows. Batch first: {@link #predict(double[][])} is the one code path, and a
 * single row goes through it (as DJL's {@code Predictor} does), so there is no second implementation to drift.
 *
 * <p>A row is indexed like {@link ModelInfo#featureColumns()}; missing values are {@code NaN} (each adapter
 * documents how it passes them to its model). Rows of the wrong width or with infinite values are refused with a
 * {@link org.prognos.models.PredictionException} naming the row and column.
 *
 * <p>Predictors hold resources (native boosters, off-heap arrays): close them. {@code predict} may be called from
 * several threads; {@code close} must not race with it.
 */
public interface Predictor extends AutoCloseable {

    /** What this predictor is. */
    ModelInfo info();

    /** Predicts every row of {@code featureRows}; the result has one prediction per row, in order. */
    Predictions predict(double[][] featureRows);

    /**
     * Predicts every row of {@code featureRows}, row {@code i} of asset {@code assets.get(i)} (empty where unknown).
     * A model that scores every asset alike (all but anomaly models with per-asset scaling) ignores the assets.
     */
    default Predictions predict(double[][] featureRows, java.util.List<java.util.Optional<String>> assets) {
        return predict(featureRows);
    }

    /** Predicts one row, through the batch path. */
    default Prediction predict(double[] featureRow) {
        return predict(new double[][] {featureRow}).get(0);
    }

    /** Releases the model's resources; later calls to {@code predict} fail. */
    @Override
    void close();
}
