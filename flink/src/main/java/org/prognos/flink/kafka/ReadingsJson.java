package org.prognos.flink.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.flink.score.AssetWindow;
import org.prognos.live.device.DeviceMessage;

/**
 * Reads the service's JSON readings payload, the body its streaming route and MQTT subscriptions take, into one
 * {@link AssetWindow}: {@code {"time": ..., "values": {...}}} for one reading, or {@code {"readings": [...]}} for many,
 * with optional {@code "events"} ({@code kind}, {@code code}, {@code time}) and {@code "attributes"}.
 *
 * <p>An adapter, not a second definition: the service's own reader ({@code inference}'s {@code RequestWindow}) lives in
 * the HTTP service, which this module must not depend on, and checks readings against a model's channels, which a
 * device decoder does not know. What it checks is what can be checked without the model: the JSON's shape (an unknown
 * field is refused, as the service refuses it), every time on a timestamp axis in {@code zone}, readings oldest first
 * and one per time, event kinds. A channel a reading leaves out is missing (NaN), as in a Sparkplug message; a
 * {@code null} value is missing too. {@code attributes} are read and not used: the job takes an asset's attributes
 * from its {@code ScoringConfig}. Times are kept to the millisecond, as device messages carry them.
 *
 * <p>Every problem is a {@link Decoding.Refused} naming the field ({@code readings[3].time}), with the service's
 * dead-letter reasons: {@code malformed_payload}, {@code unknown_field}, {@code invalid_payload}, {@code invalid_asset}.
 */
final class ReadingsJson {
    private static final Set<String> KINDS = Set.of("failure", "maintenance", "alarm");
    private static final int MAX_DETAIL = 300;

    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final TimeAxis axis;

    /** The payload's fields, as the service's {@code ReadingsRequest} names them. */
    record Body(List<Item> readings, List<EventItem> events, Map<String, String> attributes, String time,
                Map<String, Double> values) {
    }

    /** One reading of {@code readings}. */
    record Item(String time, Map<String, Double> values) {
    }

    /** One event of {@code events}. */
    record EventItem(String kind, String code, String time) {
    }

    ReadingsJson(ZoneId zone) {
        this.axis = new TimeAxis.Timestamps(zone);
    }

    /** The window of {@code payload} for {@code asset}, or why there is none. */
    Decoding read(String asset, byte[] payload) {
        if (asset.isBlank()) {
            return new Decoding.Refused("invalid_asset", "the record has no key; JSON readings are keyed by asset id");
        }
        if (payload.length == 0) {
            return new Decoding.Refused("malformed_payload", "the record has no value; send {\"time\": ..., \"values\": {...}}");
        }
        Body body;
        try {
            body = json.readValue(payload, Body.class);
        } catch (UnrecognizedPropertyException e) {
            return new Decoding.Refused("unknown_field", "unknown field '" + e.getPropertyName() + "'; a readings payload has "
                    + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            return new Decoding.Refused("malformed_payload", shortened(e.getOriginalMessage()));
        } catch (IOException e) {
            return new Decoding.Refused("malformed_payload", shortened(String.valueOf(e.getMessage())));
        }
        if (body == null) {
            return new Decoding.Refused("malformed_payload", "the value is JSON null; send {\"time\": ..., \"values\": {...}}");
        }
        List<String> problems = new ArrayList<>();
        List<DeviceMessage.Sample> samples = samples(body, problems);
        List<DeviceMessage.DeviceEvent> events = events(body.events(), problems);
        if (problems.isEmpty() && samples.isEmpty() && events.isEmpty()) {
            problems.add("readings: nothing to apply; send {\"time\": ..., \"values\": {...}} or {\"readings\": [...]}"
                    + " (and optionally \"events\")");
        }
        if (!problems.isEmpty()) {
            String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : "";
            return new Decoding.Refused("invalid_payload", shortened(problems.get(0) + more));
        }
        return new Decoding.Read(List.of(AssetWindow.of(new DeviceMessage.Telemetry(asset, samples, events))));
    }

    /** The single top-level reading first, then {@code readings}, as the service orders them. */
    private List<DeviceMessage.Sample> samples(Body body, List<String> problems) {
        List<Item> items = new ArrayList<>();
        if (body.time() != null || body.values() != null) {
            items.add(new Item(body.time(), body.values()));
        }
        if (body.readings() != null) {
            items.addAll(body.readings());
        }
        boolean single = body.time() != null || body.values() != null;
        List<DeviceMessage.Sample> out = new ArrayList<>(items.size());
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < items.size(); i++) {
            String where = single && i == 0 ? "" : "readings[" + (single ? i - 1 : i) + "].";
            Item r = items.get(i);
            if (r == null) {
                problems.add(where.substring(0, where.length() - 1) + ": a reading is an object {\"time\": ..., \"values\": {...}},"
                        + " found null");
                continue;
            }
            long millis = millis(r.time(), where + "time", problems);
            if (r.values() == null || r.values().isEmpty()) {
                problems.add(where + "values: a reading needs at least one value");
                continue;
            }
            if (millis == Long.MIN_VALUE) {
                continue;
            }
            if (millis <= previous) {
                problems.add(where + "time: " + r.time() + " is not after the reading before; send readings oldest first,"
                        + " one per time");
            }
            previous = millis;
            Map<String, Double> values = new HashMap<>();
            r.values().forEach((ch, v) -> values.put(ch, v == null ? Double.NaN : v));
            out.add(new DeviceMessage.Sample(millis, values));
        }
        return out;
    }

    private List<DeviceMessage.DeviceEvent> events(List<EventItem> items, List<String> problems) {
        if (items == null) {
            return List.of();
        }
        List<DeviceMessage.DeviceEvent> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String where = "events[" + i + "].";
            EventItem e = items.get(i);
            if (e == null) {
                problems.add("events[" + i + "]: an event is an object {\"kind\": ..., \"code\": ..., \"time\": ...}, found null");
                continue;
            }
            long millis = millis(e.time(), where + "time", problems);
            String kind = e.kind() == null ? "" : e.kind().toLowerCase(Locale.ROOT);
            if (!KINDS.contains(kind)) {
                problems.add(where + "kind: '" + e.kind() + "' is not one of failure, maintenance, alarm");
            } else if (e.code() == null || e.code().isBlank()) {
                problems.add(where + "code: an event names its component or alarm code");
            } else if (millis != Long.MIN_VALUE) {
                out.add(new DeviceMessage.DeviceEvent(millis, kind, e.code()));
            }
        }
        return out;
    }

    /** {@code text} as epoch milliseconds, or {@code Long.MIN_VALUE} with a problem recorded. */
    private long millis(String text, String where, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add(where + ": a time is required, e.g. 2015-10-01 06:00:00");
            return Long.MIN_VALUE;
        }
        try {
            return Math.floorDiv(axis.parse(text), 1000L);
        } catch (IllegalArgumentException | ArithmeticException e) {
            problems.add(where + ": " + e.getMessage());
            return Long.MIN_VALUE;
        }
    }

    private static String shortened(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 3) + "...";
    }
}
