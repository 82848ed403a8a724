package org.prognos.inference.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.store.StateDb.Family;

class StateDbTest {
    @TempDir
    Path dir;

    @Test
    void aBatchIsAtomicAndSurvivesReopening() {
        try (StateDb db = StateDb.open(dir)) {
            db.write(b -> {
                b.put(Family.JOURNAL, key("a/1"), key("r1"));
                b.put(Family.JOURNAL, key("a/2"), key("r2"));
                b.put(Family.JOURNAL, key("b/1"), key("r3"));
                b.put(Family.SNAPSHOTS, key("a"), key("s"));
            }, true);
            db.write(b -> b.deleteRange(Family.JOURNAL, key("a/1"), key("a/2")), true);
        }
        try (StateDb db = StateDb.open(dir)) {
            List<String> seen = new ArrayList<>();
            db.scan(Family.JOURNAL, key("a/"), (k, v) -> seen.add(new String(k, UTF_8) + "=" + new String(v, UTF_8)));
            assertEquals(List.of("a/2=r2"), seen);
            assertArrayEquals(key("s"), db.get(Family.SNAPSHOTS, key("a")).orElseThrow());
            assertFalse(db.get(Family.ALERTS, key("a")).isPresent());
        }
    }

    @Test
    void aScanStopsWhenTheVisitorSaysSo() {
        try (StateDb db = StateDb.open(dir)) {
            db.write(b -> {
                for (int i = 0; i < 10; i++) {
                    b.put(Family.META, key("k" + i), key("v"));
                }
            }, false);
            List<String> seen = new ArrayList<>();
            db.scan(Family.META, new byte[0], (k, v) -> seen.add(new String(k, UTF_8)) && seen.size() < 3);
            assertEquals(3, seen.size());
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefusedClearly() {
        try (StateDb db = StateDb.open(dir)) {
            StoreException e = assertThrows(StoreException.class, () -> StateDb.open(dir));
            assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
        }
    }

    @Test
    void deletedRangesLeaveTheDiskAfterCompaction() {
        try (StateDb db = StateDb.open(dir)) {
            byte[] value = new byte[1000];
            for (int round = 0; round < 3; round++) {
                db.write(b -> {
                    for (int i = 0; i < 5000; i++) {
                        b.put(Family.JOURNAL, key(String.format("a/%06d", i)), value);
                    }
                }, false);
                db.compact();
                db.write(b -> b.deleteRange(Family.JOURNAL, key("a/"), key("a0")), true);
            }
            db.compact();
            assertTrue(db.diskBytes() < 1_000_000, "bytes on disk after deleting everything: " + db.diskBytes());
        }
    }

    private static byte[] key(String s) {
        return s.getBytes(UTF_8);
    }
}
