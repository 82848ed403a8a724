/**
 * The model bundle: a directory that carries a trained model with everything needed to trust and run it.
 *
 * <pre>
 * manifest.json   what the model is (task, feature columns, spec hash), where it came from (provenance),
 *                 how good it is (metrics), the payload kind, and the SHA-256 of every other file
 * spec.json       the fitted {@link org.prognos.features.spec.FeatureSpec}: serving computes the same features
 * model.tribuo    the payload (its name and kind are in the manifest; a payload may have several files)
 * metrics.json    the evaluation
 * report.html     optional
 * interval.json   optional: the fitted RUL interval ({@link org.prognos.models.interval.RulInterval})
 * profile.json    optional: the training inputs' reference profile, for drift
 *                 ({@link org.prognos.models.drift.ReferenceProfile})
 * </pre>
 *
 * <p>{@link org.prognos.models.bundle.BundleContents} is what a trainer hands over;
 * {@link org.prognos.models.bundle.BundleWriter} writes it with checksums; {@link org.prognos.models.bundle.BundleReader}
 * reads it back into a {@link org.prognos.models.bundle.LoadedBundle} only after every checksum matched, the spec's
 * hash matched and the spec still computes the model's columns. Loading is safe for files from elsewhere in the
 * sense that matters most on the JVM: no file is ever read with Java deserialization ({@code ObjectInputStream});
 * the manifest is plain JSON data and payloads are read by format-specific parsers.
 */
package org.prognos.models.bundle;
