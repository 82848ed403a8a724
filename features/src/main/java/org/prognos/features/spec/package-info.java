/**
 * The {@link org.prognos.features.spec.FeatureSpec}: a JSON document, versioned by its {@code format} field and
 * identified by a stable SHA-256 of its canonical form, that fully describes a feature set — windows, emission,
 * feature groups, and normalization with its fitted parameters. Specs are read strictly: an unknown field or a
 * wrong value is an error naming the field.
 */
package org.prognos.features.spec;
