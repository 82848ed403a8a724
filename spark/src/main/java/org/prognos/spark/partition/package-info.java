/**
 * What runs inside Spark's partitions: each asset's readings, sorted by time by Spark, stream through the features
 * library's batch extraction ({@link org.prognos.features.extract.BatchExtractor}) exactly as {@code prognos features}
 * runs it on one machine, with the asset's events merged in by time ({@link AssetFeatures}), or through the library's
 * {@link org.prognos.features.scan.FleetScan}, as {@code prognos report} scans a dataset ({@link AssetScans}); scores
 * come from the model runtime ({@link RowScores}). Nothing here computes a feature itself; the
 * functions only turn Spark rows into the library's readings and events, and its rows back into Spark rows.
 *
 * <p>The functions are serialized to the executors as the spec's JSON text and plain maps; the compiled
 * {@link org.prognos.features.extract.FeatureExtractor} is built once per function instance on the executor.
 */
package org.prognos.spark.partition;
