/**
 * Device messages, decoded: {@link org.prognos.live.device.DeviceMessage} and the decoders of each wire format.
 */
package org.prognos.live.device;
