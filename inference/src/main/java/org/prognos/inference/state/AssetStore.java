package org.prognos.inference.state;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.prognos.inference.metrics.ServiceMetrics;

/**
 * The bounded map of streaming asset states. Two bounds: at most {@code maxAssets} assets, and a memory budget of
 * {@code maxBytes} (the sum of each asset's estimated bytes). Past either, the least recently used asset without an
 * open alert is evicted from memory (among the {@value #PROTECTED_SCAN} least recently used; if all of those have open
 * alerts, the least recently used goes anyway); what the durable store keeps of it stays, and its next reading loads
 * it again. A periodic {@link #sweep} evicts assets idle longer than the timeout, and those are forgotten on disk too.
 * Every eviction is counted in {@code prognos_asset_states_evicted_total{reason}}. The map's lock is held only to find, add
 * or remove a slot, never while a state is updated (each slot has its own lock).
 */
final class AssetStore {
    /** How many of the least recently used assets eviction looks through for one without an open alert. */
    static final int PROTECTED_SCAN = 64;

    private final int maxAssets;
    private final long maxBytes;
    private final long idleNanos;
    private final LongSupplier nanoTime;
    private final ServiceMetrics metrics;
    private final Consumer<String> forget;
    private final LinkedHashMap<String, AssetSlot> slots;
    private volatile Predicate<String> hasOpenAlert = a -> false;
    private boolean keepOnDisk;
    private long evictedKept;
    /** Assets evicted for room whose state the disk keeps: their next contact loads it (no lookup for new assets). */
    private final Set<String> pagedOut = new HashSet<>();
    private long bytes;

    /**
     * @param forget told the id of every asset evicted for idleness (the durable store drops what it kept of it)
     */
    AssetStore(int maxAssets, long maxBytes, long idleNanos, LongSupplier nanoTime, ServiceMetrics metrics, Consumer<String> forget) {
        this.maxAssets = maxAssets;
        this.maxBytes = maxBytes;
        this.idleNanos = idleNanos;
        this.nanoTime = nanoTime;
        this.metrics = metrics;
        this.forget = forget;
        this.slots = new LinkedHashMap<>(Math.min(maxAssets, 1 << 16), 0.75f, true);
    }

    /**
     * Counts the assets evicted for want of room while restoring (they stay on disk, as every asset evicted for room
     * does); returns how many since the last call.
     */
    synchronized long restoring(boolean on) {
        keepOnDisk = on;
        long kept = evictedKept;
        evictedKept = 0;
        return kept;
    }

    /** Tells eviction which assets have an open alert (they are evicted last). */
    void protect(Predicate<String> openAlert) {
        this.hasOpenAlert = openAlert;
    }

    /** The slot of {@code asset}, created when absent (evicting to stay within the bounds). */
    synchronized AssetSlot getOrCreate(String asset) {
        long now = nanoTime.getAsLong();
        AssetSlot s = slots.get(asset);
        if (s == null) {
            s = new AssetSlot(asset, now);
            s.bytes = AssetSlot.OVERHEAD_BYTES;
            slots.put(asset, s);
            bytes += s.bytes;
            evictBeyondBounds(s);
        }
        s.lastTouchedNanos = now;
        return s;
    }

    /** Records that {@code slot}'s state now holds {@code newBytes} (call with the slot's lock held), evicting others if over budget. */
    void resized(AssetSlot slot, long newBytes) {
        long delta = newBytes - slot.bytes;
        slot.bytes = newBytes;
        synchronized (this) {
            if (slots.get(slot.asset) == slot) {
                bytes += delta;
                evictBeyondBounds(slot);
            }
        }
    }

    /** Evicts until both bounds hold, never {@code keep} (the asset being added or fed). Hold the lock. */
    private void evictBeyondBounds(AssetSlot keep) {
        while ((slots.size() > maxAssets || bytes > maxBytes) && slots.size() > 1) {
            String reason = slots.size() > maxAssets ? "capacity" : "memory";
            AssetSlot victim = victim(keep);
            slots.remove(victim.asset);
            bytes -= victim.bytes;
            metrics.evicted(reason, 1);
            pagedOut.add(victim.asset);
            if (keepOnDisk) {
                evictedKept++;
            }
        }
    }

    /** The least recently used asset without an open alert among the first few, else the least recently used. */
    private AssetSlot victim(AssetSlot keep) {
        Predicate<String> open = hasOpenAlert;
        AssetSlot first = null;
        int seen = 0;
        for (AssetSlot s : slots.values()) {
            if (s == keep) {
                continue;
            }
            if (first == null) {
                first = s;
            }
            if (!open.test(s.asset)) {
                return s;
            }
            if (++seen >= PROTECTED_SCAN) {
                break;
            }
        }
        return first;
    }

    /** Whether {@code asset} was evicted for room and not seen since (the disk keeps its state); forgets the mark. */
    synchronized boolean takePagedOut(String asset) {
        return pagedOut.remove(asset);
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
                    pagedOut.remove(s.asset);
                    bytes -= s.bytes;
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
        return bytes;
    }
}
