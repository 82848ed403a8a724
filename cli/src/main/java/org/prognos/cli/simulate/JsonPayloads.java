package org.prognos.cli.simulate;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TimeAxis;

/**
 * The simulator's JSON: exactly the body of the service's {@code POST /v1/assets/{asset}/readings}, so a subscriber
 * can hand a message to the same reader the HTTP route uses. One reading is sent as
 * {@code {"time": "2015-12-01 05:00:00", "values": {"volt": 170.9, ...}}}, several as {@code {"readings": [...]}};
 * then, when there are any, {@code "events": [{"kind": "maintenance", "code": "comp2", "time": "..."}]} and, on first
 * contact, {@code "attributes": {"model": "model3", "age": "18"}} (attributes as the text the dataset holds). A
 * message of events only is {@code {"events": [...]}}.
 *
 * <p>Times are written as the HTTP API reads them on the dataset's axis: {@code yyyy-MM-dd HH:mm:ss} in the axis' zone,
 * with a fraction when a time has one; a cycle number as text on a cycle axis. Values are written so they read back as
 * the same double: whole numbers below 10^15 as integers, others as {@link Double#toString}'s shortest exact form; a
 * missing value (NaN) as {@code null}, and so is ±Infinity, which JSON cannot hold.
 *
 * <p>Each message goes on its asset's topic ({@link TopicTemplate}, built once per asset), through one connection; there
 * is nothing before the first message or after the last.
 *
 * <p>Allocation: the JSON is built in one reused byte array, field names and channel keys are encoded once, event codes
 * once per distinct code, times once per distinct time in a small cache (neighbouring messages share times); the
 * one allocation left per value is {@link Double#toString}'s String for a value with a fraction. Not thread-safe.
 */
public final class JsonPayloads implements FrameEncoder {
    private static final byte[] TIME = ascii("{\"time\":");
    private static final byte[] VALUES = ascii(",\"values\":{");
    private static final byte[] READINGS = ascii("{\"readings\":[");
    private static final byte[] EVENTS = ascii("\"events\":[");
    private static final byte[] ATTRIBUTES = ascii("\"attributes\":{");
    private static final byte[] KIND = ascii("{\"kind\":");
    private static final byte[] CODE = ascii(",\"code\":");
    private static final byte[] EVENT_TIME = ascii(",\"time\":");
    private static final byte[] NULL = ascii("null");
    private static final long MAX_EXACT_WHOLE = 1_000_000_000_000_000L;
    private static final int TIME_CACHE = 256;   // a power of two

    private final TimeAxis axis;
    private final TopicTemplate topics;
    private MqttTopic[] assetTopics = new MqttTopic[0];   // by asset index, built on first use
    private final byte[][] keys;                  // "volt": per channel
    private final Map<EventKind, byte[]> kinds = new HashMap<>();
    private final Map<String, byte[]> strings = new HashMap<>();
    private final long[] cachedTicks = new long[TIME_CACHE];
    private final byte[][] cachedTimes = new byte[TIME_CACHE][];
    private byte[] buf = new byte[1024];
    private int pos;

    /** An encoder for readings with these channels, on this axis, publishing on {@link TopicTemplate#DEFAULT}. */
    public JsonPayloads(List<String> channels, TimeAxis axis) {
        this(channels, axis, TopicTemplate.DEFAULT);
    }

    /** An encoder for readings with these channels, on this axis, publishing on {@code topics}. */
    public JsonPayloads(List<String> channels, TimeAxis axis, TopicTemplate topics) {
        this.axis = axis;
        this.topics = Objects.requireNonNull(topics, "topics");
        this.keys = new byte[channels.size()][];
        for (int c = 0; c < keys.length; c++) {
            keys[c] = concat(quoted(channels.get(c)), ascii(":"));
        }
        for (EventKind k : EventKind.values()) {
            kinds.put(k, quoted(k.name().toLowerCase(Locale.ROOT)));
        }
    }

    /** An encoder for a replay's channels and axis, on {@link TopicTemplate#DEFAULT}. */
    public static JsonPayloads of(FleetReplay replay) {
        return of(replay, TopicTemplate.DEFAULT);
    }

    /**
     * An encoder for a replay's channels and axis, on {@code topics}.
     *
     * @throws InvalidSpecException when an asset's topic is no MQTT topic (checked for every asset now, before anything
     *                              is sent)
     */
    public static JsonPayloads of(FleetReplay replay, TopicTemplate topics) {
        JsonPayloads json = new JsonPayloads(replay.channels(), replay.axis(), topics);
        replay.assets().forEach(json::topic);
        return json;
    }

    @Override
    public String format() {
        return "json";
    }

    @Override
    public String describe() {
        return "topic " + topics.template();
    }

    /** One message on the asset's topic. */
    @Override
    public void encode(DeviceFrame frame, Outbox out) {
        write(frame);
        out.send(0, topic(frame.asset()), buf, 0, pos);
    }

    /**
     * Writes the payload of {@code frame} into {@code out} from position 0, growing it when too small.
     *
     * @param out a buffer to reuse; its content is overwritten
     * @return {@code out}, or a larger buffer when {@code out} was too small, flipped: the payload lies between its
     *         position (0) and its limit
     */
    public ByteBuffer encode(DeviceFrame frame, ByteBuffer out) {
        write(frame);
        ByteBuffer target = out.capacity() >= pos ? out : ByteBuffer.allocate(Math.max(pos, 2 * out.capacity()));
        target.clear();
        target.put(buf, 0, pos);
        return target.flip();
    }

    /** The topic of {@code asset}, built on its first message. */
    private MqttTopic topic(AssetSeries asset) {
        int i = asset.index();
        if (i >= assetTopics.length) {
            assetTopics = Arrays.copyOf(assetTopics, Math.max(i + 1, 2 * assetTopics.length));
        }
        if (assetTopics[i] == null) {
            String topic = topics.topic(asset.id());
            try {
                assetTopics[i] = MqttTopic.of(topic);
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("'" + topic + "' is no MQTT topic: " + e.getMessage());
            }
        }
        return assetTopics[i];
    }

    /** Writes the payload of {@code frame} into {@code buf[0, pos)}. */
    private void write(DeviceFrame frame) {
        pos = 0;
        boolean open;   // whether the object has a member already
        if (frame.readingCount() == 1) {
            reading(frame, 0);
            pos--;       // reopen the reading's object for the members after it
            open = true;
        } else if (frame.readingCount() > 1) {
            put(READINGS);
            for (int i = 0; i < frame.readingCount(); i++) {
                if (i > 0) {
                    put((byte) ',');
                }
                reading(frame, i);
            }
            put((byte) ']');
            open = true;
        } else {
            put((byte) '{');
            open = false;
        }
        if (frame.eventCount() > 0) {
            if (open) {
                put((byte) ',');
            }
            events(frame);
            open = true;
        }
        if (!frame.attributes().isEmpty()) {
            if (open) {
                put((byte) ',');
            }
            attributes(frame.attributes());
        }
        put((byte) '}');
    }

    private void reading(DeviceFrame frame, int i) {
        put(TIME);
        put(time(frame.readingTime(i)));
        put(VALUES);
        for (int c = 0; c < keys.length; c++) {
            if (c > 0) {
                put((byte) ',');
            }
            put(keys[c]);
            number(frame.value(i, c));
        }
        put((byte) '}');
        put((byte) '}');
    }

    private void events(DeviceFrame frame) {
        put(EVENTS);
        for (int i = 0; i < frame.eventCount(); i++) {
            if (i > 0) {
                put((byte) ',');
            }
            put(KIND);
            put(kinds.get(frame.event(i).kind()));
            put(CODE);
            put(strings.computeIfAbsent(frame.event(i).code(), JsonPayloads::quoted));
            put(EVENT_TIME);
            put(time(frame.eventTime(i)));
            put((byte) '}');
        }
        put((byte) ']');
    }

    private void attributes(Map<String, String> attributes) {
        put(ATTRIBUTES);
        boolean first = true;
        for (Map.Entry<String, String> a : attributes.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            if (!first) {
                put((byte) ',');
            }
            first = false;
            put(quoted(a.getKey()));
            put((byte) ':');
            put(quoted(a.getValue()));
        }
        put((byte) '}');
    }

    /** A number that reads back as {@code v}; null for NaN (missing) and the infinities. */
    private void number(double v) {
        if (!Double.isFinite(v)) {
            put(NULL);
        } else if (v == Math.rint(v) && Math.abs(v) < MAX_EXACT_WHOLE && (v != 0 || Double.doubleToRawLongBits(v) == 0)) {
            whole((long) v);
        } else {
            String s = Double.toString(v);
            ensure(s.length());
            for (int k = 0; k < s.length(); k++) {
                buf[pos++] = (byte) s.charAt(k);
            }
        }
    }

    private void whole(long v) {
        ensure(20);
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int start = pos;
        do {
            buf[pos++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int a = start, b = pos - 1; a < b; a++, b--) {
            byte t = buf[a];
            buf[a] = buf[b];
            buf[b] = t;
        }
    }

    /** The quoted text of a time, from the cache when it was written lately. */
    private byte[] time(long tick) {
        int slot = (int) (tick ^ (tick >>> 32)) * 0x9E3779B9 >>> 24 & (TIME_CACHE - 1);
        byte[] text = cachedTimes[slot];
        if (text == null || cachedTicks[slot] != tick) {
            text = quoted(timeText(axis, tick));
            cachedTimes[slot] = text;
            cachedTicks[slot] = tick;
        }
        return text;
    }

    /** A time as the HTTP API reads it: the axis' format, and a fraction of a second when the time has one. */
    static String timeText(TimeAxis axis, long tick) {
        String text = axis.format(tick);
        if (axis instanceof TimeAxis.Timestamps) {
            long micros = Math.floorMod(tick, TimeAxis.Timestamps.MICROS_PER_SECOND);
            if (micros != 0) {
                String fraction = String.format(Locale.ROOT, "%06d", micros).replaceAll("0+$", "");
                return text + "." + fraction;
            }
        }
        return text;
    }

    private void put(byte b) {
        ensure(1);
        buf[pos++] = b;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(pos + n, 2 * buf.length));
        }
    }

    /** A JSON string literal, UTF-8. */
    static byte[] quoted(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] ab = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, ab, a.length, b.length);
        return ab;
    }
}
