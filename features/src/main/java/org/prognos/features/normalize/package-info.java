/**
 * Normalization of raw readings, split into fit and apply: {@link org.prognos.features.normalize.NormalizationConfig}
 * says what to do, {@link org.prognos.features.normalize.NormalizerFitter} learns it from training telemetry only,
 * and the immutable {@link org.prognos.features.normalize.FittedNormalizer} applies it — serialized inside the
 * feature spec, so serving never fits anything. Per-regime normalization (operating regimes learned by k-means on
 * declared operating-setting channels) is what makes multi-condition fleets such as C-MAPSS FD002/FD004 usable:
 * there, raw sensor levels mostly encode the flight condition, not the engine's health.
 */
package org.prognos.features.normalize;
