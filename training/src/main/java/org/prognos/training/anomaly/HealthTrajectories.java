package org.prognos.training.anomaly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;

/**
 * How a health index behaves over run-to-failure histories (C-MAPSS): each held-out asset's rows in time order up
 * to its failure, the index computed by the model without ever seeing a label.
 *
 * <ul>
 * <li><b>Lead time</b>: failure time − the time of the first <i>sustained</i> alarm, the first row that starts
 * {@value #SUSTAINED} consecutive alarming rows (one noisy row is not a warning). An asset with no sustained alarm
 * has no lead time and counts as missed.</li>
 * <li><b>Monotonicity</b> per asset, on the index smoothed by a trailing mean of {@value #SMOOTHING} rows:
 * |#Δ&gt;0 − #Δ&lt;0| / (n − 1), 1 for an index that only falls (or only rises), near 0 for noise.</li>
 * <li><b>Trend</b>: Spearman's rank correlation of the raw index with time, per asset; −1 is a steady decline.</li>
 * </ul>
 * Each is averaged over assets (lead time: the median over detected assets).
 *
 * @param assets          held-out assets evaluated
 * @param detected        assets with a sustained alarm before the failure
 * @param medianLeadTime  median lead time over detected assets, in ticks; NaN when none
 * @param meanLeadTime    mean lead time over detected assets, in ticks; NaN when none
 * @param monotonicity    mean monotonicity of the smoothed index
 * @param spearman        mean Spearman correlation of the index with time
 * @param leadTimes       each detected asset's lead time, in ticks
 */
public record HealthTrajectories(int assets, int detected, double medianLeadTime, double meanLeadTime,
                                 double monotonicity, double spearman, double[] leadTimes) {
    /** Consecutive alarming rows that make a sustained alarm. */
    public static final int SUSTAINED = 3;
    /** Rows in the trailing mean that smooths the index for monotonicity. */
    public static final int SMOOTHING = 10;

    public HealthTrajectories {
        leadTimes = leadTimes.clone();
    }

    /**
     * One asset's history.
     *
     * @param times   row times, ascending
     * @param health  the health index of each row
     * @param alarms  whether each row alarms
     * @param failure the failure time
     */
    public record History(long[] times, double[] health, boolean[] alarms, long failure) {
    }

    /** The figures over {@code histories}. */
    public static HealthTrajectories of(List<History> histories) {
        List<Double> leads = new ArrayList<>();
        double mono = 0;
        double rho = 0;
        int counted = 0;
        for (History h : histories) {
            int n = h.times().length;
            int run = 0;
            for (int i = 0; i < n; i++) {
                run = h.alarms()[i] ? run + 1 : 0;
                if (run == SUSTAINED) {
                    leads.add((double) (h.failure() - h.times()[i - SUSTAINED + 1]));
                    break;
                }
            }
            if (n < 3) {
                continue;
            }
            mono += monotonicity(smooth(h.health()));
            double[] t = Arrays.stream(h.times()).asDoubleStream().toArray();
            double r = new SpearmansCorrelation().correlation(t, h.health());
            rho += Double.isNaN(r) ? 0 : r;
            counted++;
        }
        double[] l = leads.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = l.length == 0 ? Double.NaN : l.length % 2 == 1 ? l[l.length / 2] : (l[l.length / 2 - 1] + l[l.length / 2]) / 2;
        double mean = l.length == 0 ? Double.NaN : Arrays.stream(l).average().orElse(Double.NaN);
        return new HealthTrajectories(histories.size(), l.length, median, mean, counted == 0 ? Double.NaN : mono / counted,
                counted == 0 ? Double.NaN : rho / counted, l);
    }

    /**
     * The figures of a contender's scores {@code p} of the evaluated rows {@code test}, each asset's history over its
     * rows that {@code keep} accepts (an asset without any is left out) up to its last failure in {@code data}'s event
     * log, or to its last row when it has none (a run to failure).
     */
    public static HealthTrajectories of(FeatureTable test, RowScores p, Dataset data, IntPredicate keep) {
        List<History> histories = new ArrayList<>();
        for (Map.Entry<String, int[]> e : test.rowsByAsset().entrySet()) {
            int[] idx = Arrays.stream(e.getValue()).filter(keep).toArray();
            if (idx.length == 0) {
                continue;
            }
            List<Event> f = data.events().of(e.getKey(), EventKind.FAILURE);
            long failure = f.isEmpty() ? test.time(idx[idx.length - 1]) : f.get(f.size() - 1).time();
            boolean[] alarms = new boolean[idx.length];
            for (int i = 0; i < idx.length; i++) {
                alarms[i] = p.alarm(idx[i]);
            }
            histories.add(new History(Arrays.stream(idx).mapToLong(test::time).toArray(),
                    Arrays.stream(idx).mapToDouble(p::health).toArray(), alarms, failure));
        }
        return of(histories);
    }

    /** |#Δ>0 − #Δ<0| / (n − 1). */
    static double monotonicity(double[] x) {
        int up = 0;
        int down = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[i - 1]) {
                up++;
            } else if (x[i] < x[i - 1]) {
                down++;
            }
        }
        return x.length < 2 ? 0 : Math.abs(up - down) / (double) (x.length - 1);
    }

    /** Trailing mean over {@value #SMOOTHING} rows (fewer at the start). */
    static double[] smooth(double[] x) {
        double[] out = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i];
            if (i >= SMOOTHING) {
                sum -= x[i - SMOOTHING];
            }
            out[i] = sum / Math.min(i + 1, SMOOTHING);
        }
        return out;
    }

    @Override
    public double[] leadTimes() {
        return leadTimes.clone();
    }
}
