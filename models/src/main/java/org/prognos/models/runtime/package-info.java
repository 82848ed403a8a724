/**
 * The model runtime: load a bundle and score exactly as the scoring service does, from any JVM process.
 *
 * <p>The story of a score: {@link org.prognos.models.runtime.LoadedModel#load} verifies a bundle, creates its
 * predictor with the standard adapters (wrapped in a {@link org.prognos.models.runtime.CombiningPredictor} so that
 * concurrent calls share one native batch call), compiles its feature spec once, and reads the
 * {@link org.prognos.models.runtime.DecisionPolicy} (alarm threshold, reference life, explanation reference values)
 * and the {@link org.prognos.models.runtime.ColumnGroups} (which sensor each column comes from). A caller computes
 * a {@link org.prognos.models.runtime.FeatureVector} with the model's extractor; the
 * {@link org.prognos.models.runtime.Scorer} predicts every vector (and its occlusion variants, for explanations) in
 * one batch call, reads out failure probabilities or remaining life and the health index, places the risk in a
 * {@link org.prognos.models.runtime.RiskBand}, and answers with the records of
 * {@link org.prognos.models.runtime.answer}.
 *
 * <p>Nothing here knows HTTP: the service, the report and batch jobs wrap this package; none of it points back up.
 */
package org.prognos.models.runtime;
