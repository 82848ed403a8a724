/**
 * Trained models as files you can trust and run. The {@code models} module knows the bundle format
 * ({@link org.prognos.models.bundle}), the on-disk registry with versions and aliases
 * ({@link org.prognos.models.registry}), the {@link org.prognos.models.predict.Predictor} contract with its
 * adapters ({@link org.prognos.models.tribuo}, {@link org.prognos.models.xgboost}, {@link org.prognos.models.dl4j},
 * {@link org.prognos.models.baseline}), and the runtime that scores a bundle exactly as the service does
 * ({@link org.prognos.models.runtime}), and who vouches for a bundle: Ed25519 signatures over its manifest and the trust
 * lists that check them ({@link org.prognos.models.signing}); it trains nothing and knows no HTTP.
 *
 * <p>The story of a model: a training job builds {@link org.prognos.models.bundle.BundleContents} (fitted feature
 * spec, payload, provenance, metrics) and publishes it; the registry writes it atomically as the next version with
 * the SHA-256 of every file; an operator promotes it to {@code production}; the scoring service resolves
 * {@code name@production} and loads it as a {@link org.prognos.models.runtime.LoadedModel} (every checksum
 * verified, no Java deserialization), whose predictor {@link org.prognos.models.predict.Predictors} picks by payload
 * kind.
 *
 * <p>Errors are {@link org.prognos.PrognosException}s: {@link org.prognos.models.BundleFormatException},
 * {@link org.prognos.models.BundleIntegrityException}, {@link org.prognos.models.BundleSignatureException},
 * {@link org.prognos.models.KeyFileException}, {@link org.prognos.models.RegistryException},
 * {@link org.prognos.models.ModelNotFoundException}, {@link org.prognos.models.InvalidModelNameException} and
 * {@link org.prognos.models.PredictionException}.
 */
package org.prognos.models;
