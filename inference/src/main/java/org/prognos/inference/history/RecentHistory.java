package org.prognos.inference.history;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.prognos.inference.UnknownAssetException;
import org.prognos.inference.api.AssetHistory;
import org.prognos.inference.state.AssetScore;
import org.prognos.inference.state.IngestListener;
import org.prognos.inference.store.StateDb;
import org.prognos.inference.tenant.AssetKey;

/**
 * The recent past of the most recently scored assets, for the live page: per asset, its last {@code points} scores
 * and its last {@code points} readings ({@link Trail}), fed by every commit of the streaming path once the commit is
 * durable, so the page never shows readings a crash could take back.
 *
 * <p>Bounded twice: at most {@code maxAssets} assets and at most {@code maxBytes} bytes of trails (an asset's trail is
 * allocated whole on its first score, {@link Trail#bytes}); the asset scored (or looked at) least recently goes
 * first. With the defaults ({@value #DEFAULT_ASSETS} assets, {@value #DEFAULT_POINTS} points, 32 MiB) an asset of four
 * channels costs about 35 KB, so about 950 assets fit: the assets people look at, not the whole fleet. Memory only: a restart, an eviction or an admin's delete or reset of the asset starts its trail empty.
 *
 * <p>A window whose score could not be computed (no vector yet, a prediction error) leaves no trace here: what the page
 * shows is what was scored.
 */
public final class RecentHistory implements IngestListener {
    /** Default number of assets with a trail. */
    public static final int DEFAULT_ASSETS = 1_000;
    /** Default number of scores, and of readings, kept per asset. */
    public static final int DEFAULT_POINTS = 240;
    /** Default bound on the bytes of all trails together (32 MiB). */
    public static final long DEFAULT_BYTES = 32L << 20;

    private final int maxAssets;
    private final int points;
    private final long maxBytes;
    /** Asset id to trail, least recently scored first. Guarded by {@code this}. */
    private final LinkedHashMap<String, Trail> trails = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /** A history with the default bounds. */
    public RecentHistory() {
        this(DEFAULT_ASSETS, DEFAULT_POINTS, DEFAULT_BYTES);
    }

    public RecentHistory(int maxAssets, int points, long maxBytes) {
        if (maxAssets < 1 || points < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("history bounds must be positive: " + maxAssets + " assets, " + points
                    + " points, " + maxBytes + " bytes");
        }
        this.maxAssets = maxAssets;
        this.points = points;
        this.maxBytes = maxBytes;
    }

    /** Records the commit's scores and readings once the commit is durable; adds nothing to the batch. */
    @Override
    public Runnable scored(List<AssetScore> scores, StateDb.Batch batch) {
        List<AssetScore> copy = List.copyOf(scores);
        return () -> copy.forEach(this::record);
    }

    /** An admin deleted or reset the asset: its trail goes with its state. */
    @Override
    public Runnable cleared(String asset, LongFunction<String> format, StateDb.Batch batch) {
        return () -> forget(asset);
    }

    /**
     * The asset's recent scores and readings.
     *
     * @throws UnknownAssetException when none are kept (never scored since the start, evicted, deleted or reset)
     */
    public AssetHistory of(AssetKey key) {
        Trail t;
        synchronized (this) {
            t = trails.get(key.id());
        }
        if (t == null) {
            throw new UnknownAssetException("no recent scores of asset '" + key.asset() + "' are kept (none since the service"
                    + " started, or it was evicted, deleted or reset); POST its readings to /v1/assets/" + key.asset()
                    + "/readings");
        }
        return t.view(key.asset());
    }

    /** How many assets have a trail. */
    public synchronized int assets() {
        return trails.size();
    }

    /** Bytes held by all trails ({@link Trail#bytes}). */
    public synchronized long bytes() {
        return bytes;
    }

    private void record(AssetScore s) {
        trailFor(s).add(s.model(), s.timeText(), s.risk(), s.band(), s.window());
    }

    /** The asset's trail, new when it has none or its schema changed; makes room first. */
    private synchronized Trail trailFor(AssetScore s) {
        Trail t = trails.get(s.asset());
        if (t != null && t.fits(s.window().schema())) {
            return t;
        }
        if (t != null) {
            forget(s.asset());
        }
        t = new Trail(s.window().schema(), s.model(), points);
        bytes += t.bytes();
        trails.put(s.asset(), t);
        evict();
        return t;
    }

    /** Drops the least recently scored trails while over a bound; the newest one always stays. */
    private void evict() {
        Iterator<Map.Entry<String, Trail>> it = trails.entrySet().iterator();
        List<String> gone = new ArrayList<>();
        while ((trails.size() - gone.size() > maxAssets || bytes > maxBytes) && trails.size() - gone.size() > 1 && it.hasNext()) {
            Map.Entry<String, Trail> e = it.next();
            gone.add(e.getKey());
            bytes -= e.getValue().bytes();
        }
        gone.forEach(trails::remove);
    }

    private synchronized void forget(String asset) {
        Trail t = trails.remove(asset);
        if (t != null) {
            bytes -= t.bytes();
        }
    }
}
