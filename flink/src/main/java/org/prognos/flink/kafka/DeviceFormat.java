package org.prognos.flink.kafka;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.prognos.flink.score.AssetWindow;
import org.prognos.live.device.DeviceMessage;
import org.prognos.live.device.InvalidDeviceMessageException;
import org.prognos.live.device.JsonDeviceDecoder;
import org.prognos.live.sparkplug.AssetMapping;
import org.prognos.live.sparkplug.Decoded;
import org.prognos.live.sparkplug.SparkplugDecoder;

/**
 * The wire format of a device topic's record values, one per topic. Each case opens a {@link Reader} per source
 * subtask (a reader may hold state, as Sparkplug's session tracking does, so it is made on the task and never
 * serialized).
 */
public sealed interface DeviceFormat extends Serializable {
    /** A reader for one subtask's records, which it must see one at a time in partition order. */
    Reader open();

    /** Reads one record; never throws on what the record holds. */
    interface Reader {
        Decoding read(DeviceRecord record);
    }

    /**
     * The service's JSON readings payload (what its streaming route and MQTT subscriptions take), keyed by asset id,
     * read by the service's own decoder ({@link JsonDeviceDecoder}) with its reasons: {@code invalid_asset} for a
     * record without a key, {@code malformed_payload}, {@code unknown_field}, {@code invalid_payload}. A message with
     * neither readings nor events ({@code {}}) is read as nothing to score, as on MQTT.
     *
     * @param zone the zone of times written without an offset ({@code UTC} unless the model's axis says another)
     */
    record JsonReadings(String zone) implements DeviceFormat {
        public JsonReadings {
            ZoneId.of(Objects.requireNonNull(zone, "zone"));
        }

        /** Times without an offset read in UTC, as the bundled models' axes read them. */
        public static JsonReadings utc() {
            return new JsonReadings("UTC");
        }

        @Override
        public Reader open() {
            JsonDeviceDecoder json = new JsonDeviceDecoder(ZoneId.of(zone));
            return record -> {
                try {
                    DeviceMessage.Telemetry t = json.decode(record.key(), record.value());
                    return new Decoding.Read(t.samples().isEmpty() && t.events().isEmpty() ? List.of() : List.of(AssetWindow.of(t)));
                } catch (InvalidDeviceMessageException e) {
                    return new Decoding.Refused(e.reason(), e.asset(), e.getMessage());
                }
            };
        }
    }

    /**
     * Sparkplug B payloads, with the record key holding the Sparkplug topic ({@code spBv1.0/group/DDATA/node/device}),
     * as MQTT-to-Kafka bridges write it. An edge node's messages must share a partition (the bridge partitions by
     * edge node), since the decoder follows each node's session: births define the metrics later data names by alias.
     * The session is held by the subtask and not checkpointed: after a restart a node's data is refused
     * ({@code no_birth}) until its next birth, as the service's decoder does after its own restart.
     */
    record SparkplugB() implements DeviceFormat {
        @Override
        public Reader open() {
            SparkplugDecoder decoder = new SparkplugDecoder(AssetMapping.DEFAULT);
            return record -> {
                Decoded decoded = decoder.decode(record.key(), record.value(), record.timestamp());
                if (decoded instanceof Decoded.Rejected r) {
                    return new Decoding.Refused(r.reason().label(), "", r.detail());
                }
                return new Decoding.Read(windows(decoded.messages()));   // Ignored has none
            };
        }

        private static List<AssetWindow> windows(List<DeviceMessage> messages) {
            List<AssetWindow> out = new ArrayList<>(messages.size());
            for (DeviceMessage m : messages) {
                if (m instanceof DeviceMessage.Telemetry t && (!t.samples().isEmpty() || !t.events().isEmpty())) {
                    out.add(AssetWindow.of(t));
                }
            }
            return out;
        }
    }
}
