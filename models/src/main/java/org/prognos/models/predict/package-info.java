/**
 * The {@link org.prognos.models.predict.Predictor} contract: a loaded model scores a batch of feature rows into
 * {@link org.prognos.models.predict.Predictions} (class probabilities or values, per the bundle's
 * {@link org.prognos.models.bundle.Task}); one row goes through the batch path. Predictors are
 * {@link java.lang.AutoCloseable} because models hold native memory.
 *
 * <p>{@link org.prognos.models.predict.Predictors} maps a bundle's payload kind to the
 * {@link org.prognos.models.predict.PredictorFactory} that loads it: Tribuo protobuf models and JSON baselines
 * here, DL4J later through {@link org.prognos.models.predict.Predictors#with}.
 */
package org.prognos.models.predict;
