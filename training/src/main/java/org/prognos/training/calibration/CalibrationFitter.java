package org.prognos.training.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.prognos.models.calibration.ProbabilityCalibration;
import org.prognos.training.config.DecisionConfig.CalibrationMethod;

/**
 * Chooses and fits the probability calibration on out-of-fold rows. For {@code auto}, each candidate (the raw scores,
 * isotonic, Platt) is cross-validated over the same asset folds the out-of-fold scores came from: fitted on the other
 * folds' rows, scored on the fold's; the lowest pooled log-loss wins (Brier score printed beside). The winner is then
 * refitted on all out-of-fold rows. Log-loss clips probabilities to [{@value #LOG_LOSS_CLIP}, 1 − clip], so an
 * isotonic step to exactly 0 or 1 costs a large finite amount, not infinity.
 */
public final class CalibrationFitter {
    /** Probabilities are clipped to [clip, 1 − clip] inside the log-loss. */
    public static final double LOG_LOSS_CLIP = 1e-4;

    private CalibrationFitter() {
    }

    /**
     * Cross-validated scores of one candidate.
     *
     * @param logLoss mean binary log-loss of P(any failure)
     * @param brier   mean binary Brier score of P(any failure)
     */
    public record Scores(double logLoss, double brier) {
    }

    /**
     * @param calibration the fitted map; empty when the raw scores won (or {@code none} was asked for)
     * @param chosen      the candidate's name ({@code none}, {@code isotonic}, {@code platt})
     * @param candidates  each candidate's cross-validated scores (empty when a method was named, not chosen)
     */
    public record Fitted(Optional<ProbabilityCalibration> calibration, String chosen, Map<String, Scores> candidates) {
        public Fitted {
            candidates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(candidates));
        }
    }

    /**
     * @param scores   out-of-fold raw P(any failure) of each training row
     * @param outcomes 1 where a failure follows within the horizon, else 0
     * @param fold     the asset fold of each row
     * @param folds    the number of folds
     * @param assets   the number of distinct assets
     * @param method   the configured method
     * @param how      how the out-of-fold scores were obtained, in words (provenance)
     */
    public static Fitted fit(double[] scores, double[] outcomes, int[] fold, int folds, int assets, CalibrationMethod method,
                             String how) {
        if (method == CalibrationMethod.NONE) {
            return new Fitted(Optional.empty(), "none", Map.of());
        }
        List<CalibrationMethod> candidates = method == CalibrationMethod.AUTO
                ? List.of(CalibrationMethod.NONE, CalibrationMethod.ISOTONIC, CalibrationMethod.PLATT) : List.of(method);
        Map<String, Scores> cv = new LinkedHashMap<>();
        CalibrationMethod best = candidates.get(0);
        double bestLoss = Double.POSITIVE_INFINITY;
        if (candidates.size() > 1) {
            for (CalibrationMethod m : candidates) {
                Scores s = crossValidate(scores, outcomes, fold, folds, m);
                cv.put(m.toString(), s);
                if (s.logLoss() < bestLoss) {
                    bestLoss = s.logLoss();
                    best = m;
                }
            }
        }
        String text = how + (candidates.size() > 1 ? "; chosen by log-loss cross-validated over the " + folds + " asset folds "
                + describe(cv) : "; method as configured");
        Optional<ProbabilityCalibration> map = best == CalibrationMethod.NONE ? Optional.empty()
                : Optional.of(fitOne(best, scores, outcomes, assets, text));
        return new Fitted(map, best.toString(), cv);
    }

    private static ProbabilityCalibration fitOne(CalibrationMethod m, double[] s, double[] y, int assets, String how) {
        return m == CalibrationMethod.ISOTONIC ? IsotonicFitter.fit(s, y, assets, how) : PlattFitter.fit(s, y, assets, how);
    }

    private static Scores crossValidate(double[] scores, double[] outcomes, int[] fold, int folds, CalibrationMethod m) {
        double loss = 0;
        double brier = 0;
        for (int f = 0; f < folds; f++) {
            int k = f;
            int[] fit = rows(fold, i -> fold[i] != k);
            int[] held = rows(fold, i -> fold[i] == k);
            if (fit.length == 0 || held.length == 0) {
                continue;
            }
            Optional<ProbabilityCalibration> c = m == CalibrationMethod.NONE ? Optional.empty()
                    : Optional.of(fitOne(m, pick(scores, fit), pick(outcomes, fit), 1, ""));
            for (int i : held) {
                double p = c.isPresent() ? c.get().apply(scores[i]) : scores[i];
                loss += logLoss(p, outcomes[i]);
                brier += (p - outcomes[i]) * (p - outcomes[i]);
            }
        }
        return new Scores(loss / scores.length, brier / scores.length);
    }

    /** Binary log-loss of probability {@code p} for outcome {@code y}, p clipped to [clip, 1 − clip]. */
    public static double logLoss(double p, double y) {
        double q = Math.min(1 - LOG_LOSS_CLIP, Math.max(LOG_LOSS_CLIP, p));
        return y > 0 ? -Math.log(q) : -Math.log(1 - q);
    }

    private static int[] rows(int[] fold, IntPredicate keep) {
        return IntStream.range(0, fold.length).filter(keep).toArray();
    }

    private static double[] pick(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int j = 0; j < rows.length; j++) {
            out[j] = v[rows[j]];
        }
        return out;
    }

    private static String describe(Map<String, Scores> cv) {
        List<String> parts = new ArrayList<>();
        cv.forEach((k, s) -> parts.add(String.format(Locale.ROOT, "%s %.4f (Brier %.4f)", k, s.logLoss(), s.brier())));
        return "(" + String.join(", ", parts) + ")";
    }
}
