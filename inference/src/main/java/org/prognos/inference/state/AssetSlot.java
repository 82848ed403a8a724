package org.prognos.inference.state;

import org.prognos.features.extract.AssetState;
import org.prognos.models.runtime.answer.ModelRef;

/**
 * One tracked asset: its {@link AssetState} (built by the spec of the model it follows) and the last risk
 * computed from it. Guarded by its own monitor: a request synchronizes on the slot while it reads or updates it.
 */
final class AssetSlot {
    /** Heap of a slot beside its state: the slot object, map entry, key string, cached fields. */
    static final long OVERHEAD_BYTES = 240;

    final String asset;
    String model;
    String specHash;
    AssetState state;
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

    AssetSlot(String asset, long now) {
        this.asset = asset;
        this.lastTouchedNanos = now;
    }

    boolean scoreCurrent() {
        return scoredVersion == version;
    }
}
