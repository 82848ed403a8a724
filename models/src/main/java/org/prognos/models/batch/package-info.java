/**
 * Scoring many rows at once: a published model loaded from a registry and run over a feature table through the
 * runtime's {@link org.prognos.models.runtime.Scorer}, one call per batch of rows, its answers flattened into
 * numbered columns ({@link org.prognos.models.batch.DatasetScorer#numericColumns()}). {@code prognos score} writes
 * them to CSV on one machine; the Spark job scores inside its partitions with the same class, so the two agree.
 */
package org.prognos.models.batch;
