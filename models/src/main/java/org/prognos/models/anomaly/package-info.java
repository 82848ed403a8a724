/**
 * Anomaly models: health without failure labels. A model is fitted on rows declared normal and says how unlike
 * them a new row is. It is stored as one JSON payload ({@code anomaly-json}, an {@link org.prognos.models.anomaly.AnomalyModel})
 * and served by {@link org.prognos.models.anomaly.AnomalyPredictor} like any other model.
 *
 * <p>Scoring a feature row takes three fitted steps, each an immutable record:
 * <ol>
 * <li>{@link org.prognos.models.anomaly.ColumnScaling}: each column centred and scaled by its normal-row mean and
 * standard deviation (a missing value becomes the centre, i.e. no evidence; a column constant on normal rows is left
 * out);</li>
 * <li>a {@link org.prognos.models.anomaly.Detector}, one case per family (PCA with Hotelling T² and Q, nearest
 * normal neighbours, an isolation forest, a dense autoencoder, the per-feature z-score baseline), gives a raw score
 * of at least 0 and splits it into per-column contributions that sum to it, and says the highest raw score it can give
 * any row where there is one (the isolation forest's, found by {@link org.prognos.models.anomaly.ForestCeiling});</li>
 * <li>{@link org.prognos.models.anomaly.ScoreCalibration} turns the raw score into a score in [0, 1]: the fraction of
 * held-out normal rows (never seen by the detector's fit) that scored lower, with a smooth tail beyond the largest.
 * The alarm threshold is the raw score whose calibrated score is 1 − the false-alarm rate.</li>
 * </ol>
 * A model may hold, per asset, its own scaling and its own detector (fitted on that asset's normal rows); a row is then
 * scored with its asset's, the fleet's where the asset has none, through {@code AnomalyModel.score(rows, assets)} or
 * the one-asset view {@code AnomalyModel.forAsset}; the calibration stays one for every asset.
 * {@link org.prognos.models.anomaly.HealthIndex} maps the calibrated score to 0–100.
 * {@link org.prognos.models.anomaly.AdaptiveScorer} is the streaming alternative for assets whose normal drifts: one
 * asset's mutable, bounded state that judges the raw score against the asset's own recent past
 * ({@link org.prognos.models.anomaly.AdaptiveScoring}: online neighbours, likelihood, range check, rest). A payload
 * records which of the two the service runs ({@link org.prognos.models.anomaly.AnomalyScoring}); the NAB runner and the
 * service's per-asset state run the same scorer, whose state snapshots to bytes and back; an asset on the fleet's
 * scaling may learn its own in the scorer's warm-up ({@code AdaptiveScoring.learnScaling}, accumulated by
 * {@code ColumnMoments}, the accumulator {@code ColumnScaling}'s fits share);
 * {@link org.prognos.models.anomaly.AdaptiveBasis} says what that state means, so that a reload or a restart under
 * another version of the model carries it over by one rule (the service and Flink ask the same question). {@link org.prognos.models.anomaly.context}
 * holds the contextual family for univariate streams (a port of NAB's contextOSE); its bounded-memory scorer joins
 * adaptive scoring as an optional member on one raw column ({@link org.prognos.models.anomaly.ContextMember}, blended
 * by {@link org.prognos.models.anomaly.ContextBlend}, the one definition the NAB runner calls too). A second optional
 * member, {@link org.prognos.models.anomaly.ForecastMember}, predicts one column from the row before (online recursive
 * least squares) and judges its residual by the same likelihood ({@code RawLikelihood}); a second novelty rule beside
 * the range check, {@link org.prognos.models.anomaly.StuckValueCheck}, scores a run of one raw value longer than any
 * the asset has shown (a stuck sensor).
 * A new family is a new
 * {@code Detector} case plus its fitter in {@code org.prognos.training.anomaly}; the payload, predictor, runtime and
 * service need no change.
 */
package org.prognos.models.anomaly;
