package org.prognos.training.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.prognos.features.telemetry.Event;

/**
 * Event-level quality of a failure-within-horizon classifier: how many failures it would have caught in time, how
 * early, and how often it sends someone out for nothing. The definitions follow the peer protocol
 * ({@code azure_failure24h.py}, function {@code evaluate}) so the figures compare; h is the horizon, rows are
 * identified by (asset, T) and rows sharing both are counted once.
 *
 * <ul>
 *   <li><b>Caught.</b> A failure event (asset, f, component) is caught when at least one row of that asset with
 *       0 ≤ f − T &lt; h is predicted as the right component ({@link EventMatch.SameComponent}), or as any failure
 *       for binary tasks ({@link EventMatch.AnyFailure}). Only events with at least one evaluated row in that
 *       window can be caught; {@code eventRecall} = caught / events with rows (the peer's
 *       {@code failure_event_recall}).</li>
 *   <li><b>Lead time</b> of a caught event: f − the first catching T, in {@link TimeScale#unit()}.</li>
 *   <li><b>Alarm row:</b> a unique row predicted as some failure class. <b>False alarm row:</b> an alarm row with no
 *       failure of any component (every failure event given, listed among the classes or not) in
 *       0 ≤ f − T &lt; h.</li>
 *   <li><b>False alarms per asset-month</b> = false-alarm rows / (evaluated unique rows × row stride / 730.5 h),
 *       as the peer computes machine-months (one row stands for one stride of asset time). {@code NaN} for cycle
 *       data.</li>
 *   <li><b>Needless visits:</b> false-alarm rows merged into episodes per asset: a visit starts at a false-alarm
 *       row at T<sub>0</sub> and covers every false-alarm row of that asset in [T<sub>0</sub>, T<sub>0</sub> + h);
 *       the next false-alarm row at or after T<sub>0</sub> + h is a new visit (a technician who found nothing does
 *       not come back for the same alert within the horizon).</li>
 *   <li><b>Label–event mismatches:</b> rows whose label says "failure within the horizon" while the events say
 *       none, or the reverse. A diagnostic: more than a handful usually means the horizon or the tick unit differs
 *       from the labeler's, or failures of unlisted components were passed.</li>
 * </ul>
 *
 * @param settings                    horizon, stride, time scale and match rule used
 * @param eventsTotal                 failure events scored (of a component the match rule scores), with or without rows
 * @param eventsWithRows              scored events with at least one evaluated row in their window
 * @param eventsCaught                events caught
 * @param eventRecall                 caught / events with rows; {@code NaN} without such events
 * @param byComponent                 recall per failing component
 * @param leadTime                    lead times of the caught events, in {@code settings.scale().unit()}
 * @param evaluatedRows               unique (asset, T) rows
 * @param alarmRows                   unique rows predicted as some failure
 * @param falseAlarmRows              alarm rows with no failure within the horizon
 * @param assetMonths                 evaluated rows × stride / 730.5 h; {@code NaN} for cycle data
 * @param falseAlarmsPerAssetMonth    false-alarm rows / asset-months
 * @param needlessVisits              false-alarm episodes
 * @param needlessVisitsPerAssetMonth needless visits / asset-months
 * @param labelEventMismatches        rows whose label disagrees with the failure log (a diagnostic)
 * @param undefinedReasons            why some values are {@code NaN}; empty when all are defined
 */
public record EventMetrics(EventSettings settings, long eventsTotal, long eventsWithRows, long eventsCaught,
                           double eventRecall, List<ComponentRecall> byComponent, Distribution leadTime,
                           long evaluatedRows, long alarmRows, long falseAlarmRows, double assetMonths,
                           double falseAlarmsPerAssetMonth, long needlessVisits, double needlessVisitsPerAssetMonth,
                           long labelEventMismatches, List<String> undefinedReasons) {
    /**
     * Event recall of one component.
     *
     * @param component the failing component
     * @param events    its events with rows
     * @param caught    those caught
     * @param recall    caught / events, {@code NaN} without events
     */
    public record ComponentRecall(String component, long events, long caught, double recall) {
        public ComponentRecall {
            Objects.requireNonNull(component, "component");
        }
    }

    public EventMetrics {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(leadTime, "leadTime");
        byComponent = List.copyOf(byComponent);
        undefinedReasons = List.copyOf(undefinedReasons);
    }

    /** Failures that had rows in their window and were not caught. */
    public long missedFailures() {
        return eventsWithRows - eventsCaught;
    }

    /**
     * Scores predicted labels against the failure log.
     *
     * @param rows      asset and time of each row
     * @param truth     the label of each row (class index), used for the mismatch diagnostic only
     * @param predicted the predicted class of each row
     * @param classes   class names, class 0 = no failure
     * @param failures  the failure log of the evaluated assets; events of other kinds are ignored
     * @param settings  horizon, stride, time scale, match rule
     */
    public static EventMetrics of(RowTimes rows, int[] truth, int[] predicted, List<String> classes,
                                  List<Event> failures, EventSettings settings) {
        return of(new EventTimeline(rows, failures, classes, settings), truth, predicted);
    }

    static EventMetrics of(EventTimeline line, int[] truth, int[] predicted) {
        int k = line.classes.size();
        if (truth.length != line.rows || predicted.length != line.rows) {
            throw new EvaluationException("event metrics need one label and one prediction per row: " + line.rows
                    + " rows, " + truth.length + " labels, " + predicted.length + " predictions");
        }
        for (int r = 0; r < line.rows; r++) {
            ClassificationMetrics.checkClass("truth", r, truth[r], k);
            ClassificationMetrics.checkClass("prediction", r, predicted[r], k);
        }
        boolean[] falseAlarm = new boolean[line.groups];
        long alarms = 0;
        long falseAlarms = 0;
        long mismatches = 0;
        for (int g = 0; g < line.groups; g++) {
            boolean alarm = false;
            for (int i = line.groupRowStart[g]; i < line.groupRowStart[g + 1]; i++) {
                int r = line.rowOrder[i];
                alarm |= predicted[r] != 0;
                if ((truth[r] != 0) != line.failureAhead[g]) {
                    mismatches++;
                }
            }
            if (alarm) {
                alarms++;
                if (!line.failureAhead[g]) {
                    falseAlarm[g] = true;
                    falseAlarms++;
                }
            }
        }
        TreeMap<String, long[]> perComponent = new TreeMap<>();
        long withRows = 0;
        long caught = 0;
        List<Double> leads = new ArrayList<>();
        for (EventTimeline.Window w : line.windows) {
            if (!w.hasRows()) {
                continue;
            }
            withRows++;
            long[] counts = perComponent.computeIfAbsent(w.event().code(), c -> new long[2]);
            counts[0]++;
            long lead = firstCatch(line, w, predicted);
            if (lead >= 0) {
                caught++;
                counts[1]++;
                leads.add(line.settings.scale().toUnits(lead));
            }
        }
        List<ComponentRecall> byComponent = new ArrayList<>();
        for (String c : componentOrder(line, perComponent)) {
            long[] counts = perComponent.get(c);
            byComponent.add(new ComponentRecall(c, counts[0], counts[1], (double) counts[1] / counts[0]));
        }
        List<String> reasons = new ArrayList<>();
        double recall = withRows == 0 ? Double.NaN : (double) caught / withRows;
        if (withRows == 0) {
            reasons.add("no failure event has an evaluated row within its horizon: event recall is undefined");
        }
        double assetMonths = line.settings.scale().hours((double) line.groups * line.settings.rowStride())
                / TimeScale.HOURS_PER_MONTH;
        if (Double.isNaN(assetMonths)) {
            reasons.add("ticks are " + line.settings.scale().unit()
                    + " without a calendar duration: rates per asset-month are undefined");
        }
        double[] leadArray = leads.stream().mapToDouble(Double::doubleValue).toArray();
        long visits = line.visits(falseAlarm);
        return new EventMetrics(line.settings, line.windows.size(), withRows, caught, recall, byComponent,
                Distribution.of(leadArray), line.groups, alarms, falseAlarms, assetMonths, falseAlarms / assetMonths,
                visits, visits / assetMonths, mismatches, reasons);
    }

    /** f − the earliest catching T of the window, or −1 when no row catches the event. */
    private static long firstCatch(EventTimeline line, EventTimeline.Window w, int[] predicted) {
        String component = w.event().code();
        for (int g = w.firstGroup(); g < w.endGroup(); g++) {
            for (int i = line.groupRowStart[g]; i < line.groupRowStart[g + 1]; i++) {
                if (line.settings.match().catches(component, predicted[line.rowOrder[i]], line.classes)) {
                    return w.event().time() - line.groupTime[g];
                }
            }
        }
        return -1;
    }

    /** Components in class order first, then the others by name. */
    private static List<String> componentOrder(EventTimeline line, TreeMap<String, long[]> perComponent) {
        List<String> order = new ArrayList<>();
        for (String c : line.classes.subList(1, line.classes.size())) {
            if (perComponent.containsKey(c)) {
                order.add(c);
            }
        }
        for (String c : perComponent.keySet()) {
            if (!order.contains(c)) {
                order.add(c);
            }
        }
        return order;
    }
}
