package org.prognos.inference.mqtt;

/**
 * A message received from the broker, not yet acknowledged.
 *
 * @param topic   its topic
 * @param payload its payload
 * @param ack     acknowledges it (PUBACK); call once, after it is durable or dead-lettered
 */
record Inbound(String topic, byte[] payload, Runnable ack) {
}
