/**
 * One implementation of feature extraction, run two ways. A {@link org.prognos.features.extract.FeatureExtractor}
 * compiles a fitted spec; an {@link org.prognos.features.extract.AssetState} is one asset's bounded state, updated
 * a reading or an event at a time. Streaming (the scoring service) feeds asset states directly;
 * {@link org.prognos.features.extract.BatchExtractor} replays a whole dataset through the very same states, in
 * parallel across assets. So a live vector equals the batch vector for the same data, by construction — and a
 * property test checks it.
 *
 * <p>Compiling a spec: each {@code FeatureGroup} hands itself to {@code GroupCompiler}, which resolves and
 * validates it into a {@code GroupPlan} (one record per kind of group). The plans name the window blocks they
 * read ({@code BlockLayout}), then append their columns and the per-asset state those read to one immutable
 * {@code ExtractionPlan}, which every asset state of the extractor shares and runs.
 *
 * <p>Saving a state: {@link org.prognos.features.extract.AssetState#snapshot()} writes an asset's state in a compact,
 * versioned binary form ({@code SnapshotFormat}) and
 * {@link org.prognos.features.extract.FeatureExtractor#restoreState} rebuilds it under the same spec, so a service
 * restarted after a crash emits exactly the rows it would have emitted without stopping; a property test checks it
 * bit for bit.
 */
package org.prognos.features.extract;
