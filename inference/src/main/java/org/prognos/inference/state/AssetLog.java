package org.prognos.inference.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.prognos.inference.store.StateDb;
import org.prognos.inference.store.StateDb.Family;

/**
 * Where asset states are kept durably: every applied window is a journal entry ({@link JournalEntry}, keyed by asset
 * and sequence number), and every {@code snapshotEvery} entries, or when the periodic checkpoint finds the asset
 * changed, the state itself is written as a snapshot and the entries it includes are deleted in the same atomic batch.
 * Restoring an asset is its snapshot plus the entries after it, so the journal a restart replays stays short and the
 * disk bounded.
 */
final class AssetLog {
    /**
     * 3: the adaptive scorer's section ends with its basis ({@link org.prognos.models.anomaly.AdaptiveBasis}); 2 (still
     * read): a scorer's section without one; 1 (still read): no scorer's section.
     */
    private static final byte SNAPSHOT_FORMAT = 3;
    private static final byte FORMAT_WITHOUT_BASIS = 2;
    private static final byte FORMAT_WITHOUT_SCORER = 1;

    private final StateDb db;
    private final int snapshotEvery;

    AssetLog(StateDb db, int snapshotEvery) {
        this.db = db;
        this.snapshotEvery = snapshotEvery;
    }

    StateDb db() {
        return db;
    }

    /** Adds {@code entry} as the slot's next journal entry to {@code commit}, and a snapshot when one is due. Hold the slot's lock. */
    void append(Commit commit, AssetSlot slot, JournalEntry entry) {
        long seq = ++slot.seq;
        byte[] key = JournalEntry.key(slot.asset, seq);
        byte[] value = entry.encode();
        commit.writes.add(b -> b.put(Family.JOURNAL, key, value));
        if (seq - slot.snapshotSeq >= snapshotEvery) {
            snapshot(commit, slot);
        }
    }

    /** Adds the slot's snapshot, and the deletion of the entries it includes, to {@code commit}. Hold the slot's lock. */
    void snapshot(Commit commit, AssetSlot slot) {
        byte[] key = slot.asset.getBytes(StandardCharsets.UTF_8);
        byte[] value = encodeSnapshot(slot);
        byte[] from = JournalEntry.key(slot.asset, 0);
        byte[] to = JournalEntry.key(slot.asset, slot.seq + 1);
        commit.writes.add(b -> {
            b.put(Family.SNAPSHOTS, key, value);
            b.deleteRange(Family.JOURNAL, from, to);
        });
        slot.snapshotSeq = slot.seq;
    }

    /** Removes everything kept of {@code asset} (it was evicted). */
    void forget(String asset) {
        db.write(b -> forget(b, asset), false);
    }

    /** Adds the removal of everything kept of {@code asset} (its snapshot and journal) to {@code batch}. */
    void forget(StateDb.Batch batch, String asset) {
        batch.delete(Family.SNAPSHOTS, asset.getBytes(StandardCharsets.UTF_8));
        batch.deleteRange(Family.JOURNAL, JournalEntry.key(asset, 0), JournalEntry.key(asset, Long.MAX_VALUE));
    }

    /** Whether the store keeps anything of {@code asset}: a snapshot or a journal entry. */
    boolean holds(String asset) {
        if (db.get(Family.SNAPSHOTS, asset.getBytes(StandardCharsets.UTF_8)).isPresent()) {
            return true;
        }
        boolean[] any = new boolean[1];
        db.scan(Family.JOURNAL, JournalEntry.prefix(asset), (k, v) -> {
            any[0] = true;
            return false;
        });
        return any[0];
    }

    /**
     * A slot's snapshot: model, spec, the journal position it includes, recent fingerprints, the state's bytes, then
     * the adaptive scorer's (the model version it belongs to, {@link org.prognos.models.anomaly.AdaptiveScorer#snapshot()}
     * and the {@link org.prognos.models.anomaly.AdaptiveBasis#encode() basis} it was made under, which a restart under
     * another version compares with its own; version 0 and no bytes without one).
     */
    static byte[] encodeSnapshot(AssetSlot slot) {
        byte[] state = slot.state.snapshot();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(state.length + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(SNAPSHOT_FORMAT);
            out.writeUTF(slot.model);
            out.writeUTF(slot.specHash);
            out.writeLong(slot.seq);
            for (long f : slot.recent.toArray()) {
                out.writeLong(f);
            }
            out.writeInt(state.length);
            out.write(state);
            byte[] scorer = slot.adaptive == null ? new byte[0] : slot.adaptive.snapshot();
            out.writeInt(slot.adaptive == null ? 0 : slot.adaptiveVersion);
            out.writeInt(scorer.length);
            out.write(scorer);
            byte[] basis = slot.adaptive == null ? new byte[0] : slot.adaptiveBasis.encode();
            out.writeInt(basis.length);
            out.write(basis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A decoded snapshot.
     *
     * @param model        the model the asset follows
     * @param specHash     the spec its state was built with
     * @param seq          the last journal entry it includes
     * @param fingerprints recent message fingerprints, oldest first
     * @param state        the state's bytes
     * @param scorerVersion the model version the adaptive scorer belongs to; 0 for none
     * @param scorer       the adaptive scorer's bytes; empty for none
     * @param scorerBasis  the basis the scorer was made under, encoded; empty for none and in snapshots written before
     *                     it was kept
     */
    record Snapshot(String model, String specHash, long seq, long[] fingerprints, byte[] state, int scorerVersion,
                    byte[] scorer, byte[] scorerBasis) {
        static Snapshot decode(byte[] bytes) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            byte format = in.readByte();
            if (format < FORMAT_WITHOUT_SCORER || format > SNAPSHOT_FORMAT) {
                throw new IOException("snapshot format " + format + ", this build reads " + FORMAT_WITHOUT_SCORER + " to "
                        + SNAPSHOT_FORMAT);
            }
            String model = in.readUTF();
            String specHash = in.readUTF();
            long seq = in.readLong();
            long[] fingerprints = new long[Fingerprints.SIZE];
            for (int i = 0; i < fingerprints.length; i++) {
                fingerprints[i] = in.readLong();
            }
            byte[] state = new byte[in.readInt()];
            in.readFully(state);
            int scorerVersion = 0;
            byte[] scorer = new byte[0];
            byte[] basis = new byte[0];
            if (format >= FORMAT_WITHOUT_BASIS) {
                scorerVersion = in.readInt();
                scorer = new byte[in.readInt()];
                in.readFully(scorer);
            }
            if (format == SNAPSHOT_FORMAT) {
                basis = new byte[in.readInt()];
                in.readFully(basis);
            }
            return new Snapshot(model, specHash, seq, fingerprints, state, scorerVersion, scorer, basis);
        }
    }
}
