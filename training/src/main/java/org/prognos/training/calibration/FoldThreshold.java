package org.prognos.training.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.prognos.features.telemetry.Event;
import org.prognos.training.config.DecisionConfig;
import org.prognos.training.data.LabeledRows;
import org.prognos.training.evaluation.EventMetrics;
import org.prognos.training.evaluation.EventSettings;
import org.prognos.training.evaluation.RowTimes;
import org.prognos.training.evaluation.ThresholdChoice;

/**
 * The alarm threshold chosen across asset folds, with its spread and its warnings.
 *
 * <p><b>The pick: the threshold that costs least over all folds pooled.</b> Costs add up over assets, so this is the
 * {@link ThresholdChoice} on every out-of-fold row at once: it rests on every training failure (Azure: about 570
 * instead of the 25 of one validation split), where each fold's own optimum rests on a fifth of them and jumps between
 * the flat stretches of its cost curve. The median of the fold thresholds was the alternative; it is printed, and
 * its recall, beside. The per-fold thresholds (each fold's own optimum) and the per-fold event recall at the pooled
 * threshold are reported as min / median / max: the first says how firmly the data pins the threshold, the second how
 * much recall moves between groups of unseen assets — what to expect on a new fleet.
 *
 * <p><b>Warnings.</b> Fewer failure events than {@link DecisionConfig#minFailures()} on the choosing rows; and a
 * degenerate threshold: more than {@link DecisionConfig#maxAlarmFraction()} of the choosing rows (asset-times) in
 * alarm, which flags that share of the fleet at any moment, or more than
 * {@link DecisionConfig#maxFalseAlarmsPerAssetMonth()} false-alarm rows per asset-month. With
 * {@link DecisionConfig.OnDegenerate#REFUSE} the job stops on a degenerate threshold.
 *
 * @param pooled          the choice on all out-of-fold rows (the published threshold)
 * @param foldThresholds  each fold's own cost-optimal threshold, by fold
 * @param foldRecalls     each fold's event recall at the pooled threshold, by fold (NaN for a fold without events)
 * @param medianThreshold the median of the fold thresholds (the alternative pick, for comparison)
 * @param medianRecall    event recall of all out-of-fold rows at the median threshold
 * @param warnings        what the user must be told, in words; empty when nothing
 */
public record FoldThreshold(ThresholdChoice pooled, double[] foldThresholds, double[] foldRecalls, double medianThreshold,
                            double medianRecall, List<String> warnings) {
    public FoldThreshold {
        foldThresholds = foldThresholds.clone();
        foldRecalls = foldRecalls.clone();
        warnings = List.copyOf(warnings);
    }

    @Override
    public double[] foldThresholds() {
        return foldThresholds.clone();
    }

    @Override
    public double[] foldRecalls() {
        return foldRecalls.clone();
    }

    /**
     * @param rows          the out-of-fold rows (training assets only)
     * @param probabilities their out-of-fold (calibrated) class probabilities
     * @param fold          the asset fold of each row
     * @param failuresOf    the failure log of a set of assets
     */
    public static FoldThreshold choose(LabeledRows rows, double[][] probabilities, int[] fold, List<String> classes,
                                       Function<Set<String>, List<Event>> failuresOf, EventSettings settings,
                                       ThresholdChoice.Costs costs, DecisionConfig config) {
        ThresholdChoice pooled = ThresholdChoice.choose(new RowTimes(rows.assets(), rows.times()), rows.classes(),
                probabilities, classes, failuresOf.apply(Set.copyOf(rows.distinctAssets())), settings, costs);
        int k = Arrays.stream(fold).max().orElse(-1) + 1;
        List<Double> thresholds = new ArrayList<>();
        List<Double> recalls = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            int current = f;
            int[] idx = IntStream.range(0, rows.size()).filter(i -> fold[i] == current).toArray();
            if (idx.length == 0) {
                continue;
            }
            LabeledRows part = rows.filter(i -> fold[i] == current);
            double[][] p = Arrays.stream(idx).mapToObj(i -> probabilities[i]).toArray(double[][]::new);
            List<Event> failures = failuresOf.apply(Set.copyOf(part.distinctAssets()));
            RowTimes times = new RowTimes(part.assets(), part.times());
            thresholds.add(ThresholdChoice.choose(times, part.classes(), p, classes, failures, settings, costs).threshold());
            recalls.add(EventMetrics.of(times, part.classes(), ThresholdChoice.alarms(p, pooled.threshold()), classes, failures,
                    settings).eventRecall());
        }
        double[] ft = thresholds.stream().mapToDouble(Double::doubleValue).toArray();
        double median = median(ft);
        double medianRecall = EventMetrics.of(new RowTimes(rows.assets(), rows.times()), rows.classes(),
                ThresholdChoice.alarms(probabilities, median), classes, failuresOf.apply(Set.copyOf(rows.distinctAssets())),
                settings).eventRecall();
        return new FoldThreshold(pooled, ft, recalls.stream().mapToDouble(Double::doubleValue).toArray(), median, medianRecall,
                warnings(pooled, config, "the out-of-fold rows of " + rows.distinctAssets().size() + " training assets"));
    }

    /**
     * What is wrong with {@code choice} by {@code config}'s rules: too few failures, or degenerate.
     *
     * @param where the choosing rows, in words
     */
    public static List<String> warnings(ThresholdChoice choice, DecisionConfig config, String where) {
        List<String> out = new ArrayList<>();
        EventMetrics at = choice.atThreshold();
        if (at.eventsWithRows() < config.minFailures()) {
            out.add(String.format(Locale.ROOT, "the threshold rests on %d failure events (fewer than %d) on %s: expect its"
                    + " recall on new assets to differ", at.eventsWithRows(), config.minFailures(), where));
        }
        double alarmFraction = at.evaluatedRows() == 0 ? 0 : (double) at.alarmRows() / at.evaluatedRows();
        if (alarmFraction > config.maxAlarmFraction()) {
            out.add(String.format(Locale.ROOT, "degenerate threshold %.4g: %.0f %% of the asset-times on %s raise an alarm"
                    + " (more than %.0f %%), so it flags that share of the fleet at any moment", choice.threshold(),
                    100 * alarmFraction, where, 100 * config.maxAlarmFraction()));
        }
        if (at.falseAlarmsPerAssetMonth() > config.maxFalseAlarmsPerAssetMonth()) {
            out.add(String.format(Locale.ROOT, "degenerate threshold %.4g: %.1f false alarms per asset-month on %s (more"
                    + " than %.0f)", choice.threshold(), at.falseAlarmsPerAssetMonth(), where,
                    config.maxFalseAlarmsPerAssetMonth()));
        }
        return out;
    }

    /** Whether a warning says the threshold is degenerate (rather than resting on few failures). */
    public static boolean degenerate(List<String> warnings) {
        return warnings.stream().anyMatch(w -> w.startsWith("degenerate"));
    }

    /** min, median and max of {@code v}, NaN left out. */
    public static double[] spread(double[] v) {
        double[] s = Arrays.stream(v).filter(d -> !Double.isNaN(d)).sorted().toArray();
        return s.length == 0 ? new double[] {Double.NaN, Double.NaN, Double.NaN} : new double[] {s[0], median(s), s[s.length - 1]};
    }

    private static double median(double[] v) {
        double[] s = Arrays.stream(v).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (s.length == 0) {
            return Double.NaN;
        }
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
