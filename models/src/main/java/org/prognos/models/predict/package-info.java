/**
 * The {@link org.prognos.models.predict.Predictor} contract: a loaded model scores a batch of feature rows into
 * {@link org.prognos.models.predict.Predictions} (class probabilities or values, per the bundle's
 * {@link org.prognos.models.bundle.Task}); one row goes through the batch path. Predictors are
 * {@link java.lang.AutoCloseable} because models hold native memory. A predictor may also offer an
 * {@link org.prognos.models.predict.Occluder} for fast explanations.
 *
 * <p>{@link org.prognos.models.predict.Predictors} maps a bundle's payload kind to the
 * {@link org.prognos.models.predict.PredictorFactory} that loads it. The adapters (Tribuo and XGBoost, DL4J,
 * baselines) live in packages below this one and register their factories through {@link java.util.ServiceLoader}
 * ({@code META-INF/services}), so this package depends on none of them: adapters depend on the contract, never the
 * other way round.
 */
package org.prognos.models.predict;
