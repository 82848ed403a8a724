/*
 * Ported from NAB's nab/detectors/context_ose/context_operator.py:
 * Contextual Anomaly Detector - Open Source Edition, 2016, Mikhail Smirnov (https://github.com/smirmik/CAD).
 * Copyright 2016 Numenta Inc. Copyright may exist in Contributors' modifications and/or contributions to the work.
 * Use of this source code is governed by the MIT license (https://opensource.org/licenses/MIT).
 */
package org.prognos.models.anomaly.context;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The context memory of CAD OSE (the original's {@code ContextOperator}): contexts split into a left and a right
 * semi-context, each a set of facts, so that contexts sharing a side share its storage. Semi-contexts are keyed by
 * the Python hash of their fact tuple ({@link PythonHash}), as in the original; the contexts of a left semi-context
 * are iterated in insertion order (as the original's Python dict). Mutable, grows without bound.
 *
 * <p>Stored in columns of primitives ({@link SemiContexts} for each side, arrays here for the contexts, {@link
 * IdTable}s to find them) rather than an object, a boxed key and a map entry each: about a quarter of the heap
 * (measured in {@code training/ANOMALY.md}, "State"). Insertion order, which the original's dicts give, is kept by
 * ids that count up: the contexts of a left semi-context are a chain of ascending ids.
 */
final class ContextMemory {
    /** A candidate context: a left and a right fact tuple. */
    record Candidate(List<Long> left, List<Long> right) {
        Candidate {
            left = List.copyOf(left);
            right = List.copyOf(right);
        }
    }

    /** An active context, with the keys the detector sorts it by. */
    record Active(int id, int count, long leftHash, long rightHash) {
    }

    /** What crossing the right side returns: active contexts, selected count, candidates for new contexts. */
    record Crossing(List<Active> active, int selected, List<Candidate> candidates) {
    }

    private final int maxLeftLength;
    private final SemiContexts lefts = new SemiContexts();
    private final SemiContexts rights = new SemiContexts();
    // the contexts, by id (the original's [count, zeroLevel, leftHash, rightHash]; the hashes are their semi-contexts')
    private int size;
    private int[] counts = new int[8];
    private int[] leftOf = new int[8];
    private int[] rightOf = new int[8];
    private int[] nextOfLeft = new int[8];      // the next context (id + 1) of the same left semi-context; 0: none
    private final BitSet zeroLevel = new BitSet();
    private final IdTable byPair = new IdTable(id -> pair(leftOf[id], rightOf[id]));
    // by left semi-context: its first and last context (id + 1; 0: none)
    private int[] firstOfLeft = new int[8];
    private int[] lastOfLeft = new int[8];
    /** The original's {@code newContextID}: {@code False} there, which equals context 0 in its comparison. */
    private int newContextId = 0;

    ContextMemory(int maxLeftLength) {
        this.maxLeftLength = maxLeftLength;
    }

    int contexts() {
        return size;
    }

    int semiContexts() {
        return lefts.size() + rights.size();
    }

    /**
     * The original's {@code getContextByFacts} with {@code zerolevel = 1}: stores the context if new; whether it was.
     */
    boolean addZeroLevel(Candidate candidate) {
        return add(List.of(candidate), true) == 1;
    }

    /** The original's {@code getContextByFacts} with {@code zerolevel = 0}: how many of the candidates were new. */
    int addAll(List<Candidate> candidates) {
        return add(candidates, false);
    }

    private int add(List<Candidate> candidates, boolean zero) {
        int added = 0;
        for (Candidate c : candidates) {
            int left = lefts.idOf(PythonHash.tuple(c.left()), c.left());
            int right = rights.idOf(PythonHash.tuple(c.right()), c.right());
            int id = byPair.find(pair(left, right));
            if (id < 0) {
                id = newContext(left, right, zero);
                added++;
                if (zero) {
                    newContextId = id;
                    return 1;
                }
            } else if (zero) {
                zeroLevel.set(id);
                return 0;
            }
        }
        return added;
    }

    private int newContext(int left, int right, boolean zero) {
        int id = size++;
        if (id == counts.length) {
            int n = id + (id >> 1);
            counts = Arrays.copyOf(counts, n);
            leftOf = Arrays.copyOf(leftOf, n);
            rightOf = Arrays.copyOf(rightOf, n);
            nextOfLeft = Arrays.copyOf(nextOfLeft, n);
        }
        if (left >= firstOfLeft.length) {
            int n = Math.max(left + 1, firstOfLeft.length + (firstOfLeft.length >> 1));
            firstOfLeft = Arrays.copyOf(firstOfLeft, n);
            lastOfLeft = Arrays.copyOf(lastOfLeft, n);
        }
        leftOf[id] = left;
        rightOf[id] = right;
        zeroLevel.set(id, zero);
        if (lastOfLeft[left] == 0) {
            firstOfLeft[left] = id + 1;
        } else {
            nextOfLeft[lastOfLeft[left] - 1] = id + 1;
        }
        lastOfLeft[left] = id + 1;
        byPair.add(id, pair(left, right));
        return id;
    }

    private static long pair(int left, int right) {
        return (long) left << 32 | (right & 0xFFFFFFFFL);
    }

    /** The original's {@code contextCrosser} on the left side: stores the candidates, then crosses {@code facts}. */
    int crossLeft(List<Long> facts, List<Candidate> candidates) {
        int added = candidates.isEmpty() ? 0 : addAll(candidates);
        lefts.cross(facts);
        return added;
    }

    /** The original's {@code contextCrosser} on the right side, then {@code updateContextsAndGetActive}. */
    Crossing crossRight(List<Long> facts, boolean newContext) {
        rights.cross(facts);
        return activate(newContext);
    }

    private Crossing activate(boolean newContext) {
        List<Active> active = new ArrayList<>();
        int selected = 0;
        List<Candidate> candidates = new ArrayList<>();
        for (int k = 0; k < lefts.crossedSize(); k++) {
            int left = lefts.crossed(k);
            int leftCount = lefts.crossedCount(left);
            boolean whole = lefts.length(left) == leftCount;
            int first = left < firstOfLeft.length ? firstOfLeft[left] : 0;
            for (int next = first; next != 0; next = nextOfLeft[next - 1]) {
                int id = next - 1;
                if (newContextId == id) {
                    continue;
                }
                int right = rightOf[id];
                int rightCount = rights.crossedCount(right);
                if (whole) {
                    selected++;
                    if (rightCount > 0) {
                        if (rights.length(right) == rightCount) {
                            counts[id]++;
                            active.add(new Active(id, counts[id], lefts.hash(left), rights.hash(right)));
                        } else if (zeroLevel.get(id) && newContext && leftCount <= maxLeftLength) {
                            candidates.add(new Candidate(lefts.crossedFacts(left), rights.crossedFacts(right)));
                        }
                    }
                } else if (zeroLevel.get(id) && newContext && rightCount > 0 && leftCount <= maxLeftLength) {
                    candidates.add(new Candidate(lefts.crossedFacts(left), rights.crossedFacts(right)));
                }
            }
        }
        newContextId = 0;
        return new Crossing(active, selected, candidates);
    }
}
