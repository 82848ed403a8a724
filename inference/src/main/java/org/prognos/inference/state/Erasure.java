package org.prognos.inference.state;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.UnknownAssetException;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.store.StateDb;
import org.prognos.inference.tenant.AssetKey;

/**
 * An admin's erasure of an asset's history: a delete forgets the asset (memory, snapshot, journal), a reset empties
 * its window and keeps the asset. Each is one synced write of the store's changes together with what the
 * {@link IngestListener} adds (alerts close the asset's open alert and forget its trackers), so a crash leaves either
 * everything or nothing of it.
 *
 * <p>Concurrency: the slot's lock is held through the write, and a deleted slot is marked {@code removed} before it
 * leaves the store, so a request waiting for it takes a new slot, and its readings land after the erasure, never
 * under it.
 */
final class Erasure {
    private final AssetStore store;
    private final ModelCatalog catalog;
    private final Optional<AssetLog> log;
    private final IngestListener listener;

    Erasure(AssetStore store, ModelCatalog catalog, Optional<AssetLog> log, IngestListener listener) {
        this.store = store;
        this.catalog = catalog;
        this.log = log;
        this.listener = listener;
    }

    /**
     * Deletes {@code key}, whose slot (loaded from the store when it was paged out) is {@code found}.
     *
     * @throws UnknownAssetException when neither memory nor the store holds anything of it
     */
    void delete(AssetKey key, Optional<AssetSlot> found) {
        String id = key.id();
        if (found.isEmpty()) {
            if (log.isEmpty() || !log.get().holds(id)) {
                throw StreamingService.unknown(key);
            }
            store.forgetPagedOut(id);   // kept on disk only (say, for a model no longer served)
            write(id, Long::toString, List.of(b -> log.get().forget(b, id)));
            return;
        }
        AssetSlot slot = found.get();
        synchronized (slot) {
            if (slot.removed) {
                throw StreamingService.unknown(key);
            }
            // written before the slot goes: a request that waits for it then finds it removed and starts a new one
            write(id, formatter(slot.model), log.isEmpty() ? List.of() : List.of(b -> log.get().forget(b, id)));
            slot.removed = true;
            store.remove(slot);
        }
    }

    /**
     * Resets {@code slot}, the slot of {@code key}: its state emptied (the asset, its model and attributes kept), its
     * last score dropped, its snapshot rewritten and its journal truncated.
     *
     * @throws UnknownAssetException when the slot was deleted meanwhile
     */
    void reset(AssetKey key, AssetSlot slot) {
        synchronized (slot) {
            if (slot.removed) {
                throw StreamingService.unknown(key);
            }
            Commit c = new Commit();
            if (slot.state != null) {
                slot.state = slot.state.cleared();
                AdaptiveSlots.restart(slot);
                slot.version++;
                slot.scoredVersion = -1;
                slot.scoredBy = null;
                store.resized(slot, slot.heapBytes());
                log.ifPresent(l -> l.snapshot(c, slot));
            }
            write(key.id(), formatter(slot.model), c.writes);
        }
    }

    /** Writes {@code writes} and what the listener adds for the asset in one synced batch, then runs its follow-up. */
    private void write(String id, LongFunction<String> format, List<Consumer<StateDb.Batch>> writes) {
        IngestListener l = listener;
        Runnable[] afterwards = new Runnable[1];
        if (log.isPresent()) {
            log.get().db().write(b -> {
                writes.forEach(w -> w.accept(b));
                if (l != null) {
                    afterwards[0] = l.cleared(id, format, b);
                }
            }, true);
        } else if (l != null) {
            afterwards[0] = l.cleared(id, format, StreamingService.NO_BATCH);
        }
        if (afterwards[0] != null) {
            afterwards[0].run();
        }
    }

    /** How {@code model}'s axis formats a time; plain numbers when the model is not served (any more). */
    private LongFunction<String> formatter(String model) {
        if (model == null || !catalog.serves(model)) {
            return Long::toString;
        }
        TimeAxis axis = catalog.peek(model).extractor().axis();
        return axis::format;
    }
}
