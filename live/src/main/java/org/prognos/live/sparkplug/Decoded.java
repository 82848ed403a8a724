package org.prognos.live.sparkplug;

import org.prognos.live.device.DeviceMessage;

import java.util.List;
import java.util.Objects;

/**
 * What {@link SparkplugDecoder} made of one MQTT message: device messages (perhaps with some metrics left out), a
 * rejection with its reason, or nothing to do (a command, a host's state, a stale death certificate).
 */
public sealed interface Decoded {
    /** The device messages to act on, in order; empty unless {@link Accepted}. */
    List<DeviceMessage> messages();

    /**
     * The message was read.
     *
     * @param messages presences and telemetry, in the order they happened (a birth's presence before its readings)
     * @param skipped  metrics left out, each with its reason
     */
    record Accepted(List<DeviceMessage> messages, List<SkippedMetric> skipped) implements Decoded {
        public Accepted {
            messages = List.copyOf(messages);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * The message was refused as a whole; nothing of it was used.
     *
     * @param reason why, to count ({@link RejectReason#label()}) and to decide on a rebirth request
     * @param detail a short sentence for the log, naming the edge node or device
     */
    record Rejected(RejectReason reason, String detail) implements Decoded {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public List<DeviceMessage> messages() {
            return List.of();
        }
    }

    /**
     * The message is valid but says nothing to a host that reads devices.
     *
     * @param why a short sentence for the log
     */
    record Ignored(String why) implements Decoded {
        public Ignored {
            Objects.requireNonNull(why, "why");
        }

        @Override
        public List<DeviceMessage> messages() {
            return List.of();
        }
    }

    /**
     * One metric of an accepted message that was left out.
     *
     * @param metric the metric's name (from the birth when the message gave only an alias)
     * @param reason why, to count ({@link SkipReason#label()})
     * @param detail what was found ({@code "datatype DataSet"})
     */
    record SkippedMetric(String metric, SkipReason reason, String detail) {
        public SkippedMetric {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
