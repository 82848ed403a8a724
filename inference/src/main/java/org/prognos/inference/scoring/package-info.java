/**
 * From a window of raw readings to an answer. {@link org.prognos.inference.scoring.RequestWindow} computes the
 * feature vector with the bundle's spec (a fresh {@code AssetState}, the one batch extraction runs);
 * {@link org.prognos.models.runtime.Scorer} predicts every vector and its occlusion variants in one batch call,
 * and reads out failure probabilities or remaining life, the health index, the
 * {@link org.prognos.models.runtime.RiskBand} and the top contributing features and sensors.
 */
package org.prognos.inference.scoring;
