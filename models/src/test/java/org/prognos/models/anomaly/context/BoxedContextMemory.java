/*
 * Ported from NAB's nab/detectors/context_ose/context_operator.py:
 * Contextual Anomaly Detector - Open Source Edition, 2016, Mikhail Smirnov (https://github.com/smirmik/CAD).
 * Copyright 2016 Numenta Inc. Copyright may exist in Contributors' modifications and/or contributions to the work.
 * Use of this source code is governed by the MIT license (https://opensource.org/licenses/MIT).
 */
package org.prognos.models.anomaly.context;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prognos.models.anomaly.context.ContextMemory.Active;
import org.prognos.models.anomaly.context.ContextMemory.Candidate;
import org.prognos.models.anomaly.context.ContextMemory.Crossing;

/**
 * The context memory as it was first ported (commit 9387b79): an object, boxed keys and {@link java.util.HashMap}
 * entries for each context and semi-context, read straight off the original's lists and dicts. Kept as the reference
 * that {@link ContextMemory}'s columns must equal call for call ({@code ContextMemoryEqualsBoxedTest}); not used by
 * the product.
 */
final class BoxedContextMemory {
    /** A semi-context (the original's lists {@code [crossedFacts, length, crossedCount(, contexts)]}). */
    private static final class Semi {
        List<Long> crossed = new ArrayList<>();
        final int length;
        int crossedCount;
        final Map<Integer, Integer> contexts = new LinkedHashMap<>();   // right semi-context id -> context id (left only)

        Semi(int length) {
            this.length = length;
        }
    }

    /** A context (the original's {@code [count, zeroLevel, leftHash, rightHash]}). */
    private static final class Context {
        int count;
        boolean zeroLevel;
        final long leftHash;
        final long rightHash;

        Context(boolean zeroLevel, long leftHash, long rightHash) {
            this.zeroLevel = zeroLevel;
            this.leftHash = leftHash;
            this.rightHash = rightHash;
        }
    }

    private final int maxLeftLength;
    private final List<Map<Long, List<Semi>>> factIndex = List.of(new HashMap<>(), new HashMap<>());
    private final List<Map<Long, Integer>> semiIds = List.of(new HashMap<>(), new HashMap<>());
    private final List<List<Semi>> semis = List.of(new ArrayList<>(), new ArrayList<>());
    private final List<List<Semi>> crossedSemis = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>()));
    private final List<Context> contexts = new ArrayList<>();
    /** The original's {@code newContextID}: {@code False} there, which equals context 0 in its comparison. */
    private int newContextId = 0;

    BoxedContextMemory(int maxLeftLength) {
        this.maxLeftLength = maxLeftLength;
    }

    int contexts() {
        return contexts.size();
    }

    int semiContexts() {
        return semis.get(0).size() + semis.get(1).size();
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

    private int add(List<Candidate> candidates, boolean zeroLevel) {
        int added = 0;
        for (Candidate c : candidates) {
            long leftHash = PythonHash.tuple(c.left());
            long rightHash = PythonHash.tuple(c.right());
            int leftId = semiId(0, leftHash, c.left());
            int rightId = semiId(1, rightHash, c.right());
            int next = contexts.size();
            int id = semis.get(0).get(leftId).contexts.computeIfAbsent(rightId, k -> next);
            if (id == next) {
                added++;
                contexts.add(new Context(zeroLevel, leftHash, rightHash));
                if (zeroLevel) {
                    newContextId = id;
                    return 1;
                }
            } else if (zeroLevel) {
                contexts.get(id).zeroLevel = true;
                return 0;
            }
        }
        return added;
    }

    /** The semi-context of {@code facts} on {@code side}, created (and indexed by fact) if new. */
    private int semiId(int side, long hash, List<Long> facts) {
        int next = semis.get(side).size();
        int id = semiIds.get(side).computeIfAbsent(hash, k -> next);
        if (id == next) {
            Semi s = new Semi(facts.size());
            semis.get(side).add(s);
            for (long fact : facts) {
                factIndex.get(side).computeIfAbsent(fact, k -> new ArrayList<>()).add(s);
            }
        }
        return id;
    }

    /** The original's {@code contextCrosser} on the left side: stores the candidates, then crosses {@code facts}. */
    int crossLeft(List<Long> facts, List<Candidate> candidates) {
        int added = candidates.isEmpty() ? 0 : addAll(candidates);
        cross(0, facts);
        return added;
    }

    /** The original's {@code contextCrosser} on the right side, then {@code updateContextsAndGetActive}. */
    Crossing crossRight(List<Long> facts, boolean newContext) {
        cross(1, facts);
        return activate(newContext);
    }

    private void cross(int side, List<Long> facts) {
        for (Semi s : crossedSemis.get(side)) {
            s.crossed = new ArrayList<>();
            s.crossedCount = 0;
        }
        Map<Long, List<Semi>> index = factIndex.get(side);
        for (long fact : facts) {
            for (Semi s : index.getOrDefault(fact, List.of())) {
                s.crossed.add(fact);
            }
        }
        List<Semi> crossed = new ArrayList<>();
        for (Semi s : semis.get(side)) {
            s.crossedCount = s.crossed.size();
            if (s.crossedCount > 0) {
                crossed.add(s);
            }
        }
        crossedSemis.set(side, crossed);
    }

    private Crossing activate(boolean newContext) {
        List<Active> active = new ArrayList<>();
        int selected = 0;
        List<Candidate> candidates = new ArrayList<>();
        List<Semi> rights = semis.get(1);
        for (Semi left : crossedSemis.get(0)) {
            for (Map.Entry<Integer, Integer> e : left.contexts.entrySet()) {
                int id = e.getValue();
                if (newContextId == id) {
                    continue;
                }
                Context context = contexts.get(id);
                Semi right = rights.get(e.getKey());
                if (left.length == left.crossedCount) {
                    selected++;
                    if (right.crossedCount > 0) {
                        if (right.length == right.crossedCount) {
                            context.count++;
                            active.add(new Active(id, context.count, context.leftHash, context.rightHash));
                        } else if (context.zeroLevel && newContext && left.crossedCount <= maxLeftLength) {
                            candidates.add(new Candidate(left.crossed, right.crossed));
                        }
                    }
                } else if (context.zeroLevel && newContext && right.crossedCount > 0
                        && left.crossedCount <= maxLeftLength) {
                    candidates.add(new Candidate(left.crossed, right.crossed));
                }
            }
        }
        newContextId = 0;
        return new Crossing(active, selected, candidates);
    }
}
