package org.prognos.models.anomaly.context;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One side's semi-contexts (the original's {@code semiContextDict} and {@code semiContValues} of a side), in columns:
 * semi-context {@code s} is the Python hash of its fact tuple, the tuple's length and, after a crossing, which of the
 * crossed facts it holds. Ids count up from 0 in order of creation, as the original's list indexes.
 *
 * <p>The crossing keeps the original's quirks: a semi-context is found by its tuple's hash alone (a tuple whose hash
 * another tuple already has is that one's semi-context), its length is the first tuple's, and the crossed facts of a
 * semi-context come in the order they were given. Tuples and crossings are strictly ascending fact lists (the
 * detector's facts are sorted sets, and a crossing's facts a part of them), so the crossed facts of a semi-context are
 * a bit mask over the crossing's facts rather than a list (the original's {@code crossedCount} is its bit count): a
 * list that is not ascending is refused. Not thread-safe.
 */
final class SemiContexts {
    private long[] hashes = new long[8];
    private int[] lengths = new int[8];
    private int[] rows = new int[8];            // its row of masks (+ 1) in the last crossing; 0: it did not cross it
    private int size;
    private final IdTable byHash = new IdTable(id -> hashes[id]);
    private final FactPostings postings = new FactPostings();
    // the last crossing: its facts, the semi-contexts it crossed (ascending) and a mask of their facts each
    private long[] facts = new long[0];
    private int words;                          // longs of a mask
    private int[] crossed = new int[8];
    private int crossedSize;
    private long[] masks = new long[8];

    /** Semi-contexts created so far. */
    int size() {
        return size;
    }

    /** The Python hash of {@code id}'s fact tuple. */
    long hash(int id) {
        return hashes[id];
    }

    /** How many facts {@code id}'s tuple has (the first one with its hash). */
    int length(int id) {
        return lengths[id];
    }

    /** The semi-context of the tuple {@code facts}, whose hash is {@code hash}: created and indexed if new. */
    int idOf(long hash, List<Long> facts) {
        int id = byHash.find(hash);
        if (id >= 0) {
            return id;
        }
        requireAscending(facts);
        id = size++;
        if (id == hashes.length) {
            int n = id + (id >> 1);
            hashes = Arrays.copyOf(hashes, n);
            lengths = Arrays.copyOf(lengths, n);
            rows = Arrays.copyOf(rows, n);
        }
        hashes[id] = hash;
        lengths[id] = facts.size();
        byHash.add(id, hash);
        for (long fact : facts) {
            postings.add(fact, id);
        }
        return id;
    }

    /**
     * The original's {@code contextCrosser} on this side: forgets the last crossing, then finds for each semi-context
     * the given facts it holds. {@link #crossed} lists those holding any, ascending.
     */
    void cross(List<Long> given) {
        requireAscending(given);
        for (int k = 0; k < crossedSize; k++) {
            rows[crossed[k]] = 0;
        }
        crossedSize = 0;
        facts = new long[given.size()];
        for (int i = 0; i < facts.length; i++) {
            facts[i] = given.get(i);
        }
        for (long fact : facts) {
            postings.forEach(fact, id -> rows[id] = -1);
        }
        // the crossed in ascending order, as the original's loop over every semi-context finds them: a scan of the
        // marks costs less than sorting, since the few quantisation facts cross most semi-contexts
        for (int id = 0; id < size; id++) {
            if (rows[id] != 0) {
                if (crossedSize == crossed.length) {
                    crossed = Arrays.copyOf(crossed, crossedSize + (crossedSize >> 1));
                }
                crossed[crossedSize++] = id;
                rows[id] = crossedSize;
            }
        }
        words = Math.max(1, (facts.length + 63) >>> 6);
        int cells = crossedSize * words;
        if (cells > masks.length) {
            masks = new long[Math.max(cells, masks.length + (masks.length >> 1))];
        } else {
            Arrays.fill(masks, 0, cells, 0L);
        }
        for (int i = 0; i < facts.length; i++) {
            int word = i >>> 6;
            long bit = 1L << i;
            postings.forEach(facts[i], id -> masks[(rows[id] - 1) * words + word] |= bit);
        }
    }

    /** How many semi-contexts the last crossing crossed. */
    int crossedSize() {
        return crossedSize;
    }

    /** The k-th semi-context the last crossing crossed, ascending. */
    int crossed(int k) {
        return crossed[k];
    }

    /** How many of the last crossing's facts {@code id} holds (the original's {@code crossedCount}). */
    int crossedCount(int id) {
        int row = rows[id];
        if (row == 0) {
            return 0;
        }
        int count = 0;
        for (int w = (row - 1) * words, end = w + words; w < end; w++) {
            count += Long.bitCount(masks[w]);
        }
        return count;
    }

    /** The last crossing's facts that {@code id} holds, in the order they were given (the original's crossed list). */
    List<Long> crossedFacts(int id) {
        int row = rows[id];
        List<Long> out = new ArrayList<>();
        if (row == 0) {
            return out;
        }
        for (int i = 0; i < facts.length; i++) {
            if ((masks[(row - 1) * words + (i >>> 6)] & (1L << i)) != 0) {
                out.add(facts[i]);
            }
        }
        return out;
    }

    private static void requireAscending(List<Long> facts) {
        for (int i = 1; i < facts.size(); i++) {
            if (facts.get(i) <= facts.get(i - 1)) {
                throw new IllegalArgumentException("context facts must be strictly ascending, found " + facts);
            }
        }
    }
}
