/**
 * The feature-extraction library: telemetry and event logs in, feature vectors out.
 *
 * <p>Subpackages: {@code telemetry} holds the data model (time axis, readings, events, attributes);
 * {@code io} the file readers; {@code spec} the JSON {@code FeatureSpec}; {@code window} the incremental
 * window statistics; {@code spectral} the FFT-based features; {@code normalize} the fitted per-regime
 * normalization; {@code extract} the one implementation that runs both in batch and streaming;
 * {@code labels} the training targets; {@code scan} a fleet's history reduced to what an at-risk report needs per
 * asset (computed on one machine or in Spark's partitions); {@code synthetic} the seeded synthetic fleet generator.
 * This module knows telemetry and numbers only: Commons Math, Jackson and FastCSV, no ML library.
 */
package org.prognos.features;
