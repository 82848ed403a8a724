/**
 * Fitting the probability calibration of a failure-within-horizon model, and choosing its alarm threshold, on
 * out-of-fold predictions of the training assets (never test rows).
 *
 * <p>{@link org.prognos.training.calibration.IsotonicFitter} and {@link org.prognos.training.calibration.PlattFitter}
 * fit the two maps; {@link org.prognos.training.calibration.CalibrationFitter} cross-validates them (and the raw
 * scores) over asset folds of the out-of-fold rows, keeps the lowest log-loss and refits it on all of them;
 * {@link org.prognos.training.calibration.FoldThreshold} chooses the threshold from the costs on the calibrated
 * out-of-fold rows of all folds pooled, reports the per-fold thresholds' and recalls' spread, and says when the
 * choice rests on few failures or flags most of the fleet.
 */
package org.prognos.training.calibration;
