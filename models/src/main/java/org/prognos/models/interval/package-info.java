/**
 * Uncertainty around a remaining-useful-life estimate. {@link org.prognos.models.interval.RulInterval} is the fitted,
 * immutable conformal interval a bundle carries ({@code interval.json}); the training job fits it from out-of-fold
 * residuals of training assets only, and serving applies it to every estimate. A bundle without the file answers
 * with the estimate alone.
 */
package org.prognos.models.interval;
