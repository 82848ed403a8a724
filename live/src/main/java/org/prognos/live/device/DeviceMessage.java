package org.prognos.live.device;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one device message says once decoded, whatever its wire format: readings and events of one asset, or a change
 * of its presence. Readings carry channel names (a model's service maps them onto its input channels), times are
 * epoch milliseconds as devices send them.
 */
public sealed interface DeviceMessage {
    /** The asset the message is about. */
    String asset();

    /**
     * Readings and events of one asset.
     *
     * @param asset   the asset id
     * @param samples readings, in the order sent (each one instant, any subset of channels)
     * @param events  events ({@code kind} failure, maintenance or alarm; {@code code} the component or alarm code)
     */
    record Telemetry(String asset, List<Sample> samples, List<DeviceEvent> events) implements DeviceMessage {
        public Telemetry {
            Objects.requireNonNull(asset, "asset");
            samples = List.copyOf(samples);
            events = List.copyOf(events);
        }
    }

    /**
     * The asset came online (a birth certificate) or went offline (a death certificate, or its node's).
     *
     * @param asset       the asset id
     * @param online      whether it is online now
     * @param epochMillis when, as the device or broker says
     * @param reason      why, for the log (say "NDEATH of node gw-3")
     */
    record Presence(String asset, boolean online, long epochMillis, String reason) implements DeviceMessage {
        public Presence {
            Objects.requireNonNull(asset, "asset");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * One instant's readings.
     *
     * @param epochMillis the reading time
     * @param values      channel name to value (NaN for a null metric)
     */
    record Sample(long epochMillis, Map<String, Double> values) {
        public Sample {
            values = Map.copyOf(values);
        }
    }

    /**
     * One event.
     *
     * @param epochMillis when it happened
     * @param kind        {@code failure}, {@code maintenance} or {@code alarm}
     * @param code        the component or alarm code
     */
    record DeviceEvent(long epochMillis, String kind, String code) {
        public DeviceEvent {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(code, "code");
        }
    }
}
