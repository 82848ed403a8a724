/**
 * When an asset's alert opens and closes: the pure rule, free of clocks, stores and transports, so the scoring
 * service, a Flink job and a Spark replay decide alike.
 *
 * <p>Each score of an asset by a model becomes an {@link org.prognos.live.alert.Observation}: the value (a failure
 * probability, an anomaly score, a remaining useful life), the threshold of the model's alarm band, and which way is
 * bad ({@link org.prognos.live.alert.Direction}). One {@link org.prognos.live.alert.AlertTracker} per (asset, model)
 * applies an {@link org.prognos.live.alert.AlertRule}: an alert opens after K consecutive scores beyond the
 * threshold and closes after K consecutive scores back past the hysteresis level, so a value that hovers near the
 * threshold does not flap. Each change is an {@link org.prognos.live.alert.AlertTransition} carrying the
 * {@link org.prognos.live.alert.Alert}, whose id is derived from the asset, the model and the data time it opened
 * at: replaying the same scores after a crash gives the same ids.
 *
 * <p>A tracker's whole state is a small record ({@link org.prognos.live.alert.AlertTracker.State}) with a compact
 * binary form ({@link org.prognos.live.alert.AlertCodec}); a tracker restored from it continues exactly as one that
 * never stopped, and ignores scores it has already seen.
 */
package org.prognos.live.alert;
