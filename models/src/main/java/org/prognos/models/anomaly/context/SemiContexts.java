package org.prognos.models.anomaly.context;

import java.util.Arrays;
import java.util.List;

/**
 * One side's semi-contexts (the original's {@code semiContextDict} and {@code semiContValues} of a side), in columns:
 * semi-context {@code s} is the Python hash of its fact tuple, the tuple's length and, after a crossing, how many of
 * the crossed facts it holds and which. Ids count up from 0 in order of creation, as the original's list indexes.
 *
 * <p>The crossing keeps the original's quirks: a semi-context is found by its tuple's hash alone (a tuple whose hash
 * another tuple already has is that one's semi-context), its length is the first tuple's, and the crossed facts of a
 * semi-context come in the order they were given. Not thread-safe.
 */
final class SemiContexts {
    private long[] hashes = new long[8];
    private int[] lengths = new int[8];
    private int[] crossedCounts = new int[8];   // of the last crossing; 0 for a semi-context it did not cross
    private int[] crossedEnds = new int[8];     // where its crossed facts end in positions
    private int size;
    private final IdTable byHash = new IdTable(id -> hashes[id]);
    private final FactPostings postings = new FactPostings();
    // the last crossing: its facts, the semi-contexts it crossed (ascending) and their facts (indexes into facts)
    private long[] facts = new long[0];
    private int[] crossed = new int[8];
    private int crossedSize;
    private int[] positions = new int[8];

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
        id = size++;
        if (id == hashes.length) {
            int n = id + (id >> 1);
            hashes = Arrays.copyOf(hashes, n);
            lengths = Arrays.copyOf(lengths, n);
            crossedCounts = Arrays.copyOf(crossedCounts, n);
            crossedEnds = Arrays.copyOf(crossedEnds, n);
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
     * the given facts it holds (in their order). {@link #crossed} lists those holding any, ascending.
     */
    void cross(List<Long> given) {
        for (int k = 0; k < crossedSize; k++) {
            crossedCounts[crossed[k]] = 0;
        }
        crossedSize = 0;
        facts = new long[given.size()];
        for (int i = 0; i < facts.length; i++) {
            facts[i] = given.get(i);
        }
        for (long fact : facts) {
            postings.forEach(fact, this::count);
        }
        Arrays.sort(crossed, 0, crossedSize);
        int end = 0;
        for (int k = 0; k < crossedSize; k++) {
            int id = crossed[k];
            crossedEnds[id] = end;           // where its facts start, until the fill below moves it to their end
            end += crossedCounts[id];
        }
        if (end > positions.length) {
            positions = new int[Math.max(end, positions.length + (positions.length >> 1))];
        }
        for (int i = 0; i < facts.length; i++) {
            int position = i;
            postings.forEach(facts[i], id -> positions[crossedEnds[id]++] = position);
        }
    }

    private void count(int id) {
        if (crossedCounts[id]++ == 0) {
            if (crossedSize == crossed.length) {
                crossed = Arrays.copyOf(crossed, crossedSize + (crossedSize >> 1));
            }
            crossed[crossedSize++] = id;
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
        return crossedCounts[id];
    }

    /** The last crossing's facts that {@code id} holds, in the order they were given (the original's crossed list). */
    List<Long> crossedFacts(int id) {
        int n = crossedCounts[id];
        int from = crossedEnds[id] - n;
        Long[] out = new Long[n];
        for (int j = 0; j < n; j++) {
            out[j] = facts[positions[from + j]];
        }
        return List.of(out);
    }
}
