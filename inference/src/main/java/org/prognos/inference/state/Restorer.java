package org.prognos.inference.state;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.catalog.ServedModel;
import org.prognos.inference.tenant.AssetKey;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.WindowSchema;
import org.prognos.inference.store.StateDb;
import org.prognos.models.anomaly.AdaptiveScorer;

/**
 * One recovery pass over the durable store: every asset restored from its snapshot, then the journal entries after it
 * replayed through {@link WindowApplier}, exactly as they were first applied. Models are looked up once each; what
 * cannot be restored (a model no longer served, another feature spec, a corrupt record) is skipped and counted. An
 * adaptive scorer snapshotted under another version of its model goes on or restarts by the reload's rule
 * ({@link AdaptiveSlots#read}); which, and why, is logged once per model version.
 */
final class Restorer {
    private static final System.Logger LOG = System.getLogger(Restorer.class.getName());

    private final AssetStore store;
    private final ModelCatalog catalog;
    private final Map<String, Optional<ServedModel>> models = new HashMap<>();
    private final Set<String> assets = new HashSet<>();
    private final List<String> skipped = new ArrayList<>();
    /** What was logged of the adaptive scorers restored (one line per model version, not per asset). */
    private final Set<String> notes = new HashSet<>();
    private long snapshots;
    private long entries;
    private long skippedCount;

    Restorer(AssetStore store, ModelCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    /** Restores every asset kept in {@code db}. */
    Recovery run(StateDb db) {
        long t0 = System.nanoTime();
        db.scan(StateDb.Family.SNAPSHOTS, new byte[0], (k, v) -> {
            snapshot(new String(k, StandardCharsets.UTF_8), v);
            return true;
        });
        db.scan(StateDb.Family.JOURNAL, new byte[0], (k, v) -> {
            entry(JournalEntry.asset(k), JournalEntry.seq(k), v);
            return true;
        });
        return new Recovery(assets.size(), snapshots, entries, skipped, skippedCount, (System.nanoTime() - t0) / 1e9);
    }

    /** Loads one asset kept in {@code db} (its next reading arrived after it was evicted for room); whether there was one. */
    boolean restoreOne(StateDb db, String asset) {
        byte[] key = asset.getBytes(StandardCharsets.UTF_8);
        db.get(StateDb.Family.SNAPSHOTS, key).ifPresent(v -> snapshot(asset, v));
        db.scan(StateDb.Family.JOURNAL, JournalEntry.prefix(asset), (k, v) -> {
            entry(asset, JournalEntry.seq(k), v);
            return true;
        });
        return assets.contains(asset);
    }

    private void snapshot(String asset, byte[] bytes) {
        try {
            AssetLog.Snapshot snap = AssetLog.Snapshot.decode(bytes);
            Optional<ServedModel> m = model(snap.model());
            if (m.isEmpty() || !m.get().specHash().equals(snap.specHash())) {
                skip(asset + ": its snapshot was taken for " + (m.isEmpty() ? "model '" + snap.model() + "', not served now"
                        : "another feature spec of '" + snap.model() + "'"));
                return;
            }
            AdaptiveSlots.Restored restored = AdaptiveSlots.read(m.get(), AssetKey.assetOf(asset), snap.scorerVersion(),
                    snap.scorerBasis(), snap.scorer());
            restored.note().filter(notes::add).ifPresent(n -> LOG.log(Level.INFO, "restored {0}: {1}", m.get(), n));
            Optional<AdaptiveScorer> scorer = restored.scorer();
            AssetSlot slot = store.getOrCreate(asset);
            synchronized (slot) {
                slot.state = m.get().extractor().restoreState(asset, snap.state());
                slot.model = snap.model();
                slot.specHash = snap.specHash();
                slot.seq = snap.seq();
                slot.snapshotSeq = snap.seq();
                slot.recent.addAll(snap.fingerprints());
                AdaptiveSlots.install(slot, m.get(), scorer);
                slot.version++;
                store.resized(slot, slot.heapBytes());
            }
            assets.add(asset);
            snapshots++;
        } catch (IOException | RuntimeException e) {
            skip(asset + ": unreadable snapshot (" + e.getMessage() + ")");
        }
    }

    private void entry(String asset, long seq, byte[] bytes) {
        try {
            JournalEntry e = JournalEntry.decode(asset, bytes);
            Optional<ServedModel> m = model(e.model());
            if (m.isEmpty() || !m.get().specHash().equals(e.specHash())) {
                skip(asset + ": journal entry " + seq + " was written for " + (m.isEmpty() ? "model '" + e.model()
                        + "', not served now" : "another feature spec of '" + e.model() + "'"));
                return;
            }
            ServedModel model = m.get();
            AssetSlot slot = store.getOrCreate(asset);
            synchronized (slot) {
                if (seq <= slot.seq) {
                    return;
                }
                ReadingWindow w = e.window(asset, WindowSchema.of(model));
                WindowApplier.prepare(slot, model, w, new ArrayList<>());
                WindowApplier.requireAfterLast(slot.state, w, model.extractor().axis());
                WindowApplier.applyWindow(slot.state, model, w, AdaptiveSlots.feed(slot));
                slot.version++;
                store.resized(slot, slot.heapBytes());
                slot.recent.add(e.fingerprint());
                slot.seq = seq;
            }
            assets.add(asset);
            entries++;
        } catch (IOException | RuntimeException ex) {
            skip(asset + ": journal entry " + seq + " not replayed (" + ex.getMessage() + ")");
        }
    }

    private Optional<ServedModel> model(String name) {
        return models.computeIfAbsent(name, n -> catalog.serves(n) ? Optional.of(catalog.peek(n)) : Optional.empty());
    }

    private void skip(String why) {
        skippedCount++;
        if (skipped.size() < 10) {
            skipped.add(why);
        }
    }
}
