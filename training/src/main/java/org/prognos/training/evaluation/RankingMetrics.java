package org.prognos.training.evaluation;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * How well a score ranks the rows of one positive class above the others (one-vs-rest): average precision (the
 * area under the precision–recall curve as scikit-learn's {@code average_precision_score} computes it) and ROC-AUC,
 * with both curves for plotting.
 *
 * <p>Definitions. Thresholds are the distinct scores, from the highest down; a row is predicted positive when its
 * score is at or above the threshold, so tied scores enter together. With TP<sub>k</sub>, FP<sub>k</sub> counted at
 * the k-th threshold, P positives and N negatives:
 * <ul>
 *   <li>average precision AP = Σ<sub>k</sub> (R<sub>k</sub> − R<sub>k−1</sub>) · P<sub>k</sub>, recall
 *       R<sub>k</sub> = TP<sub>k</sub>/P, precision P<sub>k</sub> = TP<sub>k</sub>/(TP<sub>k</sub>+FP<sub>k</sub>),
 *       R<sub>0</sub> = 0 (a step function, no interpolation);</li>
 *   <li>ROC-AUC = the trapezoidal area under (FP<sub>k</sub>/N, TP<sub>k</sub>/P) from (0, 0), which equals the
 *       Mann–Whitney statistic: the probability that a random positive scores above a random negative, ties
 *       counting one half.</li>
 * </ul>
 *
 * <p>Edge cases, written down because they happen on small validation folds: with no positive row, AP and ROC-AUC
 * are {@code NaN} and both curves are empty; with no negative row, ROC-AUC is {@code NaN} and the ROC curve is empty
 * while AP is 1. {@link #undefinedReason()} then says why. Constant scores are defined: ROC-AUC is 0.5 and AP is the
 * prevalence P/(P+N).
 *
 * @param positive         the name of the positive class (e.g. {@code comp2}, or {@code any failure})
 * @param positives        P, the number of positive rows
 * @param negatives        N, the number of negative rows
 * @param averagePrecision AP, or {@code NaN} (see {@code undefinedReason})
 * @param rocAuc           ROC-AUC, or {@code NaN} (see {@code undefinedReason})
 * @param precisionRecall  x = recall, y = precision, one point per threshold, at most {@value Curve#MAX_POINTS}
 * @param roc              x = false-positive rate, y = true-positive rate, from (0, 0), at most
 *                         {@value Curve#MAX_POINTS} points
 * @param undefinedReason  why a value is {@code NaN}; empty when both are defined
 */
public record RankingMetrics(String positive, long positives, long negatives, double averagePrecision, double rocAuc,
                             Curve precisionRecall, Curve roc, Optional<String> undefinedReason) {
    public RankingMetrics {
        Objects.requireNonNull(positive, "positive");
        Objects.requireNonNull(precisionRecall, "precisionRecall");
        Objects.requireNonNull(roc, "roc");
        Objects.requireNonNull(undefinedReason, "undefinedReason");
        if (positives < 0 || negatives < 0) {
            throw new EvaluationException("row counts cannot be negative, found " + positives + " positives and "
                    + negatives + " negatives");
        }
    }

    /**
     * Ranks {@code scores} (finite numbers, higher meaning "more likely positive") against {@code isPositive}.
     *
     * @throws EvaluationException when the arrays differ in length, are empty, or a score is not finite
     */
    public static RankingMetrics of(String positive, boolean[] isPositive, double[] scores) {
        if (isPositive.length != scores.length) {
            throw new EvaluationException("ranking '" + positive + "': " + isPositive.length + " labels but "
                    + scores.length + " scores");
        }
        if (scores.length == 0) {
            throw new EvaluationException("ranking '" + positive + "': no rows");
        }
        int p = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new EvaluationException("ranking '" + positive + "': score of row " + i + " is " + scores[i]);
            }
            if (isPositive[i]) {
                p++;
            }
        }
        double[] pos = new double[p];
        double[] neg = new double[scores.length - p];
        for (int i = 0, a = 0, b = 0; i < scores.length; i++) {
            if (isPositive[i]) {
                pos[a++] = scores[i];
            } else {
                neg[b++] = scores[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        return fromSorted(positive, pos, neg);
    }

    /** Walks both sorted samples from the top, one distinct score (threshold) at a time. */
    private static RankingMetrics fromSorted(String positive, double[] pos, double[] neg) {
        int np = pos.length;
        int nn = neg.length;
        int steps = countDistinct(pos, neg);
        double[] recall = new double[steps];
        double[] precision = new double[steps];
        double[] fpr = new double[steps + 1];
        double[] tpr = new double[steps + 1];
        double[] thresholds = new double[steps];
        double[] rocThresholds = new double[steps + 1];
        rocThresholds[0] = Double.POSITIVE_INFINITY;
        int i = np - 1;
        int j = nn - 1;
        long tp = 0;
        long fp = 0;
        double ap = 0;
        double auc = 0;
        double prevRecall = 0;
        for (int k = 0; k < steps; k++) {
            double v = Math.max(i >= 0 ? pos[i] : Double.NEGATIVE_INFINITY, j >= 0 ? neg[j] : Double.NEGATIVE_INFINITY);
            while (i >= 0 && pos[i] == v) {
                tp++;
                i--;
            }
            while (j >= 0 && neg[j] == v) {
                fp++;
                j--;
            }
            thresholds[k] = v;
            rocThresholds[k + 1] = v;
            recall[k] = np == 0 ? Double.NaN : (double) tp / np;
            precision[k] = (double) tp / (tp + fp);
            ap += (recall[k] - prevRecall) * precision[k];
            prevRecall = recall[k];
            fpr[k + 1] = nn == 0 ? Double.NaN : (double) fp / nn;
            tpr[k + 1] = np == 0 ? Double.NaN : (double) tp / np;
            auc += (fpr[k + 1] - fpr[k]) * (tpr[k + 1] + tpr[k]) / 2;
        }
        Optional<String> reason = Optional.empty();
        Curve pr = new Curve(recall, precision, thresholds).downsample(Curve.MAX_POINTS);
        Curve roc = new Curve(fpr, tpr, rocThresholds).downsample(Curve.MAX_POINTS);
        Curve empty = new Curve(new double[0], new double[0], new double[0]);
        if (np == 0) {
            ap = Double.NaN;
            auc = Double.NaN;
            pr = empty;
            roc = empty;
            reason = Optional.of("no positive row of '" + positive + "': average precision and ROC-AUC are undefined");
        } else if (nn == 0) {
            auc = Double.NaN;
            roc = empty;
            reason = Optional.of("no negative row for '" + positive + "': ROC-AUC is undefined");
        }
        return new RankingMetrics(positive, np, nn, ap, auc, pr, roc, reason);
    }

    private static int countDistinct(double[] a, double[] b) {
        int n = 0;
        int i = a.length - 1;
        int j = b.length - 1;
        while (i >= 0 || j >= 0) {
            double v = Math.max(i >= 0 ? a[i] : Double.NEGATIVE_INFINITY, j >= 0 ? b[j] : Double.NEGATIVE_INFINITY);
            while (i >= 0 && a[i] == v) {
                i--;
            }
            while (j >= 0 && b[j] == v) {
                j--;
            }
            n++;
        }
        return n;
    }
}
