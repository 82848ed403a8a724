/**
 * Evaluation of trained models and the training report: the numbers that decide whether a model is worth
 * publishing, computed the same way by the training job, {@code prognos evaluate} and, later, the service. Plain
 * Java over arrays; no machine-learning library type crosses this API.
 *
 * <p>The story of an evaluation, in the order a training job runs it:
 * <ol>
 *   <li><b>Rows.</b> A failure-within-horizon model gives class probabilities per row
 *       ({@code double[row][class]}, class 0 = no failure); a RUL model gives a number per row.
 *       {@link org.prognos.training.evaluation.ClassificationMetrics} scores the rows as scikit-learn would
 *       (per-class precision / recall / F1, macro-F1, confusion matrix) and adds what probabilities allow: one-vs-rest
 *       {@link org.prognos.training.evaluation.RankingMetrics} (average precision, ROC-AUC, their curves), the Brier
 *       score and a calibration table. {@link org.prognos.training.evaluation.RegressionMetrics} gives RMSE, MAE,
 *       bias, the PHM08 score and the errors by true-RUL bucket.</li>
 *   <li><b>Events.</b> Rows are not what a maintenance planner counts: failures caught in time, how early, and
 *       trucks sent out for nothing are. {@link org.prognos.training.evaluation.EventMetrics} matches predicted rows
 *       (keyed by {@link org.prognos.training.evaluation.RowTimes}) to the failure log with the peer protocol's
 *       definitions, so figures compare with the pandas baseline: event recall, lead times, false alarms per
 *       asset-month, and needless visits (false alarms merged per horizon).</li>
 *   <li><b>Threshold.</b> {@link org.prognos.training.evaluation.ThresholdChoice} picks the alarm threshold on
 *       P(any failure) that minimises missed failures × their cost + needless visits × theirs, on validation rows
 *       only; the test rows are then scored at that threshold.</li>
 *   <li><b>Report.</b> Each model and each baseline becomes an
 *       {@link org.prognos.training.evaluation.EvaluationResult}; a
 *       {@link org.prognos.training.evaluation.TrainingReport} sets them side by side (there is always a baseline
 *       to beat) in a self-contained {@code report.html} and writes the same numbers to {@code metrics.json}. The
 *       page is a Mustache template ({@code report.mustache} and {@code report.css} among this package's resources)
 *       filled from the records of {@code ReportView}; its inline SVG charts come from {@code org.prognos.reports.chart}
 *       (JFreeChart drawn by Apache Batik, in module {@code prognos-reports}).</li>
 * </ol>
 *
 * <p>Numeric edge cases are decided, written down and tested rather than left to chance: a class without support
 * scores 0 and still counts in macro averages (as scikit-learn with every label listed); with no positive row,
 * average precision and ROC-AUC are {@code NaN} and say why; with constant scores ROC-AUC is 0.5 and average
 * precision the prevalence; events without an evaluated row in their window are left out of recall; cycle data has
 * no asset-months; an empty calibration or RUL bucket holds {@code NaN}. JSON has no {@code NaN}: it is written as
 * {@code null} with the reason beside it.
 *
 * <p>Charts render through Java2D into SVG and need no display; processes that draw reports run with
 * {@code -Djava.awt.headless=true} (the test configuration sets it).
 */
package org.prognos.training.evaluation;
