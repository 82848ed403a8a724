/**
 * The Tribuo adapter: {@code tribuo-protobuf} payloads written with Tribuo's protobuf serialization and served by
 * {@link org.prognos.models.tribuo.TribuoPredictor}. {@link org.prognos.models.tribuo.TribuoExamples} is the one
 * place a feature row becomes a Tribuo example (NaN features are omitted), shared with training so both sides agree;
 * {@link org.prognos.models.tribuo.TribuoPayloads} turns a trained model into a bundle payload.
 *
 * <p>Security: models are read as protobuf only, after the bundle checksum, and only allow-listed model classes are
 * instantiated. Never add {@code tribuo-classification-liblinear} (its loader Java-deserializes model state) or
 * {@code tribuo-all} to the class path of anything that loads bundles.
 */
package org.prognos.models.tribuo;
