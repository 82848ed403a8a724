package org.prognos.models.drift;

/**
 * How one feature's live values compare with its training profile.
 *
 * @param feature     the feature column
 * @param psi         the population stability index over the profile's bins and the missing share
 * @param ks          the Kolmogorov–Smirnov distance to the training distribution (NaN when no live row had a value,
 *                    or training had none)
 * @param status      what the thresholds make of them
 * @param liveMissing the share of live rows without a value
 * @param liveMean    the mean of the live values (NaN when none)
 * @param counted     whether it counts towards the model's status (false for a feature the operator set aside, e.g.
 *                    an asset attribute whose fleet mix is expected to differ; it is still measured and shown)
 */
public record FeatureDrift(String feature, double psi, double ks, DriftStatus status, double liveMissing, double liveMean,
                           boolean counted) {
}
