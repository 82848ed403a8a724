package org.prognos.inference.history;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.prognos.inference.UnknownAssetException;
import org.prognos.inference.api.AssetHistory;
import org.prognos.inference.state.AssetScore;
import org.prognos.inference.state.IngestListener;
import org.prognos.inference.store.StateDb;
import org.prognos.inference.tenant.AssetKey;

/**
 * The recent past of the riskiest assets, for the live page: per asset, its last {@code points} scores and its last
 * {@code points} readings ({@link Trail}), fed by every commit of the streaming path once the commit is durable, so
 * the page never shows readings a crash could take back.
 *
 * <p>Bounded twice: at most {@code maxAssets} assets and at most {@code maxBytes} bytes of trails (an asset's trail is
 * allocated whole when it is admitted, {@link Trail#bytes}). While there is room every scored asset gets a trail; once
 * full, a new asset is admitted only if its score is riskier than the least risky kept asset's latest score, which
 * then goes. So the history follows what the page shows first, the top of the at-risk ranking and the assets with
 * alerts, and a healthy fleet larger than the bounds costs one map look-up and one comparison per score (the
 * "floor": the least latest risk among the kept trails, kept up to date approximately, without a lock). With the defaults ({@value #DEFAULT_ASSETS} assets, {@value #DEFAULT_POINTS} points,
 * 32 MiB) an asset of four channels costs about 35 KB, so about 950 assets fit. Memory only: a restart, or an admin's
 * delete or reset of the asset, starts its trail empty.
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
    /** Asset id to trail; read without a lock, changed under {@code this}. */
    private final Map<String, Trail> trails = new ConcurrentHashMap<>();
    /** Bytes of all trails. Guarded by {@code this}. */
    private long bytes;
    /** While full: the least latest risk among the kept trails at the last admission; a newcomer must beat it. */
    private volatile double floor = Double.NEGATIVE_INFINITY;
    private volatile boolean full;

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
        return () -> scores.forEach(this::record);
    }

    /** An admin deleted or reset the asset: its trail goes with its state. */
    @Override
    public Runnable cleared(String asset, LongFunction<String> format, StateDb.Batch batch) {
        return () -> forget(asset);
    }

    /**
     * The asset's recent scores and readings.
     *
     * @throws UnknownAssetException when none are kept (never scored since the start, not among the riskiest, deleted
     *                               or reset)
     */
    public AssetHistory of(AssetKey key) {
        Trail t = trails.get(key.id());
        if (t == null) {
            throw new UnknownAssetException("no recent scores of asset '" + key.asset() + "' are kept (none since the service"
                    + " started, it is not among the riskiest assets, or it was deleted or reset); POST its readings to"
                    + " /v1/assets/" + key.asset() + "/readings");
        }
        return t.view(key.asset());
    }

    /** How many assets have a trail. */
    public int assets() {
        return trails.size();
    }

    /** Bytes held by all trails ({@link Trail#bytes}). */
    public synchronized long bytes() {
        return bytes;
    }

    private void record(AssetScore s) {
        Trail t = trails.get(s.asset());
        if (t != null && t.fits(s.window().schema())) {
            t.add(s.model(), s.timeText(), s.risk(), s.band(), s.window());
            if (s.risk() < floor) {
                floor = s.risk();   // a kept asset got healthier: a newcomer riskier than it may take its place
            }
            return;
        }
        if (t == null && full && s.risk() <= floor) {
            return;   // the usual case in a large, healthy fleet: not among the riskiest
        }
        admit(s);
    }

    /** A new trail for the asset (or anew, when its channels changed), making room from the least risky. */
    private synchronized void admit(AssetScore s) {
        Trail old = trails.get(s.asset());
        if (old != null && old.fits(s.window().schema())) {
            old.add(s.model(), s.timeText(), s.risk(), s.band(), s.window());
            return;
        }
        if (old != null) {
            remove(s.asset());
        }
        long need = Trail.bytes(s.window().schema().channels().size(), points);
        while (!trails.isEmpty() && (trails.size() + 1 > maxAssets || bytes + need > maxBytes)) {
            Map.Entry<String, Trail> least = leastRisky();
            if (old == null && least.getValue().latestRisk() >= s.risk()) {
                floor = least.getValue().latestRisk();
                full = true;
                return;   // the newcomer is the least risky of all
            }
            remove(least.getKey());
        }
        Trail t = new Trail(s.window().schema(), s.model(), points);
        t.add(s.model(), s.timeText(), s.risk(), s.band(), s.window());
        trails.put(s.asset(), t);
        bytes += t.bytes();
        full = trails.size() >= maxAssets || bytes + need > maxBytes;
        floor = full ? leastRisky().getValue().latestRisk() : Double.NEGATIVE_INFINITY;
    }

    /** The kept trail whose latest score is the least risky. Hold the lock; there is one at least. */
    private Map.Entry<String, Trail> leastRisky() {
        Map.Entry<String, Trail> least = null;
        for (Map.Entry<String, Trail> e : trails.entrySet()) {
            if (least == null || e.getValue().latestRisk() < least.getValue().latestRisk()) {
                least = e;
            }
        }
        return least;
    }

    private synchronized void forget(String asset) {
        remove(asset);
        full = false;
        floor = Double.NEGATIVE_INFINITY;
    }

    /** Drops a trail. Hold the lock. */
    private void remove(String asset) {
        Trail t = trails.remove(asset);
        if (t != null) {
            bytes -= t.bytes();
        }
    }
}
