/**
 * Scoring a dataset to a file ({@code prognos score}): which rows to score ({@link org.prognos.cli.score.RowSelection}),
 * their feature vectors from the bundle's own spec ({@link org.prognos.cli.score.Probes} or the features library's
 * batch extraction), and one call of the service's scorer per batch of rows
 * ({@link org.prognos.models.batch.DatasetScorer}, in the models library so the Spark job scores the same way), written as CSV ({@link org.prognos.cli.score.ScoreCsv}).
 *
 * <p>A row at time T has the numbers the service answers for a window holding the asset's whole history before T
 * (with {@code asOf} T): the same {@code AssetState}, fed the same readings and events in the same order, and the
 * same scorer. {@code ScoreEqualsServiceTest} holds them equal. For an anomaly model scored adaptively the row also
 * carries its asset's adaptive step after every spec row up to T ({@link org.prognos.cli.score.ServedSteps}, the spec
 * rows streamed through the scorers when fewer rows are written, not held), as the service's answer for a streamed
 * asset does; {@code AdaptiveScoreTest} holds those equal.
 */
package org.prognos.cli.score;
