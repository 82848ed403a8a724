/**
 * Streaming state: a bounded, LRU-evicted map from asset id to that asset's
 * {@link org.prognos.features.extract.AssetState}, fed by readings as they arrive, scored on demand or on ingest and
 * ranked into the fleet's at-risk list ({@link org.prognos.inference.state.StreamingService}), and kept durably in
 * the service's store as a journal of applied windows plus periodic snapshots ({@code AssetLog}). An asset whose anomaly
 * model is scored adaptively keeps its {@link org.prognos.models.anomaly.AdaptiveScorer} beside its state, fed the
 * same rows and kept in the same snapshots with what it means ({@link org.prognos.models.anomaly.AdaptiveBasis}), so a
 * reload or a restart under another version of the model carries it over by one rule ({@code AdaptiveSlots}). Assets
 * are keyed by
 * tenant ({@link org.prognos.inference.tenant.AssetKey}); each tenant makes room from its own assets
 * ({@code AssetStore}), and an admin may delete or reset an asset ({@code Erasure}).
 */
package org.prognos.inference.state;
