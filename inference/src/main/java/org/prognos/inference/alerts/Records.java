package org.prognos.inference.alerts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.prognos.inference.store.StateDb;
import org.prognos.inference.store.StateDb.Family;

/**
 * Where the alert service keeps its records: the {@link StateDb}, or, when the service keeps its state in memory
 * only, sorted maps that behave alike (atomic batches, prefix scans in key order), so every path of the service is
 * the same code in both modes.
 */
interface Records {
    /** The value of {@code key}, if any. */
    Optional<byte[]> get(Family family, byte[] key);

    /** Every record of {@code family} whose key starts with {@code prefix}, in unsigned key order. */
    void scan(Family family, byte[] prefix, StateDb.Visitor visitor);

    /** Applies {@code fill}'s writes atomically; {@code sync}: on disk when this returns. */
    void write(StateDb.BatchFill fill, boolean sync);

    /** Whether the records survive a restart. */
    boolean durable();

    /** The records in {@code db}. */
    static Records of(StateDb db) {
        return new Records() {
            @Override
            public Optional<byte[]> get(Family family, byte[] key) {
                return db.get(family, key);
            }

            @Override
            public void scan(Family family, byte[] prefix, StateDb.Visitor visitor) {
                db.scan(family, prefix, visitor);
            }

            @Override
            public void write(StateDb.BatchFill fill, boolean sync) {
                db.write(fill, sync);
            }

            @Override
            public boolean durable() {
                return true;
            }
        };
    }

    /** Records in memory, lost with the process. */
    static Records inMemory() {
        return new Memory();
    }

    /**
     * Sorted maps keyed by the keys' bytes read as ISO-8859-1 text: one char per byte, so the text order is the
     * bytes' unsigned order, as in RocksDB.
     */
    final class Memory implements Records {
        private final Map<Family, TreeMap<String, byte[]>> families = new EnumMap<>(Family.class);

        Memory() {
            for (Family f : Family.values()) {
                families.put(f, new TreeMap<>());
            }
        }

        @Override
        public synchronized Optional<byte[]> get(Family family, byte[] key) {
            return Optional.ofNullable(families.get(family).get(text(key))).map(byte[]::clone);
        }

        @Override
        public void scan(Family family, byte[] prefix, StateDb.Visitor visitor) {
            String from = text(prefix);
            List<Map.Entry<String, byte[]>> seen = new ArrayList<>();
            synchronized (this) {
                for (Map.Entry<String, byte[]> e : families.get(family).tailMap(from, true).entrySet()) {
                    if (!e.getKey().startsWith(from)) {
                        break;
                    }
                    seen.add(Map.entry(e.getKey(), e.getValue().clone()));
                }
            }
            for (Map.Entry<String, byte[]> e : seen) {
                if (!visitor.visit(e.getKey().getBytes(StandardCharsets.ISO_8859_1), e.getValue())) {
                    return;
                }
            }
        }

        @Override
        public void write(StateDb.BatchFill fill, boolean sync) {
            List<Runnable> writes = new ArrayList<>();
            fill.fill(new StateDb.Batch() {
                @Override
                public void put(Family family, byte[] key, byte[] value) {
                    String k = text(key);
                    byte[] v = value.clone();
                    writes.add(() -> families.get(family).put(k, v));
                }

                @Override
                public void delete(Family family, byte[] key) {
                    String k = text(key);
                    writes.add(() -> families.get(family).remove(k));
                }

                @Override
                public void deleteRange(Family family, byte[] from, byte[] to) {
                    String a = text(from);
                    String b = text(to);
                    writes.add(() -> families.get(family).subMap(a, b).clear());
                }
            });
            synchronized (this) {
                writes.forEach(Runnable::run);
            }
        }

        @Override
        public boolean durable() {
            return false;
        }

        private static String text(byte[] key) {
            return new String(key, StandardCharsets.ISO_8859_1);
        }
    }
}
