/**
 * MQTT at the edge of the service, as HTTP is: {@link org.prognos.inference.mqtt.MqttLink} connects to the broker
 * (HiveMQ's client: MQTT 5 or 3.1.1, TLS, a persistent session, reconnect with backoff, manual acknowledgement),
 * {@link org.prognos.inference.mqtt.MqttIngest} turns the messages it receives into windows applied to the streaming
 * state, acknowledges each once it is durable, and republishes every message it cannot use to the dead-letter topic
 * with the reason.
 */
package org.prognos.inference.mqtt;
