package org.prognos.training.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;

/**
 * The evaluated rows laid out per asset in time order, with what the failure log says about each: the structure
 * event metrics and the threshold search share, so both count with one definition. Rows sharing an asset and a time
 * form one group (one "unique row" of the peer protocol).
 */
final class EventTimeline {
    /** A scored failure event and the groups in its window: times T with 0 ≤ f − T &lt; horizon. */
    record Window(Event event, int firstGroup, int endGroup) {
        boolean hasRows() {
            return endGroup > firstGroup;
        }
    }

    final List<String> classes;
    final EventSettings settings;
    final int rows;
    final int groups;
    final long[] groupTime;
    /** Rows of group g: {@code rowOrder[groupRowStart[g] .. groupRowStart[g + 1])}. */
    final int[] groupRowStart;
    final int[] rowOrder;
    /** Groups of asset a: {@code assetGroupStart[a] .. assetGroupStart[a + 1]}. */
    final int[] assetGroupStart;
    /** Whether some failure (of any component) happens within the horizon after the group's time. */
    final boolean[] failureAhead;
    final List<Window> windows;

    EventTimeline(RowTimes rowTimes, List<Event> failures, List<String> classes, EventSettings settings) {
        this.classes = List.copyOf(classes);
        this.settings = settings;
        this.rows = rowTimes.size();
        if (classes.size() < 2) {
            throw new EvaluationException("event metrics need at least two classes (class 0 = no failure), found "
                    + classes);
        }
        if (rows == 0) {
            throw new EvaluationException("event metrics need at least one row");
        }
        String[] assets = rowTimes.assets();
        long[] times = rowTimes.times();
        TreeMap<String, Integer> assetIndex = new TreeMap<>();
        for (String a : assets) {
            assetIndex.putIfAbsent(a, 0);
        }
        int next = 0;
        for (Map.Entry<String, Integer> e : assetIndex.entrySet()) {
            e.setValue(next++);
        }
        int[] rowAsset = new int[rows];
        for (int r = 0; r < rows; r++) {
            rowAsset[r] = assetIndex.get(assets[r]);
        }
        Integer[] order = new Integer[rows];
        for (int r = 0; r < rows; r++) {
            order[r] = r;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(r -> rowAsset[r]).thenComparingLong(r -> times[r]));
        rowOrder = new int[rows];
        int[] starts = new int[rows + 1];
        long[] gTime = new long[rows];
        int[] gAsset = new int[rows];
        int g = 0;
        for (int i = 0; i < rows; i++) {
            int r = order[i];
            rowOrder[i] = r;
            if (i == 0 || rowAsset[r] != gAsset[g - 1] || times[r] != gTime[g - 1]) {
                starts[g] = i;
                gTime[g] = times[r];
                gAsset[g] = rowAsset[r];
                g++;
            }
        }
        starts[g] = rows;
        groups = g;
        groupTime = Arrays.copyOf(gTime, g);
        groupRowStart = Arrays.copyOf(starts, g + 1);
        assetGroupStart = new int[assetIndex.size() + 1];
        for (int i = 0, a = 0; a <= assetIndex.size(); a++) {
            while (i < g && gAsset[i] < a) {
                i++;
            }
            assetGroupStart[a] = i;
        }

        Map<String, List<Event>> byAsset = new HashMap<>();
        for (Event e : failures) {
            if (e.kind() == EventKind.FAILURE) {
                byAsset.computeIfAbsent(e.asset(), k -> new ArrayList<>()).add(e);
            }
        }
        failureAhead = new boolean[g];
        List<Window> scored = new ArrayList<>();
        long horizon = settings.horizon();
        for (Map.Entry<String, Integer> a : assetIndex.entrySet()) {
            List<Event> events = new ArrayList<>(byAsset.getOrDefault(a.getKey(), List.of()));
            events.sort(Comparator.comparingLong(Event::time));
            int from = assetGroupStart[a.getValue()];
            int to = assetGroupStart[a.getValue() + 1];
            int ev = 0;
            for (int k = from; k < to; k++) {
                long t = groupTime[k];
                while (ev < events.size() && events.get(ev).time() < t) {
                    ev++;
                }
                failureAhead[k] = ev < events.size() && events.get(ev).time() - t < horizon;
            }
        }
        List<Event> sortedFailures = new ArrayList<>();
        for (Event e : failures) {
            if (e.kind() == EventKind.FAILURE && settings.match().scores(e.code(), this.classes)) {
                sortedFailures.add(e);
            }
        }
        sortedFailures.sort(Comparator.comparing(Event::asset).thenComparingLong(Event::time)
                .thenComparing(Event::code));
        for (Event e : sortedFailures) {
            Integer a = assetIndex.get(e.asset());
            if (a == null) {
                scored.add(new Window(e, 0, 0));
                continue;
            }
            int from = assetGroupStart[a];
            int to = assetGroupStart[a + 1];
            // window: f - horizon < T <= f
            int first = firstAfter(from, to, e.time() - horizon);
            int end = firstAfter(from, to, e.time());
            scored.add(new Window(e, first, end));
        }
        windows = List.copyOf(scored);
    }

    /** The first group in [from, to) whose time is greater than {@code t}. */
    private int firstAfter(int from, int to, long t) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (groupTime[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    int assets() {
        return assetGroupStart.length - 1;
    }

    /**
     * Needless visits: false-alarm groups merged into episodes per asset. An episode starts at a false-alarm row
     * and takes in every later false-alarm row of that asset before start + horizon; the next false-alarm row at or
     * after that opens a new episode.
     */
    long visits(boolean[] falseAlarm) {
        long visits = 0;
        long horizon = settings.horizon();
        for (int a = 0; a < assets(); a++) {
            boolean open = false;
            long start = 0;
            for (int k = assetGroupStart[a]; k < assetGroupStart[a + 1]; k++) {
                if (falseAlarm[k] && (!open || groupTime[k] - start >= horizon)) {
                    visits++;
                    open = true;
                    start = groupTime[k];
                }
            }
        }
        return visits;
    }
}
