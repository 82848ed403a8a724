/**
 * The scorer's typed answers: {@link org.prognos.models.runtime.answer.ScoreResponse} for one asset, with the model
 * that answered, failure probabilities or remaining life, the risk and its band, and the explanation. Plain
 * immutable records; the scoring service writes them as JSON with these component names, so renaming one changes
 * the wire format.
 */
package org.prognos.models.runtime.answer;
