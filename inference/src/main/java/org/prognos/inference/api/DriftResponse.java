package org.prognos.inference.api;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/models/{model}/drift}: how the model's live inputs compare with its training profile.
 *
 * @param model         the model name
 * @param version       the version compared (its own profile, its own window)
 * @param status        {@code stable}, {@code moderate} or {@code drifted} (the worst feature's); {@code warming-up}
 *                      under {@code minRows} live rows; {@code no-profile} for a bundle written without one
 * @param rows          live vectors compared (at most {@code window})
 * @param window        the most live vectors kept: the last ones scored, across the fleet
 * @param minRows       live vectors needed before judging
 * @param recorded      vectors recorded for this version since it was loaded
 * @param profileSource which training rows the profile was fitted on; empty without a profile
 * @param thresholds    the thresholds applied
 * @param counts        counted features per status (all zero unless judged)
 * @param features      per feature, largest PSI first (empty unless judged)
 * @param evaluatedAt   when this was computed
 */
public record DriftResponse(String model, int version, String status, int rows, int window, int minRows, long recorded,
                            String profileSource, Thresholds thresholds, Counts counts, List<Feature> features,
                            Instant evaluatedAt) {
    public DriftResponse {
        features = List.copyOf(features);
    }

    /**
     * @param psiModerate PSI above which a feature is moderate
     * @param psiDrifted  PSI above which a feature is drifted
     * @param ksDrifted   KS distance at or above which a feature is drifted
     */
    public record Thresholds(double psiModerate, double psiDrifted, double ksDrifted) {
    }

    /**
     * @param stable   features stable
     * @param moderate features moderate
     * @param drifted  features drifted
     */
    public record Counts(int stable, int moderate, int drifted) {
    }

    /**
     * @param feature     the feature column
     * @param psi         population stability index against the training bins
     * @param ks          Kolmogorov–Smirnov distance to the training distribution; absent (null) when no live value
     *                    was present
     * @param status      stable, moderate or drifted
     * @param liveMissing share of live vectors without a value
     * @param liveMean    mean of the live values; absent (null) when none
     * @param counted     whether it counts towards the model's status (false: an asset column, or matched {@code drift.ignore})
     */
    public record Feature(String feature, double psi, Double ks, String status, double liveMissing, Double liveMean,
                          boolean counted) {
    }
}
