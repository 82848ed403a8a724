/**
 * Fitting and evaluating anomaly models (see {@code org.prognos.models.anomaly} for what they are). One
 * {@link org.prognos.training.anomaly.DetectorSettings} case per family fits a detector on scaled normal rows;
 * {@link org.prognos.training.anomaly.AnomalyFitter} runs scaling → detector → calibration on held-out normal rows
 * (the scaling the fleet's, or with {@code task.scaling: asset} each asset's own beside it, every row scaled by its
 * asset's, in fitting, calibrating and every evaluation alike; and the detector likewise the fleet's, or with
 * {@code task.detector: asset} each asset's own beside it, fitted on its own scaled rows, with one calibration);
 * {@link org.prognos.training.anomaly.AlarmEvaluation} and {@link org.prognos.training.anomaly.HealthTrajectories}
 * score a model against the failure log of assets it never saw, without ever fitting on those labels. Every contender
 * reaches them as {@link org.prognos.training.anomaly.RowScores} (score, health index, alarm per row): the fitted model
 * and the baseline scoring each row alone, and, for a model served adaptively,
 * {@link org.prognos.training.anomaly.AdaptiveReplay}: each evaluated asset streamed from its first row through the
 * same {@code AdaptiveScorer} the service keeps per asset, so that the job judges the score the service alarms on.
 * Where the job has labelled anomaly periods ({@link org.prognos.training.anomaly.LabelledPeriods}: a file, NAB's
 * windows or a 0/1 column of the data), {@link org.prognos.training.anomaly.PeriodEvaluation} judges each contender's
 * alarms against them: point-wise precision, recall, F1, SKAB's FAR and MAR, periods detected, detection delay and
 * false-alarm episodes per asset-day. {@link org.prognos.training.anomaly.CalibrationCheck} then tells whether the
 * calibration held: a warning when the rows that should be quiet alarm at twice the false-alarm rate or more;
 * {@link org.prognos.training.anomaly.CeilingCheck} whether every asset can alarm at all: a warning naming those whose
 * detector's score has a ceiling below the threshold.
 *
 * <p>Two families need more than a few lines to fit: {@link org.prognos.training.anomaly.IsolationForestGrower} grows
 * the isolation forest's trees, {@link org.prognos.training.anomaly.AutoencoderTrainer} trains the autoencoder with
 * DL4J and hands its weights to a plain-array detector (DL4J trains here; serving never loads it).
 *
 * <p>A new family is a {@code Detector} case in the models module plus a {@code DetectorSettings} case here.
 */
package org.prognos.training.anomaly;
