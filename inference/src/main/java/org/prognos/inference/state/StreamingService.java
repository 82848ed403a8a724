package org.prognos.inference.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.prognos.features.extract.AssetState;
import org.prognos.features.extract.RowSink;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.ConflictException;
import org.prognos.inference.InvalidRequestException;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.UnknownAssetException;
import org.prognos.inference.api.AssetFeatures;
import org.prognos.inference.api.AtRiskResponse;
import org.prognos.inference.api.IngestResponse;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.drift.DriftMonitor;
import org.prognos.inference.catalog.ModelLease;
import org.prognos.inference.catalog.ServedModel;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.WindowSchema;
import org.prognos.inference.store.StateDb;
import org.prognos.inference.tenant.AssetKey;
import org.prognos.inference.tenant.Tenant;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.models.runtime.Scorer;
import org.prognos.models.runtime.answer.ModelRef;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * Live scoring from streamed readings. Each asset keeps one bounded {@link AssetState} (the one batch extraction
 * runs), built with the spec of the model it follows; readings update it as they arrive, a score evaluates it
 * just after the asset's last reading, and the at-risk list ranks every tracked asset by its latest risk. Readings
 * arrive as typed windows ({@link ReadingWindow}, read against the model's {@link #schema}); it knows nothing of
 * HTTP, MQTT or JSON.
 *
 * <h2>Durability</h2>
 * With a store ({@code state.dataDir}), windows are {@link #apply applied} to a {@link Commit} and made durable by
 * {@link #commit} (one synced write of their journal entries) before anyone acknowledges them; every
 * {@code state.snapshotEvery} entries, every {@code state.checkpointSeconds} and on a graceful stop an asset's state
 * is snapshotted and its journal truncated. {@link #recover} restores every asset exactly (snapshot, then the
 * entries after it). A message's fingerprint (MQTT) is remembered with the state, so a redelivery after a crash is
 * not applied twice. If the store cannot be written the commit throws and nothing is acknowledged; the in-memory
 * state may then be ahead of the disk until a restart recovers from the disk.
 *
 * <p>The parts live apart: {@link WindowApplier} (a window applied, live or replayed), {@code Restorer} (recovery),
 * {@code IngestScorer} (a commit's scores), {@code AssetLog} (journal and snapshots), {@code AssetStore} (bounds),
 * {@code Erasure} (an admin's delete and reset) and {@code AtRiskRanking} (the at-risk list). What remains here is the
 * public face of streaming (apply, commit, score, features, at-risk) and the slot locking they share; it stays a little
 * over 450 lines, most of it this comment, because that locking (slot, lease, commit order) reads best in one place.
 *
 * <h2>Tenants</h2>
 * Every asset is an {@link AssetKey}: a tenant and an asset id, stored under {@link AssetKey#id()}. Answers name the
 * asset as its tenant does; the at-risk list ranks one tenant's assets; each tenant's memory is bounded by its share of
 * the budget ({@code quotas.tenantShare}), and it makes room from its own assets (see {@code AssetStore}).
 *
 * <p>An admin {@link #delete deletes} an asset (its state in memory and on disk) or {@link #reset resets} it (its
 * window emptied, the asset kept); either way the listener sees it in the same synced write (alerts close the asset's
 * open alert and forget its trackers).
 *
 * <p>Bounds: at most {@code state.maxAssets} assets (least recently used evicted), idle ones evicted after
 * {@code state.idleTimeoutSeconds}; an evicted asset is forgotten on disk too. Each state's size is
 * {@code AssetState.estimatedBytes()} plus {@value AssetSlot#OVERHEAD_BYTES} bytes, plus its adaptive scorer's
 * {@code estimatedBytes()} for an anomaly model scored adaptively ({@code AdaptiveSlots}). If a reload changes the model's
 * feature spec (another spec hash), an asset's state is rebuilt empty on its next readings (its old windows were
 * computed another way), and a restart skips what was kept under the old spec.
 */
public final class StreamingService {
    /** Asset ids: one safe token, as they appear in URLs and logs. */
    public static final Pattern ASSET_NAME = AssetKey.ASSET_NAME;
    /** Largest {@code limit} of the at-risk list. */
    public static final int MAX_AT_RISK = 1000;

    /** A batch that keeps nothing: what the listener writes to when there is no store. */
    static final StateDb.Batch NO_BATCH = new StateDb.Batch() {
        @Override
        public void put(StateDb.Family family, byte[] key, byte[] value) {
        }

        @Override
        public void delete(StateDb.Family family, byte[] key) {
        }

        @Override
        public void deleteRange(StateDb.Family family, byte[] from, byte[] to) {
        }
    };

    private final ModelCatalog catalog;
    private final ServiceMetrics metrics;
    private final int topFeatures;
    private final AssetStore store;
    private final Optional<AssetLog> log;
    private final IngestScorer scorer;
    private volatile IngestListener listener;
    private volatile boolean scoreOnIngest;

    /** A service keeping state in memory only. */
    public StreamingService(ModelCatalog catalog, ServiceMetrics metrics, ServiceConfig config, LongSupplier nanoTime) {
        this(catalog, metrics, config, nanoTime, Optional.empty(),
                new DriftMonitor(catalog, metrics, config.drift(), java.time.Clock.systemUTC()));
    }

    /**
     * A service keeping state durably in {@code db} when given: call {@link #recover} once the models are loaded, before
     * serving.
     */
    public StreamingService(ModelCatalog catalog, ServiceMetrics metrics, ServiceConfig config, LongSupplier nanoTime,
                            Optional<StateDb> db, DriftMonitor drift) {
        this.catalog = catalog;
        this.metrics = metrics;
        this.topFeatures = Math.max(1, config.explain().topFeatures());
        this.log = db.map(d -> new AssetLog(d, config.state().snapshotEvery()));
        this.scorer = new IngestScorer(catalog, topFeatures, drift);
        this.store = new AssetStore(config.state().maxAssets(), config.state().maxBytes(), config.quotas().tenantShare(),
                (long) (config.state().idleTimeoutSeconds() * 1e9),
                nanoTime, metrics, asset -> log.ifPresent(l -> l.forget(asset)));
        metrics.trackAssetStates(store::size, store::bytes);
    }

    /**
     * Has every commit score the assets it touched and show the scores to {@code l} before writing (alerts); replaces
     * an earlier listener (several listen through {@link IngestListener#all}).
     */
    public void listen(IngestListener l) {
        this.listener = l;
        this.scoreOnIngest = true;
    }

    /** Tells eviction which assets have an open alert: they are evicted after assets without one. */
    public void protect(Predicate<String> hasOpenAlert) {
        store.protect(hasOpenAlert);
    }

    /** Has every commit score the assets it touched (for a score topic) even without a listener. */
    public void scoreOnIngest() {
        this.scoreOnIngest = true;
    }

    /** Whether state is kept durably. */
    public boolean durable() {
        return log.isPresent();
    }

    /** Evicts idle assets (called periodically); returns how many. */
    public int sweep() {
        return store.sweep();
    }

    /** How many assets are tracked. */
    public int tracked() {
        return store.size();
    }

    /**
     * The model whose spec {@code asset}'s readings follow: {@code model} when given, else the only model served.
     *
     * @throws InvalidRequestException when several models are served and none is named
     */
    public String modelFor(AssetKey asset, Optional<String> model) {
        return model.orElseGet(() -> catalog.only().orElseThrow(() -> new InvalidRequestException(
                "several models are served " + catalog.names() + ": name the one whose features this asset follows with"
                        + " ?model=NAME or the X-Prognos-Model header")));
    }

    /**
     * What readings for {@code model} are read against: the schema of its current version.
     *
     * @throws org.prognos.models.ModelNotFoundException when no model of that name is served
     */
    public WindowSchema schema(String model) {
        return WindowSchema.of(catalog.peek(model));
    }

    /**
     * Applies a window's readings and events to {@code asset}'s state, creating it (with the window's attributes)
     * when new, and makes it durable before returning (the HTTP streaming call: its 200 means the readings survive a
     * crash).
     *
     * @param model the model whose spec the asset follows (see {@link #modelFor})
     */
    public IngestResponse ingest(AssetKey asset, String model, ReadingWindow window) {
        while (true) {
            AssetSlot slot = store.getOrCreate(asset.id());
            synchronized (slot) {
                // held through the commit: a second window of this asset cannot be written before this one
                if (slot.removed) {
                    continue;   // deleted while we waited: a new slot
                }
                Commit commit = begin();
                Applied applied = apply(commit, asset, model, window, 0);
                commit(commit);
                return ((Applied.Accepted) applied).response();
            }
        }
    }

    /** Loads what the store keeps of a slot just created (the asset was evicted for room earlier). Hold the slot's lock. */
    private void loadIfKept(AssetSlot slot) {
        if (log.isPresent() && slot.state == null && slot.seq == 0 && store.takePagedOut(slot.asset)) {
            new Restorer(store, catalog).restoreOne(log.get().db(), slot.asset);
        }
    }

    /** The slot of a tracked asset, loaded from the store when it was evicted for room. */
    private Optional<AssetSlot> slotOf(String asset) {
        Optional<AssetSlot> slot = store.get(asset);
        if (slot.isPresent() || log.isEmpty() || !store.takePagedOut(asset)) {
            return slot;
        }
        return new Restorer(store, catalog).restoreOne(log.get().db(), asset) ? store.get(asset) : Optional.empty();
    }

    /** A new, empty commit. */
    public Commit begin() {
        return new Commit();
    }

    /**
     * Applies a window to {@code asset}'s state as part of {@code commit} (made durable by {@link #commit}). A message
     * whose {@code fingerprint} (non-zero) is among the asset's last ones was applied before and changes nothing.
     *
     * @param model       the model whose spec the asset follows (see {@link #modelFor})
     * @param fingerprint the message's fingerprint, 0 for none
     * @throws InvalidRequestException when the readings are out of order
     * @throws ConflictException       when the asset follows another model
     */
    public Applied apply(Commit commit, AssetKey key, String model, ReadingWindow window, long fingerprint) {
        String asset = key.id();
        try (ModelLease lease = catalog.acquire(model)) {
            ServedModel m = lease.model();
            window.schema().requireMatch(m);
            while (true) {
                AssetSlot slot = store.getOrCreate(asset);
                synchronized (slot) {
                    if (slot.removed) {
                        continue;   // deleted while we waited: a new slot
                    }
                    return applyLocked(commit, key, slot, m, window, fingerprint);
                }
            }
        }
    }

    /** {@link #apply} on the asset's slot. Hold the slot's lock. */
    private Applied applyLocked(Commit commit, AssetKey key, AssetSlot slot, ServedModel m, ReadingWindow window, long fingerprint) {
        loadIfKept(slot);
        if (slot.recent.contains(fingerprint)) {
            return new Applied.Duplicate(key.asset());
        }
        List<String> warnings = new ArrayList<>(window.warnings());
        WindowApplier.prepare(slot, m, window, warnings);
        WindowApplier.requireAfterLast(slot.state, window, m.extractor().axis());
        WindowApplier.applyWindow(slot.state, m, window, AdaptiveSlots.feed(slot));
        slot.version++;
        store.resized(slot, slot.heapBytes());
        slot.recent.add(fingerprint);
        commit.touched.add(slot);
        log.ifPresent(l -> l.append(commit, slot, JournalEntry.of(fingerprint, m.name(), m.specHash(), window)));
        if (scoreOnIngest) {
            vector(slot, m).ifPresent(v -> commit.pending.add(new Commit.Pending(slot, slot.version, m.name(), v, window,
                    AdaptiveSlots.step(slot, m))));
        }
        metrics.ingested(window.readings());
        AssetState state = slot.state;
        TimeAxis axis = m.extractor().axis();
        return new Applied.Accepted(new IngestResponse(key.asset(), new ModelRef(m.name(), m.version()), window.readings(),
                window.events().size(), state.readings(),
                state.lastReadingTime().isPresent() ? axis.format(state.lastReadingTime().getAsLong()) : "",
                slot.bytes, warnings));
    }

    /**
     * Makes {@code commit} durable: scores the assets it touched when scores are wanted, shows them to the listener,
     * and writes the journal entries and the listener's records in one synced batch.
     *
     * @return the scores (empty when none are wanted)
     * @throws org.prognos.inference.store.StoreException when the store cannot be written; the readings were applied
     *                                                     in memory but are not acknowledged, and a restart recovers
     *                                                     from what is on disk
     */
    public List<AssetScore> commit(Commit commit) {
        if (commit.isEmpty()) {
            return List.of();
        }
        IngestListener l = listener;
        List<AssetScore> scores = scorer.score(commit, l != null);
        Runnable[] afterwards = new Runnable[1];
        if (log.isPresent()) {
            log.get().db().write(b -> {
                commit.writes.forEach(w -> w.accept(b));
                if (l != null) {
                    afterwards[0] = l.scored(scores, b);
                }
            }, true);
        } else if (l != null) {
            afterwards[0] = l.scored(scores, NO_BATCH);
        }
        if (afterwards[0] != null) {
            afterwards[0].run();
        }
        return scores;
    }

    /**
     * Restores every asset's state from the durable store: its snapshot, then the journal entries written after it,
     * replayed exactly as they were first applied. Call once, after the models are loaded and before serving. An
     * asset following a model no longer served, or kept under another feature spec, is skipped (and stays on disk
     * until evicted or overwritten).
     */
    public Recovery recover() {
        if (log.isEmpty()) {
            return Recovery.none();
        }
        store.restoring(true);
        try {
            Recovery r = new Restorer(store, catalog).run(log.get().db());
            return r.withNotLoaded(store.restoring(false));
        } finally {
            store.restoring(false);
        }
    }

    /**
     * Writes a snapshot of every asset changed since its last one and truncates its journal (the periodic checkpoint,
     * and the last step of a graceful shutdown), so that a restart replays little. Returns how many were written.
     */
    public int checkpoint() {
        if (log.isEmpty()) {
            return 0;
        }
        AssetLog l = log.get();
        int written = 0;
        Commit batch = new Commit();
        for (AssetSlot s : store.snapshot()) {
            synchronized (s) {
                if (s.state != null && s.seq > s.snapshotSeq) {
                    l.snapshot(batch, s);
                    written++;
                }
            }
            if (batch.writes.size() >= 512) {
                writeUnsynced(l, batch);
                batch = new Commit();
            }
        }
        writeUnsynced(l, batch);
        return written;
    }

    private static void writeUnsynced(AssetLog l, Commit batch) {
        if (!batch.writes.isEmpty()) {
            // unsynced: a snapshot lost in a crash leaves its journal entries in place (one atomic batch)
            l.db().write(b -> batch.writes.forEach(w -> w.accept(b)), false);
        }
    }

    /**
     * Records that {@code asset} went online or offline (a Sparkplug B birth or death certificate); the at-risk list
     * shows it. Unknown assets are ignored. Not kept durably: a device announces itself again after a restart.
     */
    public void presence(AssetKey asset, boolean online) {
        store.get(asset.id()).ifPresent(s -> {
            synchronized (s) {
                s.online = online;
            }
        });
    }

    /**
     * Scores {@code key} just after its last reading, explained; for an anomaly model scored adaptively, with the
     * asset's adaptive score after its last feature row as risk, band and health (see {@code AdaptiveSlots}).
     */
    public ScoreResponse score(AssetKey key) {
        return atLastReading(key, (m, v, step) -> {
            ScoreResponse answer = AdaptiveSlots.answer(m, Scorer.score(m.loaded(), List.of(v), topFeatures).get(0), step);
            metrics.scored(m.name(), answer.risk().band());
            return answer;
        });
    }

    /** The feature vector {@code key}'s model would score now (just after its last reading). */
    public AssetFeatures features(AssetKey key) {
        return atLastReading(key, (m, v, step) -> {
            List<String> names = m.extractor().columns();
            Map<String, Double> features = new LinkedHashMap<>();
            double[] values = v.values();
            for (int i = 0; i < values.length; i++) {
                features.put(names.get(i), Double.isNaN(values[i]) ? null : values[i]);
            }
            return new AssetFeatures(key.asset(), new ModelRef(m.name(), m.version()), m.extractor().axis().format(v.time()),
                    v.readings(), features);
        });
    }

    /** What is read of an asset at its last reading: the model, its vector, its adaptive step (when scored so). */
    @FunctionalInterface
    private interface AtLastReading<T> {
        T apply(ServedModel m, FeatureVector v, Optional<AdaptiveScorer.Step> step);
    }

    /**
     * {@code use} of {@code key}'s model, leased, its vector just after its last reading and its adaptive step (copies,
     * taken together under the slot's lock).
     */
    private <T> T atLastReading(AssetKey key, AtLastReading<T> use) {
        String asset = key.asset();
        AssetSlot slot = slotOf(key.id()).orElseThrow(() -> unknown(key));
        String model;
        synchronized (slot) {
            model = slot.model;
        }
        try (ModelLease lease = catalog.acquire(model)) {
            ServedModel m = lease.model();
            FeatureVector v;
            Optional<AdaptiveScorer.Step> step;
            synchronized (slot) {
                v = vector(slot, m).orElseThrow(() -> new InvalidRequestException("asset '" + asset + "' has no readings yet;"
                        + " POST readings to /v1/assets/" + asset + "/readings first"));
                step = AdaptiveSlots.step(slot, m);
            }
            return use.apply(m, v, step);
        }
    }

    /**
     * The {@code limit} tracked assets of {@code tenant} of highest risk (optionally of one model), rescoring changed
     * ones in batches; {@code tracked} counts the tenant's assets.
     */
    public AtRiskResponse atRisk(Tenant tenant, int limit, Optional<String> model) {
        return new AtRiskRanking(catalog, store).rank(tenant, limit, model);
    }

    /** The slot's vector just after its last reading; empty when it has none or follows another spec. Hold the slot's lock. */
    static Optional<FeatureVector> vector(AssetSlot slot, ServedModel m) {
        AssetState state = slot.state;
        if (state == null || state.readings() == 0) {
            return Optional.empty();
        }
        if (!m.specHash().equals(slot.specHash)) {
            throw new ConflictException("asset '" + slot.name + "' was fed with the spec of an earlier version of '" + m.name()
                    + "', and " + m + " computes other features; send its readings again to rebuild its state");
        }
        long t = state.nowTime();
        double[] out = new double[m.extractor().columns().size()];
        state.vectorAt(t, out, RowSink.discard());
        List<String> warnings = state.covered(t) ? List.of()
                : List.of("the asset's history does not cover every feature window yet; features over partial windows may"
                + " differ from the ones the model was trained on");
        return Optional.of(new FeatureVector(Optional.of(slot.name), t, out, state.readings(), warnings));
    }

    static UnknownAssetException unknown(AssetKey key) {
        String asset = key.asset();
        return new UnknownAssetException("no streaming state for asset '" + asset + "' (never fed, deleted or evicted); POST"
                + " its readings to /v1/assets/" + asset + "/readings first");
    }

    /**
     * Forgets an asset: its state in memory and everything the store keeps of it (snapshot and journal), in one synced
     * write together with what the listener adds (alerts close its open alert and forget its trackers; its alert
     * history stays). A request for it afterwards finds nothing; a reading afterwards starts it anew.
     *
     * @throws UnknownAssetException when neither memory nor the store holds anything of it
     */
    public void delete(AssetKey key) {
        erasure().delete(key, slotOf(key.id()));
    }

    /**
     * Empties an asset's window, keeping the asset (the model it follows, its attributes): its readings and events
     * are forgotten, as is its last score, and it scores again once new readings arrive, at any time the service's
     * bounds allow (the way out of a poisoned reading). Durable: its snapshot is rewritten empty and its journal
     * truncated, in one synced write together with what the listener adds (alerts close its open alert and forget its
     * trackers, whose last time seen would hide the new scores).
     *
     * @throws UnknownAssetException when the asset is not known
     */
    public void reset(AssetKey key) {
        erasure().reset(key, slotOf(key.id()).orElseThrow(() -> unknown(key)));
    }

    private Erasure erasure() {
        return new Erasure(store, catalog, log, listener);
    }
}
