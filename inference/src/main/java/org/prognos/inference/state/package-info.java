/**
 * Streaming state: a bounded, LRU-evicted map from asset id to that asset's
 * {@link org.prognos.features.extract.AssetState}, fed by readings as they arrive, scored on demand and ranked
 * into the fleet's at-risk list ({@link org.prognos.inference.state.StreamingService}).
 */
package org.prognos.inference.state;
