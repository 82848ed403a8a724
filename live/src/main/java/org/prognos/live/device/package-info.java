/**
 * Device messages, decoded: {@link org.prognos.live.device.DeviceMessage}, whatever the wire format, and what a
 * transport answers with. The JSON readings payload is read here ({@link org.prognos.live.device.JsonDeviceDecoder});
 * Sparkplug B lives in its own package ({@code org.prognos.live.sparkplug}) and depends on this one. What goes back to
 * the broker, {@link org.prognos.live.device.ScoreMessage} and {@link org.prognos.live.device.DeadLetter}, is the same
 * document whether the service or a Flink job writes it.
 */
package org.prognos.live.device;
