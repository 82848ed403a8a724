/**
 * Scoring many rows at once: a published model loaded from a registry and run over a feature table through the
 * runtime's {@link org.prognos.models.runtime.Scorer}, one call per batch of rows, its answers flattened into
 * numbered columns ({@link org.prognos.models.batch.DatasetScorer#numericColumns()}). {@code prognos score} writes
 * them to CSV on one machine; the Spark job scores inside its partitions with the same class, so the two agree.
 *
 * <p>An anomaly model scored adaptively answers a row from its asset's earlier rows too:
 * {@link org.prognos.models.batch.AdaptiveSteps} replays each asset's rows from its first through one
 * {@code AdaptiveScorer}, as the service's state feeds it, and the scorer writes each row with its step; the training
 * job's evaluation replays through the same class. {@link org.prognos.models.batch.StreamedSteps} computes the same
 * steps for chosen rows while an extraction streams the spec's rows past, holding one scorer per asset instead of the
 * rows. {@link org.prognos.models.batch.AdaptiveScans} runs such scorers
 * beside the at-risk report's scan pass, on one machine or in the Spark job's, which carries them in its scans.
 */
package org.prognos.models.batch;
