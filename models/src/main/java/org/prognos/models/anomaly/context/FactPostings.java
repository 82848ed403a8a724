package org.prognos.models.anomaly.context;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * For each fact, the semi-contexts that hold it (the original's fact index, {@code facts → [semi-context, …]}): ids
 * only ever appended in ascending order, since a semi-context is indexed when it is created and ids count up, so each
 * list is kept as the gaps between its ids, a variable-length (7 bits a byte) number each. The lists of the few
 * quantisation facts hold nearly every semi-context, at gaps of 1 to 3: a byte an entry instead of the 4 of a
 * reference (plus its share of an {@link java.util.ArrayList}). A gap of 0 is kept too: a fact given twice for one
 * semi-context lists it twice, as the original's list would.
 */
final class FactPostings {
    private long[] facts = new long[8];       // the fact of each list
    private byte[][] lists = new byte[8][];   // its gaps
    private int[] used = new int[8];          // bytes of the list in use
    private int[] last = new int[8];          // the list's last id
    private int size;
    private final IdTable byFact = new IdTable(list -> facts[list]);

    /** Lists {@code id} under {@code fact}; {@code id} is at least every id listed under it before. */
    void add(long fact, int id) {
        int list = byFact.find(fact);
        if (list < 0) {
            list = newList(fact);
        }
        int gap = id - last[list];
        last[list] = id;
        byte[] bytes = lists[list];
        int at = used[list];
        if (at + 5 > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(at + 5, bytes.length + (bytes.length >> 1)));
            lists[list] = bytes;
        }
        while ((gap & ~0x7F) != 0) {
            bytes[at++] = (byte) (gap | 0x80);
            gap >>>= 7;
        }
        bytes[at++] = (byte) gap;
        used[list] = at;
    }

    /** Calls {@code visit} with each id listed under {@code fact}, ascending (none if the fact is new). */
    void forEach(long fact, IntConsumer visit) {
        int list = byFact.find(fact);
        if (list < 0) {
            return;
        }
        byte[] bytes = lists[list];
        int end = used[list];
        int id = -1;
        int at = 0;
        while (at < end) {
            int gap = 0;
            int shift = 0;
            byte b;
            do {
                b = bytes[at++];
                gap |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            id += gap;
            visit.accept(id);
        }
    }

    private int newList(long fact) {
        int list = size++;
        if (list == facts.length) {
            int n = list + (list >> 1);
            facts = Arrays.copyOf(facts, n);
            lists = Arrays.copyOf(lists, n);
            used = Arrays.copyOf(used, n);
            last = Arrays.copyOf(last, n);
        }
        facts[list] = fact;
        lists[list] = new byte[4];
        last[list] = -1;
        byFact.add(list, fact);
        return list;
    }
}
