package org.prognos.inference.state;

import org.prognos.features.extract.AssetState;
import org.prognos.inference.tenant.AssetKey;
import org.prognos.models.runtime.answer.ModelRef;

/**
 * One tracked asset: its {@link AssetState} (built by the spec of the model it follows), the last risk computed from
 * it, and its place in the durable journal. Guarded by its own monitor: a request synchronizes on the slot while it
 * reads or updates it.
 */
final class AssetSlot {
    /** Heap of a slot beside its state: the slot object, map entry, key string, cached fields, fingerprint ring. */
    static final long OVERHEAD_BYTES = 240 + 8 * Fingerprints.SIZE;

    /** The asset's id in the service ({@link AssetKey#id()}): the key of its state on disk and of its alerts. */
    final String asset;
    /** Its tenant's name. */
    final String tenant;
    /** The asset id as its tenant names it (in answers). */
    final String name;
    String model;
    String specHash;
    AssetState state;
    /** The asset's adaptive anomaly scorer when its model is scored adaptively, else null (see {@code AdaptiveSlots}). */
    org.prognos.models.anomaly.AdaptiveScorer adaptive;
    /** The model and version the scorer belongs to, and what its state means (kept in the snapshot). */
    org.prognos.models.anomaly.AnomalyModel adaptiveModel;
    org.prognos.models.anomaly.AdaptiveBasis adaptiveBasis;
    int adaptiveVersion;
    /** Bumped by every update; a cached score is valid only for the version it was computed at. */
    long version;
    volatile long lastTouchedNanos;
    volatile long bytes;

    // the last score computed from this state (valid when scoredVersion == version)
    long scoredVersion = -1;
    ModelRef scoredBy;
    long scoredAt;
    double risk;
    String band;
    double health;
    /** Whether the device said it is online (Sparkplug birth / death); null when it never said. */
    Boolean online;

    // durability: the last journal entry written for this asset, the one the last snapshot includes, and the
    // fingerprints of the last messages applied (a redelivery after a crash is recognised and not applied twice)
    long seq;
    long snapshotSeq;
    final Fingerprints recent = new Fingerprints();
    /** Set when the asset was deleted while a request waited for this slot: that request takes a new slot. */
    boolean removed;

    AssetSlot(String asset, long now) {
        this.asset = asset;
        this.tenant = AssetKey.tenantOf(asset);
        this.name = AssetKey.assetOf(asset);
        this.lastTouchedNanos = now;
    }

    /** The heap this asset holds: its feature state, its adaptive scorer and the slot itself. Hold the slot's lock. */
    long heapBytes() {
        return (state == null ? 0 : state.estimatedBytes()) + AdaptiveSlots.bytes(this) + OVERHEAD_BYTES;
    }

    boolean scoreCurrent() {
        return scoredVersion == version;
    }
}
