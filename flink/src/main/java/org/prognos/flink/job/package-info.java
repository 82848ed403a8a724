/**
 * The streaming job's wiring: a stream of device messages keyed by asset through
 * {@link org.prognos.flink.score.AssetScoring}, scores on the main output and alerts on a side output.
 */
package org.prognos.flink.job;
