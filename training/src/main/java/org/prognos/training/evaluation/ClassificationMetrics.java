package org.prognos.training.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.prognos.models.predict.Predictions;

/**
 * Row-level quality of a failure classifier: what scikit-learn's classification report gives, plus the ranking,
 * probability and calibration measures a maintenance planner needs. Class 0 is the "no failure" class
 * ({@code none}); every other class is a failure (a component, or {@code failure} for a binary task).
 *
 * <ul>
 *   <li>Per class: precision, recall, F1 and support of the hard predictions. A zero denominator gives 0, as
 *       scikit-learn's {@code zero_division=0}: a class never predicted has precision 0, a class with no support
 *       has recall 0 and F1 0, and it still counts in the macro averages (scikit-learn with {@code labels=} every
 *       class, as the peer protocol computes them).</li>
 *   <li>{@code macroF1}: the mean F1 over all classes; {@code macroF1Failures}: over the failure classes only.</li>
 *   <li>{@code confusion[t][p]}: rows whose truth is t and prediction p.</li>
 *   <li>{@code perClassRanking}: one-vs-rest {@link RankingMetrics} of P(class) for each failure class;
 *       {@code anyFailure}: of the "any failure" score 1 − P(none) against "truth is not none".</li>
 *   <li>{@code brier}: the original multi-class Brier score (Brier 1950), the mean over rows of
 *       Σ<sub>k</sub> (p<sub>k</sub> − y<sub>k</sub>)², from 0 (perfect) to 2; for two classes it is twice the
 *       binary score. {@code brierAnyFailure}: the binary Brier score of 1 − P(none), from 0 to 1.</li>
 *   <li>{@code calibration}: ten equal-width bins of P(any failure) (bin k holds [k/10, (k+1)/10), the last also
 *       holds 1): rows, mean predicted probability and observed failure rate; an empty bin has {@code NaN}s.</li>
 * </ul>
 *
 * @param classes          class names, class 0 being "no failure"
 * @param rows             the number of rows evaluated
 * @param perClass         one entry per class, in class order
 * @param accuracy         the fraction of rows predicted right
 * @param macroF1          mean F1 over all classes
 * @param macroF1Failures  mean F1 over the failure classes (classes 1..K−1)
 * @param confusion        {@code [truth][predicted]} row counts
 * @param perClassRanking  one-vs-rest ranking of each failure class, in class order (classes 1..K−1)
 * @param anyFailure       ranking of 1 − P(class 0) against "truth ≠ 0"
 * @param brier            multi-class Brier score
 * @param brierAnyFailure  binary Brier score of 1 − P(class 0)
 * @param calibration      ten bins of 1 − P(class 0)
 */
public record ClassificationMetrics(List<String> classes, long rows, List<ClassScores> perClass, double accuracy,
                                    double macroF1, double macroF1Failures, long[][] confusion,
                                    List<RankingMetrics> perClassRanking, RankingMetrics anyFailure, double brier,
                                    double brierAnyFailure, List<CalibrationBin> calibration) {
    /** The number of calibration bins. */
    public static final int CALIBRATION_BINS = 10;
    /** The name of the "any failure" score in tables and charts. */
    public static final String ANY_FAILURE = "any failure";

    /**
     * Precision, recall, F1 and support of one class.
     *
     * @param name      the class
     * @param precision TP / (TP + FP), 0 when the class is never predicted
     * @param recall    TP / (TP + FN), 0 when the class has no support
     * @param f1        harmonic mean of precision and recall, 0 when both are 0
     * @param support   rows whose truth is this class
     * @param predicted rows predicted as this class
     */
    public record ClassScores(String name, double precision, double recall, double f1, long support, long predicted) {
        public ClassScores {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * One bin of a reliability diagram.
     *
     * @param lower         inclusive lower edge
     * @param upper         upper edge (exclusive, except 1 for the last bin)
     * @param rows          rows whose predicted probability falls in the bin
     * @param meanPredicted mean predicted probability of those rows, {@code NaN} when empty
     * @param observedRate  fraction of those rows that are failures, {@code NaN} when empty
     */
    public record CalibrationBin(double lower, double upper, long rows, double meanPredicted, double observedRate) {
    }

    /**
     * Expected calibration error of P(any failure) over the ten bins: Σ (rows in bin / rows) · |mean predicted −
     * observed rate| (Naeini et al. 2015); 0 for perfectly calibrated bins, empty bins count nothing.
     */
    public double expectedCalibrationError() {
        long n = 0;
        double sum = 0;
        for (CalibrationBin b : calibration) {
            if (b.rows() > 0) {
                n += b.rows();
                sum += b.rows() * Math.abs(b.meanPredicted() - b.observedRate());
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    public ClassificationMetrics {
        classes = List.copyOf(classes);
        perClass = List.copyOf(perClass);
        perClassRanking = List.copyOf(perClassRanking);
        calibration = List.copyOf(calibration);
        Objects.requireNonNull(anyFailure, "anyFailure");
        int k = classes.size();
        if (perClass.size() != k || perClassRanking.size() != k - 1 || confusion.length != k) {
            throw new EvaluationException("classification metrics for " + k + " classes need " + k
                    + " per-class scores, " + (k - 1) + " rankings and a " + k + "×" + k + " confusion matrix");
        }
        confusion = copy(confusion);
    }

    /** Evaluates the argmax of each row's probabilities (ties: the lower class index) as the prediction. */
    public static ClassificationMetrics of(int[] truth, double[][] probabilities, List<String> classes) {
        int[] predicted = new int[probabilities.length];
        for (int r = 0; r < probabilities.length; r++) {
            predicted[r] = argmax(probabilities[r], 0);
        }
        return of(truth, probabilities, classes, predicted);
    }

    /**
     * Evaluates hard predictions and probabilities against the truth.
     *
     * @param truth         the true class index of each row
     * @param probabilities {@code [row][class]}, each row in [0, 1] summing to 1 (within
     *                      {@link Predictions#PROBABILITY_SUM_TOLERANCE})
     * @param classes       class names, at least two; class 0 is "no failure"
     * @param predicted     the predicted class index of each row (for example after a cost-based threshold)
     * @throws EvaluationException naming the first offending row when the inputs do not fit together
     */
    public static ClassificationMetrics of(int[] truth, double[][] probabilities, List<String> classes,
                                           int[] predicted) {
        List<String> names = List.copyOf(classes);
        int k = names.size();
        int n = truth.length;
        if (k < 2) {
            throw new EvaluationException("classification needs at least two classes (class 0 = no failure), found "
                    + names);
        }
        if (probabilities.length != n || predicted.length != n) {
            throw new EvaluationException("classification needs one probability row and one prediction per truth: "
                    + n + " truths, " + probabilities.length + " probability rows, " + predicted.length
                    + " predictions");
        }
        if (n == 0) {
            throw new EvaluationException("classification needs at least one row");
        }
        long[][] confusion = new long[k][k];
        double brier = 0;
        double brierAny = 0;
        boolean[][] isClass = new boolean[k][n];
        double[][] score = new double[k][n];
        double[] any = new double[n];
        boolean[] isFailure = new boolean[n];
        for (int r = 0; r < n; r++) {
            checkClass("truth", r, truth[r], k);
            checkClass("prediction", r, predicted[r], k);
            double[] p = probabilities[r];
            checkProbabilities(r, p, names);
            confusion[truth[r]][predicted[r]]++;
            for (int c = 0; c < k; c++) {
                double y = truth[r] == c ? 1 : 0;
                brier += (p[c] - y) * (p[c] - y);
                isClass[c][r] = truth[r] == c;
                score[c][r] = p[c];
            }
            any[r] = anyFailure(p);
            isFailure[r] = truth[r] != 0;
            double y = isFailure[r] ? 1 : 0;
            brierAny += (any[r] - y) * (any[r] - y);
        }
        List<ClassScores> perClass = new ArrayList<>();
        long correct = 0;
        double f1Sum = 0;
        double f1FailureSum = 0;
        for (int c = 0; c < k; c++) {
            long tp = confusion[c][c];
            long support = 0;
            long predictedAs = 0;
            for (int o = 0; o < k; o++) {
                support += confusion[c][o];
                predictedAs += confusion[o][c];
            }
            correct += tp;
            double precision = predictedAs == 0 ? 0 : (double) tp / predictedAs;
            double recall = support == 0 ? 0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.add(new ClassScores(names.get(c), precision, recall, f1, support, predictedAs));
            f1Sum += f1;
            if (c > 0) {
                f1FailureSum += f1;
            }
        }
        List<RankingMetrics> ranking = new ArrayList<>();
        for (int c = 1; c < k; c++) {
            ranking.add(RankingMetrics.of(names.get(c), isClass[c], score[c]));
        }
        return new ClassificationMetrics(names, n, perClass, (double) correct / n, f1Sum / k, f1FailureSum / (k - 1),
                confusion, ranking, RankingMetrics.of(ANY_FAILURE, isFailure, any), brier / n, brierAny / n,
                calibration(any, isFailure));
    }

    /** The "any failure" probability of a row: 1 − P(class 0), clamped into [0, 1] against rounding. */
    static double anyFailure(double[] probabilities) {
        return Math.min(1, Math.max(0, 1 - probabilities[0]));
    }

    /** The index of the largest value from {@code from} on; ties go to the lower index. */
    static int argmax(double[] values, int from) {
        int best = from;
        for (int c = from + 1; c < values.length; c++) {
            if (values[c] > values[best]) {
                best = c;
            }
        }
        return best;
    }

    static void checkClass(String what, int row, int value, int classes) {
        if (value < 0 || value >= classes) {
            throw new EvaluationException(what + " of row " + row + " is class " + value + ", outside 0.."
                    + (classes - 1));
        }
    }

    static void checkProbabilities(int row, double[] p, List<String> classes) {
        if (p.length != classes.size()) {
            throw new EvaluationException("row " + row + " has " + p.length + " probabilities for " + classes.size()
                    + " classes " + classes);
        }
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            if (!(p[c] >= 0 && p[c] <= 1)) {
                throw new EvaluationException("row " + row + ": probability of '" + classes.get(c) + "' is " + p[c]
                        + ", outside [0, 1]");
            }
            sum += p[c];
        }
        if (Math.abs(sum - 1) > Predictions.PROBABILITY_SUM_TOLERANCE) {
            throw new EvaluationException("row " + row + ": probabilities sum to " + sum + ", not 1");
        }
    }

    private static List<CalibrationBin> calibration(double[] any, boolean[] isFailure) {
        long[] count = new long[CALIBRATION_BINS];
        double[] sumP = new double[CALIBRATION_BINS];
        long[] failures = new long[CALIBRATION_BINS];
        for (int r = 0; r < any.length; r++) {
            int b = Math.min(CALIBRATION_BINS - 1, (int) Math.floor(any[r] * CALIBRATION_BINS));
            count[b]++;
            sumP[b] += any[r];
            if (isFailure[r]) {
                failures[b]++;
            }
        }
        List<CalibrationBin> bins = new ArrayList<>();
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            double lower = (double) b / CALIBRATION_BINS;
            double upper = (double) (b + 1) / CALIBRATION_BINS;
            bins.add(count[b] == 0 ? new CalibrationBin(lower, upper, 0, Double.NaN, Double.NaN)
                    : new CalibrationBin(lower, upper, count[b], sumP[b] / count[b], (double) failures[b] / count[b]));
        }
        return bins;
    }

    /** The failure classes, 1..K−1. */
    public List<String> failureClasses() {
        return classes.subList(1, classes.size());
    }

    /** The confusion matrix (a copy). */
    @Override
    public long[][] confusion() {
        return copy(confusion);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassificationMetrics c && classes.equals(c.classes) && rows == c.rows
                && perClass.equals(c.perClass) && Double.compare(accuracy, c.accuracy) == 0
                && Double.compare(macroF1, c.macroF1) == 0 && Double.compare(macroF1Failures, c.macroF1Failures) == 0
                && Arrays.deepEquals(confusion, c.confusion) && perClassRanking.equals(c.perClassRanking)
                && anyFailure.equals(c.anyFailure) && Double.compare(brier, c.brier) == 0
                && Double.compare(brierAnyFailure, c.brierAnyFailure) == 0 && calibration.equals(c.calibration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classes, rows, perClass, accuracy, macroF1, macroF1Failures, Arrays.deepHashCode(confusion),
                perClassRanking, anyFailure, brier, brierAnyFailure, calibration);
    }

    @Override
    public String toString() {
        return "ClassificationMetrics[" + rows + " rows, classes " + classes + ", macroF1 " + macroF1 + "]";
    }

    private static long[][] copy(long[][] m) {
        long[][] out = new long[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }
}
