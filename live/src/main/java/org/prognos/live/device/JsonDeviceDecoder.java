package org.prognos.live.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.prognos.features.telemetry.TimeAxis;

/**
 * Reads the service's JSON readings payload (what {@code POST /v1/assets/{asset}/readings} and its MQTT subscriptions
 * take) into a {@link DeviceMessage.Telemetry}, with no transport and no model: one reading at the top level
 * ({@code {"time": "2015-10-01 06:00:00", "values": {"volt": 176.2, ...}}}) or many ({@code {"readings": [...]}}), and
 * events ({@code {"events": [{"kind": "maintenance", "code": "comp2", "time": "..."}]}}).
 *
 * <p>Times are timestamps: {@code 2015-10-01 06:00:00} (UTC, or the zone the decoder is made with) or ISO-8601 with
 * or without an offset, read by the features library's {@link TimeAxis.Timestamps} as the service reads them, and carried as epoch milliseconds
 * (sub-millisecond digits are dropped). Cycle numbers are refused: a cycle is no instant, and only a model's axis says
 * what it means. A value {@code null} is a missing reading (NaN). {@code attributes} are accepted and not carried: a
 * consumer without the service's asset store (a Flink job) takes attributes from its own configuration.
 *
 * <p>Thread-safe: the decoder holds no state.
 */
public final class JsonDeviceDecoder {
    private static final Set<String> TOP = Set.of("readings", "events", "attributes", "time", "values");
    private static final Set<String> READING = Set.of("time", "values");
    private static final Set<String> EVENT = Set.of("kind", "code", "time");
    private static final Set<String> KINDS = Set.of("failure", "maintenance", "alarm");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TimeAxis.Timestamps axis;

    /** A decoder reading times without an offset in UTC, as the service and the bundled models' axes read them. */
    public JsonDeviceDecoder() {
        this(ZoneOffset.UTC);
    }

    /**
     * A decoder reading times without an offset in {@code zone}: for devices that write local time for a model whose
     * axis names that zone.
     */
    public JsonDeviceDecoder(ZoneId zone) {
        this.axis = new TimeAxis.Timestamps(Objects.requireNonNull(zone, "zone"));
    }

    /**
     * Decodes one message about {@code asset}.
     *
     * @throws InvalidDeviceMessageException with reason {@code invalid_asset} (a blank asset id),
     *                                       {@code malformed_payload} (not JSON), {@code unknown_field} or
     *                                       {@code invalid_payload}, and a message naming the field
     */
    public DeviceMessage.Telemetry decode(String asset, byte[] payload) {
        if (asset.isBlank()) {
            throw new InvalidDeviceMessageException(InvalidDeviceMessageException.INVALID_ASSET, asset,
                    "no asset id: JSON readings are about the asset their topic or record key names", null);
        }
        JsonNode root;
        try {
            root = payload.length == 0 ? null : MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new InvalidDeviceMessageException(InvalidDeviceMessageException.MALFORMED, asset,
                    "not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidDeviceMessageException(InvalidDeviceMessageException.MALFORMED, asset, "not JSON: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidDeviceMessageException(InvalidDeviceMessageException.MALFORMED, asset, "empty payload", null);
        }
        if (!root.isObject()) {
            throw invalid(asset, "expected a JSON object, found " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        keys(asset, root, TOP, "");
        List<DeviceMessage.Sample> samples = new ArrayList<>();
        if (root.has("time") || root.has("values")) {
            samples.add(sample(asset, root, ""));
        }
        JsonNode readings = root.path("readings");
        if (!readings.isMissingNode() && !readings.isNull()) {
            if (!readings.isArray()) {
                throw invalid(asset, "at 'readings': expected an array");
            }
            for (int i = 0; i < readings.size(); i++) {
                JsonNode r = readings.get(i);
                String at = "readings[" + i + "]";
                if (!r.isObject()) {
                    throw invalid(asset, "at '" + at + "': expected an object with time and values");
                }
                keys(asset, r, READING, at + ".");
                samples.add(sample(asset, r, at + "."));
            }
        }
        List<DeviceMessage.DeviceEvent> events = new ArrayList<>();
        JsonNode ev = root.path("events");
        if (!ev.isMissingNode() && !ev.isNull()) {
            if (!ev.isArray()) {
                throw invalid(asset, "at 'events': expected an array");
            }
            for (int i = 0; i < ev.size(); i++) {
                events.add(event(asset, ev.get(i), "events[" + i + "]"));
            }
        }
        return new DeviceMessage.Telemetry(asset, samples, events);
    }

    private DeviceMessage.Sample sample(String asset, JsonNode r, String at) {
        long millis = time(asset, r.get("time"), at + "time");
        JsonNode values = r.get("values");
        if (values == null || !values.isObject()) {
            throw invalid(asset, "at '" + at + "values': expected an object of channel name to number");
        }
        Map<String, Double> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                out.put(e.getKey(), Double.NaN);
            } else if (v.isNumber()) {
                out.put(e.getKey(), v.doubleValue());
            } else {
                throw invalid(asset, "at '" + at + "values." + e.getKey() + "': expected a number or null, found " + v);
            }
        }
        return new DeviceMessage.Sample(millis, out);
    }

    private DeviceMessage.DeviceEvent event(String asset, JsonNode e, String at) {
        if (!e.isObject()) {
            throw invalid(asset, "at '" + at + "': expected an object with kind, code and time");
        }
        keys(asset, e, EVENT, at + ".");
        String kind = e.path("kind").asText("");
        if (!KINDS.contains(kind)) {
            throw invalid(asset, "at '" + at + ".kind': expected one of failure, maintenance, alarm; found '" + kind + "'");
        }
        JsonNode code = e.get("code");
        if (code == null || !code.isTextual() || code.asText().isEmpty()) {
            throw invalid(asset, "at '" + at + ".code': expected the component or alarm code");
        }
        return new DeviceMessage.DeviceEvent(time(asset, e.get("time"), at + ".time"), kind, code.asText());
    }

    private long time(String asset, JsonNode t, String at) {
        if (t == null || !t.isTextual()) {
            throw invalid(asset, "at '" + at + "': expected a timestamp such as 2015-10-01 06:00:00 (cycle numbers need"
                    + " the model's axis, which this decoder does not know)");
        }
        try {
            return Math.floorDiv(axis.parse(t.asText()), 1000L);
        } catch (IllegalArgumentException e) {
            throw invalid(asset, "at '" + at + "': " + e.getMessage());
        }
    }

    private static void keys(String asset, JsonNode node, Set<String> known, String at) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new InvalidDeviceMessageException(InvalidDeviceMessageException.UNKNOWN_FIELD, asset,
                        "unknown key '" + at + k + "'; valid keys: " + known.stream().sorted().toList(), null);
            }
        }
    }

    private static InvalidDeviceMessageException invalid(String asset, String detail) {
        return new InvalidDeviceMessageException(InvalidDeviceMessageException.INVALID, asset, detail, null);
    }
}
