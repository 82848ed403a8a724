package org.prognos.training.anomaly;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.prognos.training.evaluation.RowTimes;
import org.prognos.training.evaluation.TimeScale;

/**
 * One contender's alarms judged against labelled anomaly periods ({@link LabelledPeriods}): the one definition of
 * these figures, for every contender of a job (fitted model, adaptive score, z-score baseline).
 *
 * <p><b>Point-wise</b>, over every evaluated row of every asset pooled (as SKAB's leaderboard pools its runs): a row is
 * labelled when its time lies in a period of its asset (both ends included); TP/FP/FN/TN count alarming × labelled
 * rows. Precision = TP/(TP+FP), recall = TP/(TP+FN), F1 their harmonic mean; FAR = FP/(FP+TN), the false-alarm rate
 * among normal rows, and MAR = FN/(FN+TP), the missed-alarm rate among anomalous rows, as SKAB defines them (its table
 * prints them ×100). A ratio with an empty denominator is NaN.
 *
 * <p><b>Event-wise</b>: a period counts when at least one evaluated row lies in it (a period inside a learning period
 * or before a cutoff is not evaluated); it is detected when one of those rows alarms, with a delay from the period's
 * start to its first alarming row (in the time scale's unit: hours, or cycles). A false-alarm episode is a run of an
 * asset's consecutive alarming rows outside every period (a non-alarming or a labelled row ends it); per asset-day, an
 * asset's days being the span of its evaluated rows plus one row interval (NaN on cycles).
 *
 * @param rows             evaluated rows
 * @param truePositives    alarming labelled rows
 * @param falsePositives   alarming rows outside every period
 * @param falseNegatives   labelled rows without an alarm
 * @param trueNegatives    quiet rows outside every period
 * @param periods          periods with at least one evaluated row
 * @param detected         of those, periods with an alarming row
 * @param delays           the detected periods' delays, in {@code unit}, in period order
 * @param falseEpisodes    false-alarm episodes
 * @param assetDays        asset-days of evaluated rows (NaN on cycles)
 * @param unit             the delays' unit ({@code h} or {@code cycles})
 */
public record PeriodEvaluation(long rows, long truePositives, long falsePositives, long falseNegatives, long trueNegatives,
                               int periods, int detected, double[] delays, long falseEpisodes, double assetDays, String unit) {
    /** The figures in words, for the report. */
    public static final String DEFINITION = "a row is labelled when it lies in a period of its asset; precision, recall"
            + " and F1 of alarming rows against labelled rows, FAR = alarming among unlabelled rows, MAR = quiet among"
            + " labelled rows (SKAB's, as fractions), all rows pooled; a period is detected when one of its evaluated rows"
            + " alarms, its delay from its start to that first alarm; a false-alarm episode is a run of consecutive alarming"
            + " rows outside every period, per asset-day of evaluated rows.";

    public PeriodEvaluation {
        delays = delays.clone();
    }

    @Override
    public double[] delays() {
        return delays.clone();
    }

    /**
     * Judges {@code alarms} of the rows {@code at} (sorted by asset, then time) against {@code labels}.
     *
     * @param scale the data's time scale (delays and asset-days)
     */
    public static PeriodEvaluation of(RowTimes at, boolean[] alarms, LabelledPeriods labels, TimeScale scale) {
        if (at.size() != alarms.length) {
            throw new IllegalArgumentException(at.size() + " rows and " + alarms.length + " alarms");
        }
        Map<String, List<LabelledPeriods.Period>> byAsset = labels.of(new LinkedHashSet<>(Arrays.asList(at.assets())));
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        long episodes = 0;
        double days = 0;
        Map<LabelledPeriods.Period, Long> firstAlarm = new LinkedHashMap<>();
        Map<LabelledPeriods.Period, Boolean> seen = new LinkedHashMap<>();
        int r = 0;
        while (r < at.size()) {
            String asset = at.asset(r);
            List<LabelledPeriods.Period> mine = byAsset.get(asset);
            int from = r;
            boolean inEpisode = false;
            for (; r < at.size() && at.asset(r).equals(asset); r++) {
                long t = at.time(r);
                LabelledPeriods.Period p = periodAt(mine, t);
                if (p != null) {
                    seen.put(p, true);
                    if (alarms[r]) {
                        tp++;
                        firstAlarm.putIfAbsent(p, t);
                    } else {
                        fn++;
                    }
                    inEpisode = false;
                } else if (alarms[r]) {
                    fp++;
                    episodes += inEpisode ? 0 : 1;
                    inEpisode = true;
                } else {
                    tn++;
                    inEpisode = false;
                }
            }
            int n = r - from;
            long span = at.time(r - 1) - at.time(from);
            days += n > 1 ? scale.hours(span * (double) n / (n - 1)) / 24 : 0;
        }
        List<Double> delays = new ArrayList<>();
        firstAlarm.forEach((p, t) -> delays.add(scale.toUnits(t - p.start())));
        return new PeriodEvaluation(at.size(), tp, fp, fn, tn, seen.size(), firstAlarm.size(),
                delays.stream().mapToDouble(Double::doubleValue).toArray(), episodes, days, scale.unit());
    }

    /** The period of {@code periods} (sorted by start) holding {@code t}, or null. */
    private static LabelledPeriods.Period periodAt(List<LabelledPeriods.Period> periods, long t) {
        for (LabelledPeriods.Period p : periods) {
            if (p.start() > t) {
                return null;
            }
            if (p.contains(t)) {
                return p;
            }
        }
        return null;
    }

    /** Alarming rows that are labelled, of the alarming rows. */
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** Labelled rows that alarm, of the labelled rows. */
    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /** The harmonic mean of precision and recall: 2TP / (2TP + FP + FN). */
    public double f1() {
        return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }

    /** SKAB's FAR: alarming rows among the normal (unlabelled) rows. */
    public double falseAlarmRate() {
        return ratio(falsePositives, falsePositives + trueNegatives);
    }

    /** SKAB's MAR: quiet rows among the labelled rows (1 − recall). */
    public double missedAlarmRate() {
        return ratio(falseNegatives, falseNegatives + truePositives);
    }

    /** The median detection delay, NaN when nothing was detected. */
    public double medianDelay() {
        if (delays.length == 0) {
            return Double.NaN;
        }
        double[] d = delays.clone();
        Arrays.sort(d);
        int m = d.length / 2;
        return d.length % 2 == 1 ? d[m] : (d[m - 1] + d[m]) / 2;
    }

    /** False-alarm episodes per asset-day (NaN on cycles, or without a day of rows). */
    public double falseEpisodesPerAssetDay() {
        return assetDays > 0 ? falseEpisodes / assetDays : Double.NaN;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : a / (double) b;
    }

    /** The figures under {@code labelled} in {@code o} (a contender's node of {@code metrics.json}). */
    public void writeTo(ObjectNode o) {
        ObjectNode l = o.putObject("labelled");
        l.put("labelledRows", truePositives + falseNegatives);
        l.put("truePositives", truePositives);
        l.put("falsePositives", falsePositives);
        l.put("falseNegatives", falseNegatives);
        l.put("trueNegatives", trueNegatives);
        l.put("precision", precision());
        l.put("recall", recall());
        l.put("f1", f1());
        l.put("far", falseAlarmRate());
        l.put("mar", missedAlarmRate());
        l.put("periods", periods);
        l.put("detected", detected);
        var d = l.putArray("delays");
        Arrays.stream(delays).forEach(d::add);
        l.put("medianDelay", medianDelay());
        l.put("delayUnit", unit);
        l.put("falseAlarmEpisodes", falseEpisodes);
        l.put("assetDays", assetDays);
        l.put("falseAlarmEpisodesPerAssetDay", falseEpisodesPerAssetDay());
    }

    /** The report's rows: label → this contender's cell, in order. */
    public Map<String, String> cells() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("labelled rows: precision / recall / F1", fmt(precision()) + " / " + fmt(recall()) + " / " + fmt(f1()));
        c.put("labelled rows: FAR / MAR (SKAB)", fmt(falseAlarmRate()) + " / " + fmt(missedAlarmRate()));
        c.put("labelled periods detected (an alarm inside)", detected + " / " + periods);
        c.put("median detection delay from the period's start (" + unit + ")", fmt(medianDelay()));
        c.put("false-alarm episodes outside the periods per asset-day", falseEpisodes + " (" + fmt(falseEpisodesPerAssetDay()) + ")");
        return c;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
