package org.prognos.training.sequence;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.FeatureTable;
import org.prognos.models.baseline.Baseline;

/**
 * The standard C-MAPSS evaluation: one prediction per test unit, at its last observed cycle, against the true
 * remaining life of {@code RUL_FDxxx.txt}; scored as {@link RulScores} (RMSE against the truth capped at the label
 * cap, as the papers quote, and uncapped; PHM08 score), with two baselines fitted on the training labels beside it:
 * the mean training label (what a model that ignores the sensors predicts) and {@link LinearCycleBaseline} (age
 * alone).
 */
public final class CmapssProtocol {
    private CmapssProtocol() {
    }

    /**
     * The outcome for one subset.
     *
     * @param subset            e.g. {@code FD001}
     * @param model             the model's scores
     * @param meanRul           the mean-training-label baseline's scores
     * @param linear            the linear-in-age baseline's scores
     * @param meanRulValue      the value the mean baseline predicts
     * @param linearBaseline    the fitted linear baseline
     * @param predicted         the model's prediction per unit, in unit order
     * @param actual            the true remaining life per unit
     * @param cap               the label cap
     */
    public record Evaluation(String subset, RulScores model, RulScores meanRul, RulScores linear, double meanRulValue,
                             LinearCycleBaseline linearBaseline, double[] predicted, double[] actual, double cap) {
        public Evaluation {
            predicted = predicted.clone();
            actual = actual.clone();
        }

        @Override
        public double[] predicted() {
            return predicted.clone();
        }

        @Override
        public double[] actual() {
            return actual.clone();
        }

        /** A small table: the model and both baselines, one line each. */
        public String format(String modelName) {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "%s: last cycle of %d test units against RUL_%s.txt (label cap %.0f)%n",
                    subset, model.n(), subset, cap));
            b.append(String.format(Locale.ROOT, "  %-44s %12s %8s %11s %14s %12s%n", "", "RMSE capped", "RMSE",
                    "MAE capped", "PHM08 capped", "PHM08"));
            line(b, modelName, model);
            line(b, String.format(Locale.ROOT, "baseline: mean training RUL (%.1f)", meanRulValue), meanRul);
            line(b, String.format(Locale.ROOT, "baseline: linear in age (%.0f - %.3f x cycle)", linearBaseline.cap(),
                    linearBaseline.slope()), linear);
            return b.toString();
        }

        private static void line(StringBuilder b, String name, RulScores s) {
            b.append(String.format(Locale.ROOT, "  %-44s %12.2f %8.2f %11.2f %14.1f %12.1f%n", name, s.rmseCapped(),
                    s.rmse(), s.mae(), s.phm08Capped(), s.phm08()));
        }
    }

    /** The row of each unit's last cycle in {@code test}, units in {@link FeatureTable#assetOrder()} (numeric). */
    public static int[] lastCycleRows(FeatureTable test) {
        Map<String, int[]> byAsset = test.rowsByAsset();
        return byAsset.values().stream().mapToInt(rows -> rows[rows.length - 1]).toArray();
    }

    /**
     * Evaluates {@code model} on the last cycle of each unit of {@code test}.
     *
     * @param training the training examples (for the baselines)
     * @param testRul  the true remaining life of each test unit, in unit order ({@code Cmapss.testRul()})
     */
    public static Evaluation evaluate(String subset, SequenceModel model, RulExamples training, FeatureTable test,
                                      List<Integer> testRul) {
        int[] last = lastCycleRows(test);
        if (last.length != testRul.size()) {
            throw new InvalidSpecException(subset + ": the test table has " + last.length + " units but the RUL file "
                    + testRul.size() + " values");
        }
        double cap = training.cap();
        double[] actual = testRul.stream().mapToDouble(Integer::doubleValue).toArray();
        double[] predicted = model.predict(test, last);
        Baseline.ConstantValue mean = Baseline.ConstantValue.fit(training.rul());
        FeatureTable t = training.table();
        long[] cycles = new long[t.size()];
        for (int i = 0; i < cycles.length; i++) {
            cycles[i] = t.time(i);
        }
        LinearCycleBaseline linear = LinearCycleBaseline.fit(cycles, training.rul(), cap);
        double[] meanPred = new double[last.length];
        double[] linearPred = new double[last.length];
        for (int u = 0; u < last.length; u++) {
            meanPred[u] = mean.value();
            linearPred[u] = linear.predict(test.time(last[u]));
        }
        return new Evaluation(subset, RulScores.of(predicted, actual, cap), RulScores.of(meanPred, actual, cap),
                RulScores.of(linearPred, actual, cap), mean.value(), linear, predicted, actual, cap);
    }
}
