/**
 * Fitting and evaluating anomaly models (see {@code org.prognos.models.anomaly} for what they are). One
 * {@link org.prognos.training.anomaly.DetectorSettings} case per family fits a detector on scaled normal rows;
 * {@link org.prognos.training.anomaly.AnomalyFitter} runs scaling → detector → calibration on held-out normal rows;
 * {@link org.prognos.training.anomaly.AlarmEvaluation} and {@link org.prognos.training.anomaly.HealthTrajectories}
 * score a model against the failure log of assets it never saw, without ever fitting on those labels.
 *
 * <p>A new family is a {@code Detector} case in the models module plus a {@code DetectorSettings} case here.
 */
package org.prognos.training.anomaly;
