package org.prognos.training.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.prognos.features.telemetry.Event;

/**
 * The alarm threshold that costs least, chosen from what a missed failure and a needless visit cost.
 *
 * <p>The alarm rule: a row raises an alarm when its "any failure" probability 1 − P(none) is at or above the
 * threshold t, and the alarm names the most probable failure class (argmax over classes 1..K−1, ties to the lower
 * index); otherwise the row is predicted {@code none} ({@link #alarms}). For every candidate t the rows are scored
 * with {@link EventMetrics}' definitions, and
 * <pre>  cost(t) = missed failures × cost of a missed failure + needless visits × cost of a needless visit</pre>
 * where missed failures are events with rows in their window that no alarm caught, and needless visits are
 * false-alarm episodes. The chosen t minimises cost(t); among equal costs the <em>higher</em> threshold wins (fewer
 * alarms for the same money).
 *
 * <p>Candidates: every distinct "any failure" probability of the rows, plus {@link #NEVER} (the smallest double above
 * 1: no alarm at all, whatever the scores of later data), so the search is exact; above {@value #MAX_CANDIDATES}
 * distinct values, that many evenly spaced by rank (lowest and highest included) and {@link #exhaustive()} is
 * false.
 *
 * <p><b>Run it on validation data only.</b> A threshold chosen on the test rows has seen the test labels, and the
 * test figures at that threshold are then optimistic; choose on validation, then report the test rows at the chosen
 * threshold.
 *
 * @param threshold   the chosen threshold on P(any failure)
 * @param costs       the costs it was chosen for
 * @param chosen      the counts and cost at the chosen threshold
 * @param curve       the cost of every candidate, in ascending threshold order (for plotting)
 * @param exhaustive  whether every distinct probability was a candidate
 * @param atThreshold the full event metrics of the validation rows at the chosen threshold
 */
public record ThresholdChoice(double threshold, Costs costs, CostPoint chosen, List<CostPoint> curve,
                              boolean exhaustive, EventMetrics atThreshold) {
    /** Most candidate thresholds evaluated. */
    public static final int MAX_CANDIDATES = 1000;
    /** The threshold that never raises an alarm: above every probability. */
    public static final double NEVER = Math.nextUp(1.0);

    /**
     * What the two kinds of mistake cost, in any one currency (money, hours, a ratio).
     *
     * @param missedFailure cost of a failure no alarm caught in time
     * @param needlessVisit cost of a visit sent out for a false alarm
     */
    public record Costs(double missedFailure, double needlessVisit) {
        public Costs {
            if (!(missedFailure >= 0) || !(needlessVisit >= 0) || Double.isInfinite(missedFailure)
                    || Double.isInfinite(needlessVisit) || missedFailure + needlessVisit == 0) {
                throw new EvaluationException("costs must be finite, not negative and not both zero; found missed failure "
                        + missedFailure + ", needless visit " + needlessVisit);
            }
        }
    }

    /**
     * The outcome of one threshold.
     *
     * @param threshold      alarm when P(any failure) ≥ threshold
     * @param missedFailures events with rows that were not caught
     * @param needlessVisits false-alarm episodes
     * @param falseAlarmRows false-alarm rows
     * @param cost           missed × cost of a miss + visits × cost of a visit
     */
    public record CostPoint(double threshold, long missedFailures, long needlessVisits, long falseAlarmRows,
                            double cost) {
    }

    public ThresholdChoice {
        Objects.requireNonNull(costs, "costs");
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(atThreshold, "atThreshold");
        curve = List.copyOf(curve);
    }

    /**
     * Chooses the threshold on validation rows.
     *
     * @param rows          asset and time of each validation row
     * @param truth         the label of each row (for the metrics at the chosen threshold)
     * @param probabilities {@code [row][class]} class probabilities, class 0 = no failure
     * @param classes       class names
     * @param failures      the failure log of the validation assets
     * @param settings      horizon, stride, time scale, match rule
     * @param costs         what a missed failure and a needless visit cost
     */
    public static ThresholdChoice choose(RowTimes rows, int[] truth, double[][] probabilities, List<String> classes,
                                         List<Event> failures, EventSettings settings, Costs costs) {
        Objects.requireNonNull(costs, "costs");
        EventTimeline line = new EventTimeline(rows, failures, classes, settings);
        if (probabilities.length != line.rows) {
            throw new EvaluationException("threshold choice needs one probability row per row: " + line.rows
                    + " rows, " + probabilities.length + " probability rows");
        }
        int n = line.rows;
        double[] any = new double[n];
        int[] alarmClass = new int[n];
        for (int r = 0; r < n; r++) {
            ClassificationMetrics.checkProbabilities(r, probabilities[r], line.classes);
            any[r] = ClassificationMetrics.anyFailure(probabilities[r]);
            alarmClass[r] = ClassificationMetrics.argmax(probabilities[r], 1);
        }
        // an event is caught at t iff its best matching row has P(any) >= t
        List<Double> catchScores = new ArrayList<>();
        for (EventTimeline.Window w : line.windows) {
            if (!w.hasRows()) {
                continue;
            }
            double best = Double.NEGATIVE_INFINITY;
            for (int g = w.firstGroup(); g < w.endGroup(); g++) {
                for (int i = line.groupRowStart[g]; i < line.groupRowStart[g + 1]; i++) {
                    int r = line.rowOrder[i];
                    if (settings.match().catches(w.event().code(), alarmClass[r], line.classes)) {
                        best = Math.max(best, any[r]);
                    }
                }
            }
            catchScores.add(best);
        }
        double[] caughtAt = catchScores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        // a group is a false alarm at t iff no failure is ahead and its highest P(any) >= t
        double[] groupScore = new double[line.groups];
        for (int g = 0; g < line.groups; g++) {
            double best = Double.NEGATIVE_INFINITY;
            if (!line.failureAhead[g]) {
                for (int i = line.groupRowStart[g]; i < line.groupRowStart[g + 1]; i++) {
                    best = Math.max(best, any[line.rowOrder[i]]);
                }
            }
            groupScore[g] = best;
        }
        double[] distinct = Arrays.stream(any).sorted().distinct().toArray();
        double[] candidates = candidates(distinct);
        boolean exhaustive = distinct.length <= MAX_CANDIDATES;
        List<CostPoint> curve = new ArrayList<>();
        CostPoint best = null;
        boolean[] falseAlarm = new boolean[line.groups];
        for (double t : candidates) {
            long missed = countBelow(caughtAt, t);
            long falseAlarmRows = 0;
            for (int g = 0; g < line.groups; g++) {
                falseAlarm[g] = groupScore[g] >= t;
                if (falseAlarm[g]) {
                    falseAlarmRows++;
                }
            }
            long visits = line.visits(falseAlarm);
            CostPoint p = new CostPoint(t, missed, visits, falseAlarmRows,
                    missed * costs.missedFailure() + visits * costs.needlessVisit());
            curve.add(p);
            if (best == null || p.cost() <= best.cost()) {
                best = p;
            }
        }
        EventMetrics at = EventMetrics.of(line, truth, alarms(probabilities, best.threshold()));
        return new ThresholdChoice(best.threshold(), costs, best, curve, exhaustive, at);
    }

    /**
     * The alarm rule: class argmax over the failure classes where 1 − P(class 0) ≥ {@code threshold}, else 0.
     */
    public static int[] alarms(double[][] probabilities, double threshold) {
        int[] out = new int[probabilities.length];
        for (int r = 0; r < probabilities.length; r++) {
            if (probabilities[r].length < 2) {
                throw new EvaluationException("row " + r + " has " + probabilities[r].length
                        + " probabilities; alarms need at least two classes");
            }
            out[r] = ClassificationMetrics.anyFailure(probabilities[r]) >= threshold
                    ? ClassificationMetrics.argmax(probabilities[r], 1) : 0;
        }
        return out;
    }

    /** Ascending distinct scores (or MAX_CANDIDATES of them by rank), then {@link #NEVER}. */
    private static double[] candidates(double[] d) {
        double[] picked = d;
        if (d.length > MAX_CANDIDATES) {
            picked = new double[MAX_CANDIDATES];
            for (int i = 0; i < MAX_CANDIDATES; i++) {
                picked[i] = d[(int) Math.round((double) i * (d.length - 1) / (MAX_CANDIDATES - 1))];
            }
        }
        double[] out = Arrays.copyOf(picked, picked.length + 1);
        out[picked.length] = NEVER;
        return out;
    }

    /** The number of sorted values strictly below {@code t}. */
    private static long countBelow(double[] sorted, double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
