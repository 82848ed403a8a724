/**
 * The streaming job's wiring: a stream of device messages keyed by asset through
 * {@link org.prognos.flink.score.AssetScoring}, scores on the main output and alerts on a side output. A job config
 * ({@link org.prognos.flink.job.JobConfig}, YAML) names the source and the sinks, MQTT or Kafka, and
 * {@link org.prognos.flink.job.ScoringJobs} wires the transport packages around the scoring; those packages know no
 * job, so that the dependency runs one way.
 */
package org.prognos.flink.job;
