/**
 * The rows a job learns from and is scored on, kept apart without leaks.
 *
 * <p>{@link org.prognos.training.data.AssetSplit} partitions a fleet's assets into training, validation and test sets
 * (whole assets, seeded); {@link org.prognos.training.data.TimeSplit} cuts by time instead, with a purge gap of at
 * least the horizon so that no training label sees a test-period failure. {@link org.prognos.training.data.SubsetTelemetry}
 * shows a spec only the training side while it is fitted. {@link org.prognos.training.data.FleetRows} extracts the
 * feature rows of a whole fleet, labelled, on several threads, into {@link org.prognos.training.data.LabeledRows}, the
 * form trainers and metrics read.
 */
package org.prognos.training.data;
