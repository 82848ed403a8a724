package org.prognos.inference.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.prognos.features.extract.AssetState;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.RowSink;
import org.prognos.features.spec.FeatureGroup;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.InvalidRequestException;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.api.EventItem;
import org.prognos.inference.api.Reading;
import org.prognos.inference.api.ScoreRequest;
import org.prognos.inference.catalog.ServedModel;
import org.prognos.models.runtime.FeatureVector;

/**
 * Computes a request window's feature vector with the bundle's own spec: a fresh {@link AssetState} is fed the
 * request's events and readings in time order (events at or before a reading's time first, as batch extraction
 * does), then evaluated at T = {@code asOf}, or just after the last reading. Batch extraction runs the same
 * {@code AssetState}, so the vector equals the offline one for the same data.
 *
 * <p>Validation collects every problem (with its JSON path) before failing, so one 400 lists them all.
 */
public final class RequestWindow {
    private static final EventKind[] KINDS = EventKind.values();
    private static final String[] KIND_NAMES = Arrays.stream(KINDS).map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);

    private RequestWindow() {
    }

    /**
     * The vector of {@code req} for model {@code m}.
     *
     * @param at a prefix for error paths ({@code ""}, or {@code assets[3].} in a batch)
     * @throws InvalidRequestException naming every problem of the window
     */
    public static FeatureVector vector(ServedModel m, ScoreRequest req, String at, ServiceConfig.Limits limits) {
        FeatureExtractor ex = m.extractor();
        TimeAxis axis = m.requestAxis();
        List<String> problems = new ArrayList<>();
        if (req.readings().isEmpty()) {
            throw new InvalidRequestException(at + "readings: the window is empty; send at least one reading with a value"
                    + " for each of " + ex.channels());
        }
        Parsed p = parse(m, req.readings(), req.events(), req.assetId().orElse("request"), at, limits, problems);
        long asOf = req.asOfTime().map(t -> parseTime(axis, t, at + "asOf", problems)).orElse(Long.MIN_VALUE);
        failOn(problems);
        return assemble(m, p, req.assetId(), req.attributes(), asOf, at);
    }

    /**
     * The vector of a parsed window: the asset's state fed the readings and events in time order, evaluated at
     * {@code asOf} ({@code Long.MIN_VALUE}: just after the last reading).
     *
     * @throws InvalidRequestException when {@code asOf} is not after the last reading
     */
    static FeatureVector assemble(ServedModel m, Parsed p, java.util.Optional<String> asset, Map<String, String> attributes,
                                  long asOf, String at) {
        FeatureExtractor ex = m.extractor();
        TimeAxis axis = m.requestAxis();
        long[] times = p.times();
        double[] values = p.values();
        Event[] events = p.events();
        int n = times.length;
        int nc = ex.channels().size();
        List<String> warnings = new ArrayList<>(p.warnings());
        long last = times[n - 1];
        boolean grid = ex.gridEmission();
        if (asOf != Long.MIN_VALUE && (grid ? asOf <= last : asOf < last)) {
            throw new InvalidRequestException(at + "asOf: " + axis.format(asOf) + " is not after the last reading ("
                    + axis.format(last) + "); this model's features at T use readings strictly before T, so send readings"
                    + " before asOf, or leave asOf out to score just after the last reading");
        }
        for (FeatureGroup fg : ex.spec().features()) {
            if (fg instanceof FeatureGroup.Attribute a && !attributes.containsKey(a.name())) {
                warnings.add("attribute '" + a.name() + "' was not given: the model sees it as missing");
            }
        }

        AssetState state = ex.newState(asset.orElse("request"), attributes);
        RowSink discard = RowSink.discard();
        double[] row = new double[nc];
        int next = 0;
        for (int i = 0; i < n; i++) {
            while (next < events.length && events[next].time() <= times[i]) {
                state.event(events[next++], discard);
            }
            System.arraycopy(values, i * nc, row, 0, nc);
            state.reading(times[i], row, discard);
        }
        long t = asOf != Long.MIN_VALUE ? asOf : state.nowTime();
        int late = 0;
        for (; next < events.length; next++) {
            if (grid ? events[next].time() < t : events[next].time() <= t) {
                state.event(events[next], discard);
            } else {
                late++;
            }
        }
        if (late > 0) {
            warnings.add(late + " event" + (late > 1 ? "s" : "") + " at or after the scoring time " + axis.format(t)
                    + " did not count");
        }
        double[] out = new double[ex.columns().size()];
        state.vectorAt(t, out, discard);
        if (!state.covered(t)) {
            warnings.add("the window does not cover every feature window of the model; features over partial windows"
                    + " may differ from the ones it was trained on");
        }
        return new FeatureVector(asset, t, out, n, warnings);
    }

    /**
     * Readings and events parsed and checked against {@code m}'s channels and time axis.
     *
     * @param times    reading times, strictly increasing when no problem was recorded
     * @param values   row-major values, one row of the model's channels per reading (NaN: missing)
     * @param events   events sorted by time
     * @param warnings notes (channels ignored)
     */
    public record Parsed(long[] times, double[] values, Event[] events, List<String> warnings) {
    }

    /**
     * Parses {@code readings} and {@code items} for model {@code m}, adding every problem (with its path) to
     * {@code problems}; the caller fails when any was found ({@link #failOn}).
     */
    public static Parsed parse(ServedModel m, List<Reading> readings, List<EventItem> items, String asset, String at,
                        ServiceConfig.Limits limits, List<String> problems) {
        FeatureExtractor ex = m.extractor();
        TimeAxis axis = m.requestAxis();
        List<String> channels = ex.channels();
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
            times[i] = parseTime(axis, r.time(), where + ".time", problems);
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
                    + missing + "; the model " + m.name() + " reads " + channels + " (send null for a value that is missing)");
        }
        Event[] events = events(items, asset, axis, at, problems);
        List<String> warnings = ignored == null ? List.of() : List.of("ignored channels the model does not read: " + ignored);
        return new Parsed(times, values, events, warnings);
    }

    /** Throws one {@link InvalidRequestException} listing {@code problems}, if there are any. */
    public static void failOn(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1)
                    + " more problems, listed in 'errors')" : ""), problems);
        }
    }

    /** Parses {@code text} on {@code axis}; records a problem and returns {@code Long.MIN_VALUE} when it cannot. */
    static long parseTime(TimeAxis axis, String text, String where, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add(where + ": a time is required, e.g. " + example(axis));
            return Long.MIN_VALUE;
        }
        try {
            return axis.parse(text);
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            problems.add(where + ": " + e.getMessage());
            return Long.MIN_VALUE;
        }
    }

    static String example(TimeAxis axis) {
        return axis instanceof TimeAxis.Cycles ? "a cycle number such as 42" : "\"2015-12-01 06:00:00\" or \"2015-12-01T06:00:00Z\"";
    }

    /** The request's events, validated and sorted by time (stable). */
    static Event[] events(List<EventItem> items, String asset, TimeAxis axis, String at, List<String> problems) {
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
            long t = parseTime(axis, e.time(), "", problems);
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
        return events;
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
