package org.prognos.inference.state;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.prognos.inference.metrics.ServiceMetrics;

/**
 * The bounded map of streaming asset states. At most {@code maxAssets} assets are tracked: adding one more evicts
 * the least recently used; a periodic {@link #sweep} evicts assets idle longer than the timeout. Every eviction
 * is counted in {@code prognos_asset_states_evicted_total{reason}}. The map's lock is held only to find, add or
 * remove a slot, never while a state is updated (each slot has its own lock).
 */
final class AssetStore {
    private final int maxAssets;
    private final long idleNanos;
    private final LongSupplier nanoTime;
    private final ServiceMetrics metrics;
    private final Consumer<String> forget;
    private final LinkedHashMap<String, AssetSlot> slots;

    /**
     * @param forget told the id of every evicted asset (the durable store drops what it kept of it)
     */
    AssetStore(int maxAssets, long idleNanos, LongSupplier nanoTime, ServiceMetrics metrics, Consumer<String> forget) {
        this.maxAssets = maxAssets;
        this.idleNanos = idleNanos;
        this.nanoTime = nanoTime;
        this.metrics = metrics;
        this.forget = forget;
        this.slots = new LinkedHashMap<>(Math.min(maxAssets, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AssetSlot> eldest) {
                if (size() > AssetStore.this.maxAssets) {
                    AssetStore.this.metrics.evicted("capacity", 1);
                    AssetStore.this.forget.accept(eldest.getKey());
                    return true;
                }
                return false;
            }
        };
    }

    /** The slot of {@code asset}, created when absent (evicting the least recently used one when full). */
    synchronized AssetSlot getOrCreate(String asset) {
        long now = nanoTime.getAsLong();
        AssetSlot s = slots.get(asset);
        if (s == null) {
            s = new AssetSlot(asset, now);
            slots.put(asset, s);
        }
        s.lastTouchedNanos = now;
        return s;
    }

    /** The slot of {@code asset}, if tracked. */
    synchronized Optional<AssetSlot> get(String asset) {
        AssetSlot s = slots.get(asset);
        if (s != null) {
            s.lastTouchedNanos = nanoTime.getAsLong();
        }
        return Optional.ofNullable(s);
    }

    /** Removes every asset idle for longer than the timeout; returns how many. */
    int sweep() {
        long now = nanoTime.getAsLong();
        int removed = 0;
        synchronized (this) {
            Iterator<AssetSlot> it = slots.values().iterator();
            while (it.hasNext()) {
                AssetSlot s = it.next();
                if (now - s.lastTouchedNanos > idleNanos) {
                    it.remove();
                    forget.accept(s.asset);
                    removed++;
                }
            }
        }
        if (removed > 0) {
            metrics.evicted("idle", removed);
        }
        return removed;
    }

    /** The tracked slots, least recently used first. */
    synchronized List<AssetSlot> snapshot() {
        return new ArrayList<>(slots.values());
    }

    synchronized int size() {
        return slots.size();
    }

    /** Estimated heap held by every tracked asset. */
    synchronized long bytes() {
        long b = 0;
        for (AssetSlot s : slots.values()) {
            b += s.bytes;
        }
        return b;
    }
}
