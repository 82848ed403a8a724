/**
 * Fleet-scale batch jobs on Apache Spark, usable from {@code spark-submit} and as a Java API. Spark does the moving:
 * it reads telemetry and events (CSV or Parquet), groups them by asset across the cluster and sorts each asset's
 * readings and events by time. The features library does the computing, inside the partitions
 * ({@link org.prognos.spark.partition}): there is no second implementation of any feature, so the feature table
 * equals the one {@code prognos features} writes on one machine.
 */
package org.prognos.spark;
