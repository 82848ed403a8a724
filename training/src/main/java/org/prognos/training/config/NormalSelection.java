package org.prognos.training.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.TimeAxis;

/**
 * Which data an anomaly job declares normal ({@code task.normal}): the rows and readings its detector and the spec's
 * normalization are fitted on, and the held-out rows its score is calibrated on. A closed set; each case compiles
 * itself, on the spec's time axis and the data's event log, into a test of (asset, time).
 *
 * <ul>
 * <li>{@code all} (the default): every row. For fleets whose history holds few failures.</li>
 * <li>{@code {from: T0, to: T1}}: times in [T0, T1) on the spec's axis, for every asset (either end may be left
 * out). On cycles this is "cycles T0 to T1 − 1 of every run", e.g. the early, healthy part of run-to-failure data;
 * on timestamps a calendar period, e.g. the commissioning months.</li>
 * <li>{@code {awayFromEvents: {before: 7d, after: 2d}}}: times more than {@code before} ahead of every failure of
 * the asset (T is not normal when a failure f has 0 ≤ f − T &lt; before) and at least {@code after} past every
 * failure and maintenance of the asset (T is not normal when an event e has 0 ≤ T − e &lt; after). Spans are read
 * on the spec's axis ({@code 7d}, {@code 48h}; {@code 30} cycles).</li>
 * </ul>
 */
public sealed interface NormalSelection permits NormalSelection.All, NormalSelection.TimeRange, NormalSelection.AwayFromEvents {

    /** Whether a reading or row of an asset at a time is normal. */
    @FunctionalInterface
    interface Test {
        boolean normal(String asset, long time);
    }

    /** This selection as a test on {@code axis}, with the events of {@code events}. */
    Test compile(TimeAxis axis, EventLog events);

    /** The selection in words, for the log and metrics.json. */
    String describe();

    /** Every row is normal. */
    record All() implements NormalSelection {
        @Override
        public Test compile(TimeAxis axis, EventLog events) {
            return (asset, time) -> true;
        }

        @Override
        public String describe() {
            return "all rows";
        }
    }

    /**
     * Times in [from, to) on the spec's axis, as written (parsed when compiled).
     *
     * @param from the first normal time; empty for no lower end
     * @param to   the first time after the normal period; empty for no upper end
     */
    record TimeRange(Optional<String> from, Optional<String> to) implements NormalSelection {
        public TimeRange {
            if (from.isEmpty() && to.isEmpty()) {
                throw new InvalidSpecException("'task.normal' as a time range needs 'from', 'to' or both");
            }
        }

        @Override
        public Test compile(TimeAxis axis, EventLog events) {
            long lo = from.map(f -> parse(axis, "task.normal.from", f)).orElse(Long.MIN_VALUE);
            long hi = to.map(t -> parse(axis, "task.normal.to", t)).orElse(Long.MAX_VALUE);
            if (lo >= hi) {
                throw new InvalidSpecException("'task.normal': 'from' " + from.orElse("") + " is not before 'to' " + to.orElse(""));
            }
            return (asset, time) -> time >= lo && time < hi;
        }

        @Override
        public String describe() {
            return "times in [" + from.orElse("start") + ", " + to.orElse("end") + ")";
        }
    }

    /**
     * Times away from failures and maintenance.
     *
     * @param before how long before a failure rows stop being normal, e.g. {@code 7d}
     * @param after  how long after a failure or maintenance rows are not yet normal, e.g. {@code 2d}
     */
    record AwayFromEvents(String before, String after) implements NormalSelection {
        public AwayFromEvents {
            TrainingConfig.require("task.normal.awayFromEvents.before", before);
            TrainingConfig.require("task.normal.awayFromEvents.after", after);
        }

        @Override
        public Test compile(TimeAxis axis, EventLog events) {
            long b = span(axis, "task.normal.awayFromEvents.before", before);
            long a = span(axis, "task.normal.awayFromEvents.after", after);
            Map<String, long[]> failures = new TreeMap<>();
            Map<String, long[]> resets = new TreeMap<>();
            for (String asset : events.assets()) {
                failures.put(asset, times(events.of(asset, EventKind.FAILURE)));
                List<Event> both = new ArrayList<>(events.of(asset, EventKind.FAILURE));
                both.addAll(events.of(asset, EventKind.MAINTENANCE));
                resets.put(asset, times(both));
            }
            long[] none = new long[0];
            return (asset, time) -> {
                for (long f : failures.getOrDefault(asset, none)) {
                    if (f - time >= 0 && f - time < b) {
                        return false;
                    }
                }
                for (long e : resets.getOrDefault(asset, none)) {
                    if (time - e >= 0 && time - e < a) {
                        return false;
                    }
                }
                return true;
            };
        }

        @Override
        public String describe() {
            return "away from events: more than " + before + " before any failure, at least " + after
                    + " after any failure or maintenance";
        }

        private static long[] times(List<Event> events) {
            return events.stream().mapToLong(Event::time).sorted().toArray();
        }
    }

    /**
     * Reads {@code task.normal} as a config writes it: absent or {@code all}, a {@code {from, to}} object, or an
     * {@code {awayFromEvents: {before, after}}} object. Anything else is an error naming the key.
     */
    static NormalSelection parse(JsonNode node) {
        if (node == null || node.isNull() || node.isTextual() && node.asText().equals("all")) {
            return new All();
        }
        if (node.isObject() && node.has("awayFromEvents") && node.size() == 1) {
            JsonNode a = node.get("awayFromEvents");
            if (!a.isObject() || a.size() != 2 || !a.has("before") || !a.has("after")) {
                throw new InvalidSpecException("'task.normal.awayFromEvents' must be {before: <span>, after: <span>},"
                        + " e.g. {before: 7d, after: 2d}; found " + a);
            }
            return new AwayFromEvents(a.get("before").asText(), a.get("after").asText());
        }
        if (node.isObject() && node.size() >= 1 && node.size() <= 2) {
            Iterable<String> names = node::fieldNames;
            for (String n : names) {
                if (!n.equals("from") && !n.equals("to")) {
                    throw new InvalidSpecException("'task.normal' has unknown key '" + n + "'; expected 'all',"
                            + " {from, to} or {awayFromEvents: {before, after}}");
                }
            }
            return new TimeRange(Optional.ofNullable(node.get("from")).map(JsonNode::asText),
                    Optional.ofNullable(node.get("to")).map(JsonNode::asText));
        }
        throw new InvalidSpecException("'task.normal' must be 'all', {from, to} or {awayFromEvents: {before, after}};"
                + " found " + node);
    }

    private static long parse(TimeAxis axis, String key, String text) {
        try {
            return axis.parse(text);
        } catch (RuntimeException e) {
            throw new InvalidSpecException("at '" + key + "': cannot read '" + text + "' as a time on the spec's axis: "
                    + e.getMessage());
        }
    }

    private static long span(TimeAxis axis, String key, String text) {
        try {
            return axis.parseSpan(text);
        } catch (RuntimeException e) {
            throw new InvalidSpecException("at '" + key + "': " + e.getMessage());
        }
    }
}
