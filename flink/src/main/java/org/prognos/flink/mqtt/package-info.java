/**
 * MQTT in and out for the scoring job, with the service's client (HiveMQ, MQTT 5) and the service's decoders and
 * documents from the {@code live} module: {@link org.prognos.flink.mqtt.MqttSource} reads JSON readings and
 * Sparkplug B into windows and dead-letters what it cannot read; {@link org.prognos.flink.mqtt.MqttSink} publishes
 * scores and alerts. Both are at least once, tied to Flink's checkpoints: the source acknowledges a message to the
 * broker only when a completed checkpoint covers it, the sinks let no checkpoint complete over an unconfirmed publish.
 */
package org.prognos.flink.mqtt;
