package org.prognos.inference.state;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.prognos.inference.store.StateDb;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.runtime.FeatureVector;

/**
 * Windows applied together and made durable together: {@link StreamingService#apply} adds to it, and
 * {@link StreamingService#commit} scores the assets it touched, writes its journal entries (and whatever an
 * {@link IngestListener} adds) in one synced batch, then returns. Whoever acknowledges the windows (an HTTP answer,
 * an MQTT PUBACK) does so after the commit. Used by one thread.
 */
public final class Commit {
    final List<Consumer<StateDb.Batch>> writes = new ArrayList<>();
    final Set<AssetSlot> touched = new LinkedHashSet<>();
    final List<Pending> pending = new ArrayList<>();

    /**
     * A vector taken right after a window was applied, to be scored with the commit's others; the window it follows;
     * with the asset's adaptive step then, for a model scored adaptively.
     */
    record Pending(AssetSlot slot, long version, String model, FeatureVector vector, ReadingWindow window,
                   Optional<AdaptiveScorer.Step> adaptive) {
    }

    Commit() {
    }

    /** Whether nothing was applied. */
    public boolean isEmpty() {
        return touched.isEmpty() && writes.isEmpty();
    }
}
