package org.prognos.inference.codec.read;

import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.InvalidRequestException;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.api.BatchScoreRequest;
import org.prognos.inference.api.EventItem;
import org.prognos.inference.api.Reading;
import org.prognos.inference.api.ReadingsRequest;
import org.prognos.inference.api.ScoreRequest;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.TimeBounds;
import org.prognos.inference.scoring.WindowSchema;

/**
 * The general way from a bound request ({@link ScoreRequest}, {@link BatchScoreRequest}, {@link ReadingsRequest}) to
 * typed windows on a model's {@link WindowSchema}: every reading, value, event and time is checked against the
 * model's channels and time axis, and every problem is worded with its JSON path.
 *
 * <p>Validation collects every problem before failing, so one 400 lists them all. Every time is held to the
 * {@link TimeBounds} (not too far in the future, no negative cycle), and a problem names its field
 * ({@code readings[3].time}, {@code events[0].time}, {@code asOf}).
 */
public final class RequestWindow {
    private static final EventKind[] KINDS = EventKind.values();
    private static final String[] KIND_NAMES = Arrays.stream(KINDS).map(k -> k.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);

    private RequestWindow() {
    }

    /** The window of {@code req} on {@code schema}, its times bounded on the system clock. */
    public static ReadingWindow window(WindowSchema schema, ScoreRequest req, String at, ServiceConfig.Limits limits) {
        return window(schema, req, at, limits, TimeBounds.of(limits));
    }

    /**
     * The window of {@code req} on {@code schema}.
     *
     * @param at a prefix for error paths ({@code ""}, or {@code assets[3].} in a batch)
     * @throws InvalidRequestException naming every problem of the window
     */
    public static ReadingWindow window(WindowSchema schema, ScoreRequest req, String at, ServiceConfig.Limits limits,
                                       TimeBounds bounds) {
        TimeBounds.Range range = bounds.on(schema.axis());
        List<String> problems = new ArrayList<>();
        if (req.readings().isEmpty()) {
            throw new InvalidRequestException(at + "readings: the window is empty; send at least one reading with a value"
                    + " for each of " + schema.channels());
        }
        Parsed p = parse(schema, range, req.readings(), req.events(), req.assetId().orElse("request"), at, limits, problems);
        long asOf = req.asOfTime().map(t -> parseTime(range, t, at + "asOf", problems)).orElse(Long.MIN_VALUE);
        failOn(problems);
        if (asOf != Long.MIN_VALUE) {
            Optional<String> late = schema.asOfProblem(p.times()[p.times().length - 1], asOf);
            if (late.isPresent()) {
                throw new InvalidRequestException(at + "asOf: " + late.get());
            }
        }
        return p.window(schema, req.assetId(), req.attributes(), asOf == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(asOf));
    }

    /**
     * The windows of every asset of {@code request} on {@code schema}, in order.
     *
     * @throws InvalidRequestException naming every problem of every window (after {@link #requireBatchSize})
     */
    public static List<ReadingWindow> windows(WindowSchema schema, BatchScoreRequest request, ServiceConfig.Limits limits,
                                              TimeBounds bounds) {
        requireBatchSize(request, limits);
        List<ReadingWindow> windows = new ArrayList<>(request.assets().size());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < request.assets().size(); i++) {
            ScoreRequest r = request.assets().get(i);
            if (r == null) {
                problems.add("assets[" + i + "]: an asset window is an object, found null");
                continue;
            }
            try {
                windows.add(window(schema, r, "assets[" + i + "].", limits, bounds));
            } catch (InvalidRequestException e) {
                problems.addAll(e.errors().isEmpty() ? List.of(e.getMessage()) : e.errors());
            }
        }
        failOn(problems);
        return windows;
    }

    /** Refuses an empty batch, or one of more assets than the limit. */
    public static void requireBatchSize(BatchScoreRequest request, ServiceConfig.Limits limits) {
        if (request.assets().isEmpty()) {
            throw new InvalidRequestException("assets: the batch is empty; send at least one asset window");
        }
        if (request.assets().size() > limits.maxBatchAssets()) {
            throw new InvalidRequestException("assets: " + request.assets().size() + " assets exceed the limit of "
                    + limits.maxBatchAssets() + " per batch");
        }
    }

    /**
     * The readings and events streamed for {@code asset}, as a window on {@code schema} (it may hold events only).
     *
     * @throws InvalidRequestException when there is nothing to apply, naming every problem of the readings otherwise
     */
    public static ReadingWindow readings(WindowSchema schema, String asset, ReadingsRequest request, ServiceConfig.Limits limits,
                                         TimeBounds bounds) {
        List<Reading> readings = request.allReadings();
        if (readings.isEmpty() && request.events().isEmpty()) {
            throw new InvalidRequestException("readings: nothing to apply; send {\"time\": ..., \"values\": {...}} or"
                    + " {\"readings\": [...]} (and optionally \"events\")");
        }
        List<String> problems = new ArrayList<>();
        Parsed p = parse(schema, bounds.on(schema.axis()), readings, request.events(), asset, "", limits, problems);
        failOn(problems);
        return p.window(schema, Optional.of(asset), request.attributes(), OptionalLong.empty());
    }

    /**
     * Readings and events parsed and checked against a schema's channels and time axis.
     *
     * @param times    reading times, strictly increasing when no problem was recorded
     * @param values   row-major values, one row of the model's channels per reading (NaN: missing)
     * @param events   events sorted by time
     * @param warnings notes (channels ignored)
     */
    private record Parsed(long[] times, double[] values, List<Event> events, List<String> warnings) {
        ReadingWindow window(WindowSchema schema, Optional<String> asset, Map<String, String> attributes, OptionalLong asOf) {
            return new ReadingWindow(schema, asset, times, values, events, attributes, asOf, warnings);
        }
    }

    /**
     * Parses {@code readings} and {@code items} on {@code schema}, adding every problem (with its path) to
     * {@code problems}; the caller fails when any was found ({@link #failOn}).
     */
    private static Parsed parse(WindowSchema schema, TimeBounds.Range range, List<Reading> readings, List<EventItem> items,
                                String asset, String at, ServiceConfig.Limits limits, List<String> problems) {
        TimeAxis axis = schema.axis();
        List<String> channels = schema.channels();
        if (readings.size() > limits.maxArrayLength()) {
            throw new InvalidRequestException(at + "readings: " + readings.size() + " readings exceed the limit of "
                    + limits.maxArrayLength() + " per window");
        }
        if (items.size() > limits.maxArrayLength()) {
            throw new InvalidRequestException(at + "events: " + items.size() + " events exceed the limit of "
                    + limits.maxArrayLength() + " per window");
        }
        int n = readings.size();
        int nc = channels.size();
        long[] times = new long[n];
        double[] values = new double[n * nc];
        Set<String> missing = new LinkedHashSet<>();
        int firstMissing = -1;
        Set<String> ignored = null;
        for (int i = 0; i < n; i++) {
            Reading r = readings.get(i);
            String where = at + "readings[" + i + "]";
            if (r == null) {
                problems.add(where + ": a reading is an object {\"time\": ..., \"values\": {...}}, found null");
                continue;
            }
            times[i] = parseTime(range, r.time(), where + ".time", problems);
            Map<String, Double> vals = r.values();
            int present = 0;
            for (int c = 0; c < nc; c++) {
                String ch = channels.get(c);
                Double v = vals.get(ch);
                if (v != null || vals.containsKey(ch)) {
                    present++;
                }
                if (v == null) {
                    if (!vals.containsKey(ch)) {
                        missing.add(ch);
                        if (firstMissing < 0) {
                            firstMissing = i;
                        }
                    }
                    values[i * nc + c] = Double.NaN;
                } else if (!Double.isFinite(v)) {
                    problems.add(where + ".values." + ch + ": " + v + " is not a finite number");
                } else {
                    values[i * nc + c] = v;
                }
            }
            if (vals.size() > present) {
                for (String key : vals.keySet()) {
                    if (!channels.contains(key)) {
                        if (ignored == null) {
                            ignored = new TreeSet<>();
                        }
                        ignored.add(key);
                    }
                }
            }
            if (i > 0 && times[i] <= times[i - 1] && times[i] != Long.MIN_VALUE && times[i - 1] != Long.MIN_VALUE) {
                problems.add(where + ".time: " + axis.format(times[i]) + " is not after readings[" + (i - 1) + "].time "
                        + axis.format(times[i - 1]) + "; send readings oldest first, one per time");
            }
        }
        if (!missing.isEmpty()) {
            problems.add(0, at + "readings[" + firstMissing + "].values: missing channel" + (missing.size() > 1 ? "s " : " ")
                    + missing + "; the model " + schema.model() + " reads " + channels + " (send null for a value that is missing)");
        }
        List<Event> events = events(items, asset, range, at, problems);
        List<String> warnings = ignored == null ? List.of() : List.of("ignored channels the model does not read: " + ignored);
        return new Parsed(times, values, events, warnings);
    }

    /** Throws one {@link InvalidRequestException} listing {@code problems}, if there are any. */
    static void failOn(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1)
                    + " more problems, listed in 'errors')" : ""), problems);
        }
    }

    /**
     * Parses {@code text} on {@code range}'s axis and holds it to the range; records a problem and returns
     * {@code Long.MIN_VALUE} when it cannot.
     */
    static long parseTime(TimeBounds.Range range, String text, String where, List<String> problems) {
        TimeAxis axis = range.axis();
        if (text == null || text.isBlank()) {
            problems.add(where + ": a time is required, e.g. " + example(axis));
            return Long.MIN_VALUE;
        }
        long t;
        try {
            t = axis.parse(text);
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            problems.add(where + ": " + e.getMessage());
            return Long.MIN_VALUE;
        }
        Optional<String> out = range.problem(t);
        if (out.isPresent()) {
            problems.add(where + ": " + out.get());
            return Long.MIN_VALUE;
        }
        return t;
    }

    static String example(TimeAxis axis) {
        return axis instanceof TimeAxis.Cycles ? "a cycle number such as 42" : "\"2015-12-01 06:00:00\" or \"2015-12-01T06:00:00Z\"";
    }

    /** The request's events, validated and sorted by time (stable). */
    static List<Event> events(List<EventItem> items, String asset, TimeBounds.Range range, String at, List<String> problems) {
        Event[] out = new Event[items.size()];
        int n = 0;
        boolean sorted = true;
        for (int i = 0; i < items.size(); i++) {
            EventItem e = items.get(i);
            if (e == null) {
                problems.add(at + "events[" + i + "]: an event is an object {\"kind\", \"code\", \"time\"}, found null");
                continue;
            }
            EventKind kind = null;
            if (e.kind() == null) {
                problems.add(at + "events[" + i + "].kind: required; one of failure, maintenance, alarm");
            } else {
                kind = kind(e.kind());
                if (kind == null) {
                    problems.add(at + "events[" + i + "].kind: '" + e.kind() + "' is not one of failure, maintenance, alarm");
                }
            }
            if (e.code() == null || e.code().isBlank()) {
                problems.add(at + "events[" + i + "].code: required, e.g. comp2 or error3");
            }
            int before = problems.size();
            long t = parseTime(range, e.time(), "", problems);
            if (problems.size() > before) {   // the "where" is only built for a problem
                problems.set(before, at + "events[" + i + "].time" + problems.get(before));
            }
            if (kind != null && e.code() != null && !e.code().isBlank() && t != Long.MIN_VALUE) {
                Event ev = new Event(asset, t, kind, e.code().trim());
                sorted &= n == 0 || out[n - 1].time() <= t;
                out[n++] = ev;
            }
        }
        Event[] events = n == out.length ? out : Arrays.copyOf(out, n);
        if (!sorted) {
            Arrays.sort(events, Comparator.comparingLong(Event::time));
        }
        return Arrays.asList(events);
    }

    /** The kind named by {@code text}, in any case and with blanks around it; null for none. */
    private static EventKind kind(String text) {
        for (int k = 0; k < KINDS.length; k++) {   // the usual spelling first, without a case-blind compare
            if (KIND_NAMES[k].equals(text)) {
                return KINDS[k];
            }
        }
        String trimmed = text.trim();
        for (EventKind candidate : KINDS) {
            if (candidate.name().equalsIgnoreCase(trimmed)) {
                return candidate;
            }
        }
        return null;
    }
}
