/**
 * The Numenta Anomaly Benchmark (NAB) run through the product's own code: each NAB file streamed as one asset through
 * a feature spec's streaming extraction, an anomaly family fitted by {@link org.prognos.training.anomaly.AnomalyFitter}
 * on the file's probationary period, and {@link org.prognos.models.anomaly.AdaptiveScorer} scoring every record once,
 * in order. {@link org.prognos.training.nab.NabRunner} writes NAB's result files; NAB's own scorer (bundled under
 * {@code benchmarks/nab/scorer}) turns them into the NAB score. Nothing here reads a label to fit or score: labels
 * are copied into the result files only because NAB's file format carries them.
 */
package org.prognos.training.nab;
