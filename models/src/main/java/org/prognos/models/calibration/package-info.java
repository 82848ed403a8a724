/**
 * Calibrated failure probabilities. A boosted tree's "probability" is a score: on Azure its 0.9–1.0 bin failed about
 * 30 % of the time. {@link org.prognos.models.calibration.ProbabilityCalibration} is the fitted, immutable map a
 * failure-within-horizon bundle carries ({@code calibration.json}) from the model's P(any failure) to a calibrated one
 * (isotonic or Platt). The training job fits it on out-of-fold predictions of training assets only; serving, the CLI,
 * the at-risk report and {@code prognos evaluate} apply it through {@link org.prognos.models.runtime.CalibratedPredictor}
 * or the runtime's readout. A bundle without the file (every bundle written before it existed) answers with the
 * model's own probabilities.
 */
package org.prognos.models.calibration;
