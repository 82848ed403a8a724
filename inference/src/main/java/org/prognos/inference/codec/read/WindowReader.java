package org.prognos.inference.codec.read;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.prognos.features.telemetry.Event;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.api.EventItem;
import org.prognos.inference.api.ScoreRequest;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.TimeBounds;
import org.prognos.inference.scoring.WindowSchema;

/**
 * Reads a well-formed score request body straight into a window on the model's {@link WindowSchema}: reading values
 * go into one array in the model's channel order as they are parsed, with no map of boxed values per reading. This
 * is the scoring route's fast path; binding the body to {@link ScoreRequest} and {@link RequestWindow#window} cost
 * about twice as much.
 *
 * <p>It accepts only what the general path accepts without a warning or an error it would word differently: on
 * anything else (an unknown field, a wrong type, a missing channel, a value that is not finite, a bad time, a limit,
 * malformed JSON, a time outside the {@link TimeBounds}, an {@code asOf} that is not after the last reading) it gives
 * up and returns nothing, and the caller
 * reads the body the general way, which explains the problem. For every body it accepts, the window equals the
 * general path's (tested on every kind of field, through the feature vector the core computes from it).
 */
public final class WindowReader {
    private WindowReader() {
    }

    /** The body's window on {@code schema}, its times bounded on the system clock, or nothing when it needs the general path. */
    public static Optional<ReadingWindow> read(JsonFactory json, byte[] body, WindowSchema schema, ServiceConfig.Limits limits) {
        return read(json, body, schema, limits, TimeBounds.of(limits));
    }

    /** The body's window on {@code schema}, or nothing when the body needs the general path. */
    public static Optional<ReadingWindow> read(JsonFactory json, byte[] body, WindowSchema schema, ServiceConfig.Limits limits,
                                               TimeBounds bounds) {
        try (JsonParser p = json.createParser(body)) {
            // the parser's duplicate detection keeps a hash set per object; this reader sees duplicates itself
            p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            return Optional.ofNullable(new Body(p, schema, limits, bounds.on(schema.axis())).window());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();   // malformed, over a limit, or a problem to word: the general path does it
        }
    }

    /**
     * One body being read: each field's step returns false to give up (the general path then words the problem).
     * Reading values go straight into {@code values}, {@code nc} per reading in the schema's channel order.
     */
    private static final class Body {
        private final JsonParser p;
        private final WindowSchema schema;
        private final ServiceConfig.Limits limits;
        private final TimeBounds.Range range;
        private final Map<String, Integer> channelIndex;
        private final int nc;
        private final boolean[] seen;           // channels read, in the current reading
        private String asset;
        private String asOfText;
        private Map<String, String> attributes = Map.of();
        private List<EventItem> events = List.of();
        private long[] times;
        private double[] values;
        private int n;
        private TreeSet<String> ignored;        // channels the model does not read, over all readings
        private Set<String> ignoredHere;        // the same, in the current reading

        Body(JsonParser p, WindowSchema schema, ServiceConfig.Limits limits, TimeBounds.Range range) {
            this.p = p;
            this.schema = schema;
            this.limits = limits;
            this.range = range;
            this.channelIndex = schema.channelIndex();
            this.nc = channelIndex.size();
            this.seen = new boolean[nc];
        }

        /** The window, or null to give up. */
        ReadingWindow window() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Set<String> fields = new HashSet<>(8);
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (!fields.add(field) || !field(field, p.nextToken())) {
                    return null;   // a duplicate field, or a field to word
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null || n == 0 || n > limits.maxArrayLength()) {
                return null;
            }
            return assemble();
        }

        private boolean field(String field, JsonToken v) throws IOException {
            switch (field) {
                case "asset":
                    asset = v == JsonToken.VALUE_NULL ? null : scalarText(p, v);
                    return asset != null || v == JsonToken.VALUE_NULL;
                case "asOf":
                    asOfText = v == JsonToken.VALUE_NULL ? null : scalarText(p, v);
                    return asOfText != null || v == JsonToken.VALUE_NULL;
                case "attributes":
                    return attributes(v);
                case "events":
                    return events(v);
                case "readings":
                    return readings(v);
                default:
                    return false;
            }
        }

        private boolean attributes(JsonToken v) throws IOException {
            if (v == JsonToken.VALUE_NULL) {
                attributes = Map.of();
                return true;
            }
            if (v != JsonToken.START_OBJECT) {
                return false;
            }
            attributes = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                String text = scalarText(p, p.nextToken());
                if (text == null || attributes.put(name, text) != null) {
                    return false;
                }
            }
            return true;
        }

        private boolean events(JsonToken v) throws IOException {
            if (v == JsonToken.VALUE_NULL) {
                events = List.of();
                return true;
            }
            if (v != JsonToken.START_ARRAY) {
                return false;
            }
            events = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                EventItem e = event();
                if (e == null) {
                    return false;
                }
                events.add(e);
                if (events.size() > limits.maxArrayLength()) {
                    return false;
                }
            }
            return p.currentToken() == JsonToken.END_ARRAY;
        }

        /** One event object, or null to give up (an unknown or repeated field, a value that is not a scalar). */
        private EventItem event() throws IOException {
            String kind = null;
            String code = null;
            String time = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                String text = scalarText(p, p.nextToken());
                if (text == null) {
                    return null;
                }
                if (name.equals("kind") && kind == null) {
                    kind = text;
                } else if (name.equals("code") && code == null) {
                    code = text;
                } else if (name.equals("time") && time == null) {
                    time = text;
                } else {
                    return null;   // unknown or repeated
                }
            }
            return new EventItem(kind, code, time);
        }

        private boolean readings(JsonToken v) throws IOException {
            if (v != JsonToken.START_ARRAY || times != null) {
                return false;
            }
            times = new long[32];
            values = new double[32 * nc];
            while (p.nextToken() == JsonToken.START_OBJECT) {
                if (n == times.length) {
                    if (n >= limits.maxArrayLength()) {
                        return false;
                    }
                    times = Arrays.copyOf(times, 2 * n);
                    values = Arrays.copyOf(values, 2 * n * nc);
                }
                if (!reading() || n > 0 && times[n] <= times[n - 1]) {
                    return false;
                }
                n++;
            }
            return p.currentToken() == JsonToken.END_ARRAY;
        }

        /** Reading {@code n}: its time into {@code times[n]}, its values into row {@code n} of {@code values}. */
        private boolean reading() throws IOException {
            int base = n * nc;
            Arrays.fill(values, base, base + nc, Double.NaN);
            boolean sawTime = false;
            boolean sawValues = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken vt = p.nextToken();
                if (name.equals("time") && !sawTime) {
                    if (vt != JsonToken.VALUE_STRING && vt != JsonToken.VALUE_NUMBER_INT && vt != JsonToken.VALUE_NUMBER_FLOAT) {
                        return false;
                    }
                    sawTime = true;
                    // from the parser's characters: no String per reading (a bad time throws: general path)
                    times[n] = schema.axis().parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    if (!range.admits(times[n])) {
                        return false;   // out of bounds: the general path words it
                    }
                } else if (name.equals("values") && vt == JsonToken.START_OBJECT && !sawValues) {
                    sawValues = true;
                    if (!values(base)) {
                        return false;
                    }
                } else {
                    return false;
                }
            }
            return sawValues && sawTime;
        }

        /** A reading's {@code values} object into {@code values[base..base+nc)}: every channel once, finite or null. */
        private boolean values(int base) throws IOException {
            Arrays.fill(seen, false);
            if (ignoredHere != null) {
                ignoredHere.clear();
            }
            int present = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String channel = p.currentName();
                JsonToken x = p.nextToken();
                double d;
                if (x == JsonToken.VALUE_NUMBER_FLOAT) {
                    // correctly rounded, as Jackson's own parse, without making a String first
                    d = JavaDoubleParser.parseDouble(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                } else if (x == JsonToken.VALUE_NUMBER_INT) {
                    d = p.getDoubleValue();
                } else if (x == JsonToken.VALUE_NULL) {
                    d = Double.NaN;
                } else {
                    return false;
                }
                if (x != JsonToken.VALUE_NULL && !Double.isFinite(d)) {
                    return false;
                }
                Integer c = channelIndex.get(channel);
                if (c == null) {
                    if (!ignore(channel)) {
                        return false;
                    }
                } else if (seen[c]) {
                    return false;
                } else {
                    seen[c] = true;
                    values[base + c] = d;
                    present++;
                }
            }
            return present == nc;   // else a channel is missing (duplicates are a parse error)
        }

        /** Notes a channel the model does not read; false when it is repeated in this reading. */
        private boolean ignore(String channel) {
            if (ignored == null) {
                ignored = new TreeSet<>();
            }
            if (ignoredHere == null) {
                ignoredHere = new HashSet<>();
            }
            if (!ignoredHere.add(channel)) {
                return false;
            }
            ignored.add(channel);
            return true;
        }

        /** The window of what was read, or null when an event or {@code asOf} needs the general path's words. */
        private ReadingWindow assemble() {
            List<String> problems = new ArrayList<>(0);
            List<Event> parsedEvents = RequestWindow.events(events, asset == null ? "request" : asset, range, "", problems);
            long asOf = asOfText == null ? Long.MIN_VALUE : RequestWindow.parseTime(range, asOfText, "", problems);
            if (!problems.isEmpty() || asOf != Long.MIN_VALUE && schema.asOfProblem(times[n - 1], asOf).isPresent()) {
                return null;
            }
            List<String> warnings = ignored == null ? List.of() : List.of("ignored channels the model does not read: " + ignored);
            return new ReadingWindow(schema, Optional.ofNullable(asset), Arrays.copyOf(times, n), Arrays.copyOf(values, n * nc),
                    parsedEvents, attributes, asOf == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(asOf), warnings);
        }
    }

    /** A string, or a number's text (as the general path coerces it); null for anything else. */
    private static String scalarText(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT
                ? p.getText() : null;
    }
}
