/**
 * Device messages, decoded: {@link org.prognos.live.device.DeviceMessage}, whatever the wire format. The decoders of
 * each format live in their own package (Sparkplug B: {@code org.prognos.live.sparkplug}) and depend on this one.
 */
package org.prognos.live.device;
