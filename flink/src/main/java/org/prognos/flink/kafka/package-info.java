/**
 * The scoring job on Kafka: a source of device messages (the service's JSON readings payload keyed by asset, or
 * Sparkplug B keyed by its topic) read in {@link org.prognos.flink.kafka.DecodeDevices}, where a record that cannot
 * be read becomes the service's dead letter ({@link org.prognos.live.device.DeadLetter}, with the record's Kafka
 * coordinates) instead of failing the job; and sinks of scores, alert
 * changes and dead letters as JSON. {@link org.prognos.flink.kafka.KafkaScoring} wires them around
 * {@link org.prognos.flink.job.ScoringJob} and documents the delivery guarantees: source offsets exactly once in
 * checkpoints, outputs at least once under stable keys.
 */
package org.prognos.flink.kafka;
