package org.prognos.inference.state;

import java.util.ArrayList;
import java.util.HashMap;
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
import org.prognos.inference.tenant.AssetKey;

/**
 * The bounded map of streaming asset states, kept per tenant (one least-recently-used order per tenant, see
 * {@link AssetKey}). Three bounds: at most {@code maxAssets} assets, a memory budget of {@code maxBytes} (the sum of
 * each asset's estimated bytes), and each tenant's share of that budget ({@code tenantShare × maxBytes}).
 *
 * <p>Room is always made from the tenant that needs it: a tenant past its share evicts its own least recently used
 * assets, and so does a tenant whose new or growing asset takes the service past {@code maxAssets} or
 * {@code maxBytes}; only a tenant with no other asset takes room from another, the one holding the most (bytes, or
 * assets for the count). So a tenant flooding made-up asset ids pushes out only its own. With a single tenant this is
 * the plain least-recently-used order.
 *
 * <p>An evicted asset is the least recently used without an open alert (among the {@value #PROTECTED_SCAN} least
 * recently used of its tenant; if all of those have open alerts, the least recently used goes anyway); what the durable
 * store keeps of it stays, and its next reading loads it again. A periodic {@link #sweep} evicts assets idle longer
 * than the timeout, and those are forgotten on disk too. Every eviction is counted in
 * {@code prognos_asset_states_evicted_total{reason}} ({@code capacity}, {@code memory}, {@code tenant_share},
 * {@code idle}). The map's lock is held only to find, add or remove a slot, never while a state is updated (each slot
 * has its own lock).
 */
final class AssetStore {
    /** How many of the least recently used assets eviction looks through for one without an open alert. */
    static final int PROTECTED_SCAN = 64;

    private final int maxAssets;
    private final long maxBytes;
    private final long tenantMaxBytes;
    private final long idleNanos;
    private final LongSupplier nanoTime;
    private final ServiceMetrics metrics;
    private final Consumer<String> forget;
    /** Each tenant's assets by id, least recently used first. */
    private final Map<String, Lane> lanes = new HashMap<>();
    private volatile Predicate<String> hasOpenAlert = a -> false;
    private boolean keepOnDisk;
    private long evictedKept;
    /** Assets evicted for room whose state the disk keeps: their next contact loads it (no lookup for new assets). */
    private final Set<String> pagedOut = new HashSet<>();
    private int size;
    private long bytes;

    /** One tenant's assets, least recently used first, and the bytes they hold. */
    private static final class Lane {
        final LinkedHashMap<String, AssetSlot> slots;
        long bytes;

        Lane(int capacity) {
            slots = new LinkedHashMap<>(capacity, 0.75f, true);
        }
    }

    /** A store where one tenant may take the whole budget. */
    AssetStore(int maxAssets, long maxBytes, long idleNanos, LongSupplier nanoTime, ServiceMetrics metrics, Consumer<String> forget) {
        this(maxAssets, maxBytes, 1.0, idleNanos, nanoTime, metrics, forget);
    }

    /**
     * @param tenantShare the share of {@code maxBytes} one tenant's assets may hold, in (0, 1]
     * @param forget      told the id of every asset evicted for idleness (the durable store drops what it kept of it)
     */
    AssetStore(int maxAssets, long maxBytes, double tenantShare, long idleNanos, LongSupplier nanoTime, ServiceMetrics metrics,
               Consumer<String> forget) {
        this.maxAssets = maxAssets;
        this.maxBytes = maxBytes;
        this.tenantMaxBytes = tenantShare >= 1 ? maxBytes : (long) (maxBytes * tenantShare);
        this.idleNanos = idleNanos;
        this.nanoTime = nanoTime;
        this.metrics = metrics;
        this.forget = forget;
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

    /** The slot of the asset with id {@code asset}, created when absent (evicting to stay within the bounds). */
    synchronized AssetSlot getOrCreate(String asset) {
        long now = nanoTime.getAsLong();
        String tenant = AssetKey.tenantOf(asset);
        Lane lane = lanes.computeIfAbsent(tenant, t -> new Lane(lanes.isEmpty() ? Math.min(maxAssets, 1 << 16) : 16));
        AssetSlot s = lane.slots.get(asset);
        if (s == null) {
            s = new AssetSlot(asset, now);
            s.bytes = AssetSlot.OVERHEAD_BYTES;
            lane.slots.put(asset, s);
            lane.bytes += s.bytes;
            size++;
            bytes += s.bytes;
            evictBeyondBounds(s, lane);
        }
        s.lastTouchedNanos = now;
        return s;
    }

    /** Records that {@code slot}'s state now holds {@code newBytes} (call with the slot's lock held), evicting others if over budget. */
    void resized(AssetSlot slot, long newBytes) {
        long delta = newBytes - slot.bytes;
        slot.bytes = newBytes;
        synchronized (this) {
            Lane lane = lanes.get(slot.tenant);
            if (lane != null && lane.slots.get(slot.asset) == slot) {
                lane.bytes += delta;
                bytes += delta;
                evictBeyondBounds(slot, lane);
            }
        }
    }

    /**
     * Evicts until the bounds hold, never {@code keep} (the asset being added or fed, in {@code own}): first from its
     * own tenant while that is past its share, then, while the service is past its bounds, from its own tenant again
     * when it has another asset, else from the largest tenant. Hold the lock.
     */
    private void evictBeyondBounds(AssetSlot keep, Lane own) {
        while (own.bytes > tenantMaxBytes && own.slots.size() > 1) {
            evict(own, victim(own, keep), "tenant_share");
        }
        while ((size > maxAssets || bytes > maxBytes) && size > 1) {
            boolean count = size > maxAssets;
            Lane from = own.slots.size() > 1 ? own : largest(own, count);
            evict(from, victim(from, keep), count ? "capacity" : "memory");
        }
    }

    /** The tenant other than {@code own} with the most assets ({@code count}) or bytes. Hold the lock. */
    private Lane largest(Lane own, boolean count) {
        Lane best = null;
        for (Lane l : lanes.values()) {
            if (l != own && !l.slots.isEmpty() && (best == null || (count ? l.slots.size() > best.slots.size() : l.bytes > best.bytes))) {
                best = l;
            }
        }
        return best;
    }

    private void evict(Lane lane, AssetSlot victim, String reason) {
        drop(lane, victim);
        metrics.evicted(reason, 1);
        pagedOut.add(victim.asset);
        if (keepOnDisk) {
            evictedKept++;
        }
    }

    /** Takes {@code s} out of {@code lane} and the totals. Hold the lock. */
    private void drop(Lane lane, AssetSlot s) {
        lane.slots.remove(s.asset);
        lane.bytes -= s.bytes;
        size--;
        bytes -= s.bytes;
        if (lane.slots.isEmpty()) {
            lanes.remove(s.tenant);
        }
    }

    /** The least recently used asset of {@code lane} without an open alert among the first few, else its least recently used. */
    private AssetSlot victim(Lane lane, AssetSlot keep) {
        Predicate<String> open = hasOpenAlert;
        AssetSlot first = null;
        int seen = 0;
        for (AssetSlot s : lane.slots.values()) {
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
        Lane lane = lanes.get(AssetKey.tenantOf(asset));
        AssetSlot s = lane == null ? null : lane.slots.get(asset);
        if (s != null) {
            s.lastTouchedNanos = nanoTime.getAsLong();
        }
        return Optional.ofNullable(s);
    }

    /**
     * Forgets {@code slot} (the asset was deleted): no longer tracked, not marked as kept on disk. Whether it was
     * tracked. Call with the slot's lock held.
     */
    synchronized boolean remove(AssetSlot slot) {
        pagedOut.remove(slot.asset);
        Lane lane = lanes.get(slot.tenant);
        if (lane == null || lane.slots.get(slot.asset) != slot) {
            return false;
        }
        drop(lane, slot);
        return true;
    }

    /** Forgets that the disk keeps {@code asset} (it was deleted there). */
    synchronized void forgetPagedOut(String asset) {
        pagedOut.remove(asset);
    }

    /** Removes every asset idle for longer than the timeout; returns how many. */
    int sweep() {
        long now = nanoTime.getAsLong();
        int removed = 0;
        synchronized (this) {
            Iterator<Lane> lit = lanes.values().iterator();
            while (lit.hasNext()) {
                Lane lane = lit.next();
                Iterator<AssetSlot> it = lane.slots.values().iterator();
                while (it.hasNext()) {
                    AssetSlot s = it.next();
                    if (now - s.lastTouchedNanos > idleNanos) {
                        it.remove();
                        pagedOut.remove(s.asset);
                        lane.bytes -= s.bytes;
                        size--;
                        bytes -= s.bytes;
                        forget.accept(s.asset);
                        removed++;
                    }
                }
                if (lane.slots.isEmpty()) {
                    lit.remove();
                }
            }
        }
        if (removed > 0) {
            metrics.evicted("idle", removed);
        }
        return removed;
    }

    /** The tracked slots, each tenant's least recently used first. */
    synchronized List<AssetSlot> snapshot() {
        List<AssetSlot> all = new ArrayList<>(size);
        for (Lane l : lanes.values()) {
            all.addAll(l.slots.values());
        }
        return all;
    }

    /** The tracked slots of the tenant named {@code tenant}, least recently used first. */
    synchronized List<AssetSlot> snapshot(String tenant) {
        Lane l = lanes.get(tenant);
        return l == null ? new ArrayList<>() : new ArrayList<>(l.slots.values());
    }

    synchronized int size() {
        return size;
    }

    /** Estimated heap held by every tracked asset. */
    synchronized long bytes() {
        return bytes;
    }

    /** Estimated heap held by the assets of the tenant named {@code tenant}. */
    synchronized long bytes(String tenant) {
        Lane l = lanes.get(tenant);
        return l == null ? 0 : l.bytes;
    }
}
