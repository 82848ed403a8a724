/**
 * From a window of raw readings to an answer, with no HTTP or JSON. A {@link org.prognos.inference.scoring.ReadingWindow}
 * is what a request means once read, on a model's {@link org.prognos.inference.scoring.WindowSchema} (the HTTP layer
 * reads bodies into it); {@link org.prognos.inference.scoring.ScoringService} leases the model,
 * {@link org.prognos.inference.scoring.WindowFeatures} computes the feature vector with the bundle's spec (a fresh
 * {@code AssetState}, the one batch extraction runs), and {@link org.prognos.models.runtime.Scorer} predicts every
 * vector and its occlusion variants in one batch call, and reads out failure probabilities or remaining life, the
 * health index, the {@link org.prognos.models.runtime.RiskBand} and the top contributing features and sensors.
 */
package org.prognos.inference.scoring;
