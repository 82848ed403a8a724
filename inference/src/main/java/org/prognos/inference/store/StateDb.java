package org.prognos.inference.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The service's embedded database (RocksDB) under one data directory. Each {@link Family} is a column family; a
 * {@link #write} applies a batch of puts and deletes atomically, and a synced one is in the write-ahead log on disk
 * before it returns (RocksDB lets concurrent synced writers share one fsync). Disk stays bounded: deleted ranges are
 * dropped by background compaction, and the write-ahead log is capped ({@value #MAX_WAL_MB} MB), older memtables
 * being flushed when it fills.
 *
 * <p>Why RocksDB: an embedded, well-kept log-structured store whose write-ahead log, group commit, atomic batches and
 * compaction are exactly what durable streaming state needs; SQLite in WAL mode serializes writers and costs a
 * B-tree update per reading, and a hand-written log would re-implement all four.
 *
 * <p>Thread-safe. One process at a time may open a directory: a second one is refused with a clear message.
 */
public final class StateDb implements AutoCloseable {
    /** Cap of the write-ahead log, in MB. */
    static final int MAX_WAL_MB = 64;

    /** The kinds of records, one column family each. */
    public enum Family {
        /** Readings and events applied to an asset since its last snapshot, keyed by asset and sequence number. */
        JOURNAL,
        /** The last snapshot of each asset's state, keyed by asset. */
        SNAPSHOTS,
        /** Alerts, open and closed, keyed by alert id. */
        ALERTS,
        /** Alert deliveries not yet acknowledged by their destination. */
        OUTBOX,
        /** Settings of the store itself (format version). */
        META;

        String columnFamily() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Puts and deletes applied together by {@link #write}. */
    public interface Batch {
        void put(Family family, byte[] key, byte[] value);

        void delete(Family family, byte[] key);

        /** Deletes the keys in [{@code from}, {@code to}). */
        void deleteRange(Family family, byte[] from, byte[] to);
    }

    /** Fills a batch. */
    @FunctionalInterface
    public interface BatchFill {
        void fill(Batch batch);
    }

    /** Sees one record of a scan; returns false to stop. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(byte[] key, byte[] value);
    }

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final DBOptions options;
    private final ColumnFamilyOptions familyOptions;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles;
    private final Map<Family, ColumnFamilyHandle> families = new EnumMap<>(Family.class);
    private final WriteOptions synced = new WriteOptions().setSync(true);
    private final WriteOptions unsynced = new WriteOptions().setSync(false);

    private StateDb(Path dir, DBOptions options, ColumnFamilyOptions familyOptions, RocksDB db, List<ColumnFamilyHandle> handles) {
        this.dir = dir;
        this.options = options;
        this.familyOptions = familyOptions;
        this.db = db;
        this.handles = handles;
        for (Family f : Family.values()) {
            families.put(f, handles.get(f.ordinal() + 1));
        }
    }

    /**
     * Opens (creating when absent) the database in {@code dir}.
     *
     * @throws StoreException when the directory cannot be created, is used by another process, or is not a store
     */
    public static StateDb open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create the state directory " + dir + ": " + e.getMessage(), e);
        }
        DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
                .setMaxTotalWalSize(MAX_WAL_MB * 1024L * 1024L).setKeepLogFileNum(2).setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setMaxBackgroundJobs(2);
        ColumnFamilyOptions familyOptions = new ColumnFamilyOptions().setCompressionType(CompressionType.LZ4_COMPRESSION);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions));
        for (Family f : Family.values()) {
            descriptors.add(new ColumnFamilyDescriptor(f.columnFamily().getBytes(), familyOptions));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles);
            return new StateDb(dir, options, familyOptions, db, handles);
        } catch (RocksDBException e) {
            options.close();
            familyOptions.close();
            throw new StoreException(openProblem(dir, e), e);
        }
    }

    private static String openProblem(Path dir, RocksDBException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("lock")) {
            return "the state directory " + dir + " is in use by another process (" + m + "); stop it, or give this one"
                    + " another state.dataDir";
        }
        return "cannot open the state store in " + dir + ": " + m;
    }

    /** The data directory. */
    public Path dir() {
        return dir;
    }

    /** The value of {@code key}, if any. */
    public Optional<byte[]> get(Family family, byte[] key) {
        try {
            return Optional.ofNullable(db.get(families.get(family), key));
        } catch (RocksDBException e) {
            throw new StoreException("cannot read the state store in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Applies {@code fill}'s puts and deletes atomically.
     *
     * @param sync whether the batch must be on disk when this returns (what an acknowledgement needs)
     */
    public void write(BatchFill fill, boolean sync) {
        try (WriteBatch batch = new WriteBatch()) {
            fill.fill(new Batch() {
                @Override
                public void put(Family family, byte[] key, byte[] value) {
                    run(() -> batch.put(families.get(family), key, value));
                }

                @Override
                public void delete(Family family, byte[] key) {
                    run(() -> batch.delete(families.get(family), key));
                }

                @Override
                public void deleteRange(Family family, byte[] from, byte[] to) {
                    run(() -> batch.deleteRange(families.get(family), from, to));
                }
            });
            db.write(sync ? synced : unsynced, batch);
        } catch (RocksDBException e) {
            throw new StoreException("cannot write the state store in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Calls {@code visitor} with every record of {@code family} whose key starts with {@code prefix}, in key order. */
    public void scan(Family family, byte[] prefix, Visitor visitor) {
        try (RocksIterator it = db.newIterator(families.get(family))) {
            for (it.seek(prefix); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!startsWith(key, prefix) || !visitor.visit(key, it.value())) {
                    break;
                }
            }
            it.status();
        } catch (RocksDBException e) {
            throw new StoreException("cannot read the state store in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Bytes on disk: the live SST files of every family plus the write-ahead log (an estimate RocksDB keeps). */
    public long diskBytes() {
        long total = 0;
        try {
            for (ColumnFamilyHandle h : families.values()) {
                total += db.getLongProperty(h, "rocksdb.total-sst-files-size");
            }
            total += db.getLongProperty("rocksdb.cur-size-all-mem-tables");
        } catch (RocksDBException e) {
            throw new StoreException("cannot read the state store's size in " + dir + ": " + e.getMessage(), e);
        }
        return total;
    }

    /** Compacts every family now (tests, and an operator's maintenance command): deleted ranges leave the disk. */
    public void compact() {
        try {
            for (ColumnFamilyHandle h : families.values()) {
                db.compactRange(h);
            }
        } catch (RocksDBException e) {
            throw new StoreException("cannot compact the state store in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            // closing anyway: every acknowledged write was synced when it was made
        }
        for (ColumnFamilyHandle h : handles) {
            h.close();
        }
        db.close();
        synced.close();
        unsynced.close();
        familyOptions.close();
        options.close();
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private interface RocksCall {
        void run() throws RocksDBException;
    }

    private void run(RocksCall call) {
        try {
            call.run();
        } catch (RocksDBException e) {
            throw new StoreException("cannot prepare a write to the state store in " + dir + ": " + e.getMessage(), e);
        }
    }
}
