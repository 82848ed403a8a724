package org.prognos.models.anomaly.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The edge cases of {@link ContextMemory}'s tables that NAB streams do not reach, on synthetic keys (said so): gaps
 * of 1, 2 and 3 bytes and of 0 (an id listed twice) in {@link FactPostings}, keys that are negative, near or far apart
 * and a table that grows many times in {@link IdTable}; each against a {@link HashMap} of lists.
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
}
