/**
 * Drift: does what a model sees now look like what it was trained on?
 *
 * <p>Fit and apply are split as elsewhere. {@link org.prognos.models.drift.ProfileFitter} runs once, in the training
 * job, over exactly the vectors the model was trained on (the training rows, after the spec's normalization), and
 * returns an immutable {@link org.prognos.models.drift.ReferenceProfile}: per feature, quantile bin edges, the training
 * fraction in each bin, the percentiles and a summary ({@link org.prognos.models.drift.FeatureProfile}). The bundle
 * carries it as {@code profile.json}, listed in the manifest with its digest like {@code interval.json}; a bundle
 * written before profiles existed has none, and its drift reads "no profile".
 *
 * <p>{@link org.prognos.models.drift.DriftMeasure} compares a sample of live vectors with the profile, per feature:
 * the population stability index over the profile's bins and the Kolmogorov–Smirnov distance against the profile's
 * percentiles. {@link org.prognos.models.drift.DriftThresholds} says when a feature is stable, moderate or drifted;
 * the answer is a sealed {@link org.prognos.models.drift.DriftVerdict}: no profile, too few rows yet, or judged.
 * Nothing here knows HTTP or keeps a window; the service and the report each bring their own rows.
 */
package org.prognos.models.drift;
