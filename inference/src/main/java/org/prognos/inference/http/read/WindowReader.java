package org.prognos.inference.http.read;

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
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.api.EventItem;
import org.prognos.inference.api.ScoreRequest;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.WindowSchema;

/**
 * Reads a well-formed score request body straight into a window on the model's {@link WindowSchema}: reading values
 * go into one array in the model's channel order as they are parsed, with no map of boxed values per reading. This
 * is the scoring route's fast path; binding the body to {@link ScoreRequest} and {@link RequestWindow#window} cost
 * about twice as much.
 *
 * <p>It accepts only what the general path accepts without a warning or an error it would word differently: on
 * anything else (an unknown field, a wrong type, a missing channel, a value that is not finite, a bad time, a limit,
 * malformed JSON, an {@code asOf} that is not after the last reading) it gives up and returns nothing, and the caller
 * reads the body the general way, which explains the problem. For every body it accepts, the window equals the
 * general path's (tested on every kind of field, through the feature vector the core computes from it).
 */
public final class WindowReader {
    private WindowReader() {
    }

    /** The body's window on {@code schema}, or nothing when the body needs the general path. */
    public static Optional<ReadingWindow> read(JsonFactory json, byte[] body, WindowSchema schema, ServiceConfig.Limits limits) {
        try (JsonParser p = json.createParser(body)) {
            // the parser's duplicate detection keeps a hash set per object; this reader sees duplicates itself
            p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            return Optional.ofNullable(window(p, schema, limits));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();   // malformed, over a limit, or a problem to word: the general path does it
        }
    }

    private static ReadingWindow window(JsonParser p, WindowSchema schema, ServiceConfig.Limits limits) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        TimeAxis axis = schema.axis();
        Map<String, Integer> channelIndex = schema.channelIndex();
        int nc = channelIndex.size();
        String asset = null;
        String asOfText = null;
        Map<String, String> attributes = Map.of();
        List<EventItem> events = List.of();
        long[] times = null;
        double[] values = null;
        int n = 0;
        TreeSet<String> ignored = null;
        Set<String> ignoredHere = null;   // channels not read, in the current reading
        boolean[] seen = new boolean[nc];           // channels read, in the current reading
        List<String> problems = new ArrayList<>(0);
        Set<String> fields = new HashSet<>(8);
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (!fields.add(field)) {
                return null;   // a duplicate field
            }
            JsonToken v = p.nextToken();
            switch (field) {
                case "asset":
                    asset = v == JsonToken.VALUE_NULL ? null : scalarText(p, v);
                    if (asset == null && v != JsonToken.VALUE_NULL) {
                        return null;
                    }
                    break;
                case "asOf":
                    asOfText = v == JsonToken.VALUE_NULL ? null : scalarText(p, v);
                    if (asOfText == null && v != JsonToken.VALUE_NULL) {
                        return null;
                    }
                    break;
                case "attributes":
                    if (v == JsonToken.VALUE_NULL) {
                        attributes = Map.of();
                        break;
                    }
                    if (v != JsonToken.START_OBJECT) {
                        return null;
                    }
                    attributes = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        String text = scalarText(p, p.nextToken());
                        if (text == null) {
                            return null;
                        }
                        if (attributes.put(name, text) != null) {
                            return null;
                        }
                    }
                    break;
                case "events":
                    if (v == JsonToken.VALUE_NULL) {
                        events = List.of();
                        break;
                    }
                    if (v != JsonToken.START_ARRAY) {
                        return null;
                    }
                    events = new ArrayList<>();
                    while (p.nextToken() == JsonToken.START_OBJECT) {
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
                        events.add(new EventItem(kind, code, time));
                        if (events.size() > limits.maxArrayLength()) {
                            return null;
                        }
                    }
                    if (p.currentToken() != JsonToken.END_ARRAY) {
                        return null;
                    }
                    break;
                case "readings":
                    if (v != JsonToken.START_ARRAY || times != null) {
                        return null;
                    }
                    times = new long[32];
                    values = new double[32 * nc];
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        if (n == times.length) {
                            if (n >= limits.maxArrayLength()) {
                                return null;
                            }
                            times = Arrays.copyOf(times, 2 * n);
                            values = Arrays.copyOf(values, 2 * n * nc);
                        }
                        int base = n * nc;
                        Arrays.fill(values, base, base + nc, Double.NaN);
                        boolean sawTime = false;
                        boolean sawValues = false;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            JsonToken vt = p.nextToken();
                            if (name.equals("time") && !sawTime) {
                                if (vt != JsonToken.VALUE_STRING && vt != JsonToken.VALUE_NUMBER_INT && vt != JsonToken.VALUE_NUMBER_FLOAT) {
                                    return null;
                                }
                                sawTime = true;
                                // from the parser's characters: no String per reading (a bad time throws: general path)
                                times[n] = axis.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                            } else if (name.equals("values") && vt == JsonToken.START_OBJECT && !sawValues) {
                                sawValues = true;
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
                                        if (!Double.isFinite(d)) {
                                            return null;
                                        }
                                    } else if (x == JsonToken.VALUE_NUMBER_INT) {
                                        d = p.getDoubleValue();
                                        if (!Double.isFinite(d)) {
                                            return null;
                                        }
                                    } else if (x == JsonToken.VALUE_NULL) {
                                        d = Double.NaN;
                                    } else {
                                        return null;
                                    }
                                    Integer c = channelIndex.get(channel);
                                    if (c == null) {
                                        if (ignored == null) {
                                            ignored = new TreeSet<>();
                                        }
                                        if (ignoredHere == null) {
                                            ignoredHere = new HashSet<>();
                                        }
                                        if (!ignoredHere.add(channel)) {
                                            return null;   // repeated in this reading
                                        }
                                        ignored.add(channel);
                                    } else if (seen[c]) {
                                        return null;
                                    } else {
                                        seen[c] = true;
                                        values[base + c] = d;
                                        present++;
                                    }
                                }
                                if (present != nc) {
                                    return null;   // a channel is missing (duplicates are a parse error)
                                }
                            } else {
                                return null;
                            }
                        }
                        if (!sawValues || !sawTime) {
                            return null;
                        }
                        if (n > 0 && times[n] <= times[n - 1]) {
                            return null;
                        }
                        n++;
                    }
                    if (p.currentToken() != JsonToken.END_ARRAY) {
                        return null;
                    }
                    break;
                default:
                    return null;
            }
        }
        if (t != JsonToken.END_OBJECT || p.nextToken() != null || n == 0 || n > limits.maxArrayLength()) {
            return null;
        }
        String id = asset == null ? "request" : asset;
        List<Event> parsedEvents = RequestWindow.events(events, id, axis, "", problems);
        long asOf = asOfText == null ? Long.MIN_VALUE : RequestWindow.parseTime(axis, asOfText, "", problems);
        if (!problems.isEmpty() || asOf != Long.MIN_VALUE && schema.asOfProblem(times[n - 1], asOf).isPresent()) {
            return null;
        }
        List<String> warnings = ignored == null ? List.of() : List.of("ignored channels the model does not read: " + ignored);
        return new ReadingWindow(schema, Optional.ofNullable(asset), Arrays.copyOf(times, n), Arrays.copyOf(values, n * nc),
                parsedEvents, attributes, asOf == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(asOf), warnings);
    }

    /** A string, or a number's text (as the general path coerces it); null for anything else. */
    private static String scalarText(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT
                ? p.getText() : null;
    }
}
