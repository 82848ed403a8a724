/**
 * Drift monitoring in the service: does what the fleet sends now look like what each model was trained on?
 *
 * <p>Every vector a model scores (a scoring request, a batch, a streamed reading) is copied into that model's
 * {@link org.prognos.inference.drift.DriftWindow}, a fixed ring of the last N vectors across the fleet: one lock held
 * for one array copy, no allocation, so the scoring path pays O(features). Judging is the expensive part (a sort per
 * feature) and happens off that path: when {@code GET /v1/models/{name}/drift} asks, and every
 * {@code drift.evaluateSeconds} in {@link org.prognos.inference.drift.DriftMonitor#evaluate()}, which brings the
 * {@code /metrics} gauges up to date and tells a {@link org.prognos.inference.drift.DriftListener} (the alerts) what it
 * found. The math and the thresholds are the runtime's ({@link org.prognos.models.drift}); a window is tied to the
 * loaded model version it was filled for, so a reload starts a fresh one against the new bundle's profile.
 */
package org.prognos.inference.drift;
