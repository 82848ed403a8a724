package org.prognos.models.anomaly.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The edge cases of {@link ContextMemory}'s tables that NAB streams do not reach, on synthetic keys (said so): gaps
 * of 1, 2 and 3 bytes and of 0 (an id listed twice) in {@link FactPostings}, keys that are negative, near or far apart
 * and a table that grows many times in {@link IdTable}; each against a {@link HashMap} of lists. And the precondition
 * that lets {@link SemiContexts} keep a crossing's facts as bit masks: fact lists strictly ascending.
 */
class CompactTablesTest {
    @Test
    void postings_list_every_id_in_order_whatever_the_gap() {
        FactPostings postings = new FactPostings();
        Map<Long, List<Integer>> naive = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        int id = 0;
        for (int n = 0; n < 5000; n++) {
            // gaps of 0 to 1, under 128, under 16384 and beyond: 1 to 3 bytes each, 0 for an id listed twice
            int gap = switch (n % 4) {
                case 0 -> random.nextInt(2);
                case 1 -> random.nextInt(128);
                case 2 -> random.nextInt(16_384);
                default -> random.nextInt(3_000_000);
            };
            id += gap;
            long fact = n % 7 == 0 ? -3L : (n % 3 == 0 ? (1L << 31) + n : n % 5);
            postings.add(fact, id);
            naive.computeIfAbsent(fact, k -> new ArrayList<>()).add(id);
        }
        for (Map.Entry<Long, List<Integer>> e : naive.entrySet()) {
            List<Integer> listed = new ArrayList<>();
            postings.forEach(e.getKey(), listed::add);
            List<Integer> expected = new ArrayList<>(e.getValue());
            expected.sort(null);
            assertEquals(expected, listed, "fact " + e.getKey());
        }
        List<Integer> none = new ArrayList<>();
        postings.forEach(42L, none::add);
        assertEquals(List.of(), none);
    }

    @Test
    void an_id_table_finds_each_key_as_it_grows() {
        List<Long> keys = new ArrayList<>();
        IdTable table = new IdTable(keys::get);
        SplittableRandom random = new SplittableRandom(11);
        for (int id = 0; id < 20_000; id++) {
            long key = id % 2 == 0 ? random.nextLong() : (long) id << 32 | (id & 0xFFFF);
            if (table.find(key) >= 0) {
                continue;                              // a repeated random key: ids stay dense
            }
            keys.add(key);
            table.add(keys.size() - 1, key);
        }
        for (int id = 0; id < keys.size(); id++) {
            assertEquals(id, table.find(keys.get(id)));
        }
        assertEquals(-1, table.find(-1L));
    }

    @Test
    void semi_contexts_refuse_facts_that_are_not_strictly_ascending() {
        SemiContexts side = new SemiContexts();
        side.idOf(1L, List.of(0L, 3L, 5L));
        IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
                () -> side.idOf(2L, List.of(0L, 3L, 3L)));
        assertTrue(repeated.getMessage().contains("strictly ascending, found [0, 3, 3]"), repeated.getMessage());
        IllegalArgumentException unsorted = assertThrows(IllegalArgumentException.class,
                () -> side.cross(List.of(5L, 0L)));
        assertTrue(unsorted.getMessage().contains("[5, 0]"), unsorted.getMessage());
    }

    @Test
    void a_crossing_of_more_than_64_facts_keeps_each_semi_contexts_facts_in_order() {
        // synthetic: 130 facts, more than one long of mask; semi-context 0 holds the even ones, 1 the last three
        SemiContexts side = new SemiContexts();
        List<Long> evens = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        for (long f = 0; f < 130; f++) {
            all.add(f);
            if (f % 2 == 0) {
                evens.add(f);
            }
        }
        assertEquals(0, side.idOf(10L, evens));
        assertEquals(1, side.idOf(11L, List.of(127L, 128L, 129L)));
        side.cross(all);
        assertEquals(2, side.crossedSize());
        assertEquals(65, side.crossedCount(0));
        assertEquals(evens, side.crossedFacts(0));
        assertEquals(List.of(127L, 128L, 129L), side.crossedFacts(1));
        side.cross(List.of(1L, 129L));
        assertEquals(1, side.crossedSize());
        assertEquals(0, side.crossedCount(0));
        assertEquals(List.of(129L), side.crossedFacts(1));
    }
}
