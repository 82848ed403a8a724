package org.prognos.models.anomaly.context;

/**
 * A set of ids (0, 1, 2, …) found by a {@code long} key that the owner computes from the id: an open-addressing
 * table of {@code int}s with linear probing, at most three quarters full, so that a key costs 5 to 11 bytes instead of
 * a {@link java.util.HashMap} entry with its boxed key and value (about 70). The owner keeps the keys (an array it has
 * anyway); an id is never removed. Hand-written rather than a library's map: it is 50 lines and stores only the ids.
 */
final class IdTable {
    /** The key of an id, as the owner stores it. */
    @FunctionalInterface
    interface Keys {
        long keyOf(int id);
    }

    private final Keys keys;
    private int[] slots = new int[8];   // id + 1; 0 is an empty slot
    private int size;

    IdTable(Keys keys) {
        this.keys = keys;
    }

    /** The id whose key is {@code key}, or -1. */
    int find(long key) {
        int mask = slots.length - 1;
        for (int i = spread(key) & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return -1;
            }
            if (keys.keyOf(slot - 1) == key) {
                return slot - 1;
            }
        }
    }

    /** Adds {@code id}, whose key is {@code key} and not yet in the table. */
    void add(int id, long key) {
        if (4 * (size + 1) > 3 * slots.length) {
            grow();
        }
        place(slots, id, key);
        size++;
    }

    private void grow() {
        int[] wider = new int[2 * slots.length];
        for (int slot : slots) {
            if (slot != 0) {
                place(wider, slot - 1, keys.keyOf(slot - 1));
            }
        }
        slots = wider;
    }

    private static void place(int[] table, int id, long key) {
        int mask = table.length - 1;
        int i = spread(key) & mask;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = id + 1;
    }

    /** The key's bits mixed (murmur3's 64-bit finaliser), so that near keys do not crowd a run of slots. */
    private static int spread(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
