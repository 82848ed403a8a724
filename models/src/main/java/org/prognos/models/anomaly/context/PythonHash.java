package org.prognos.models.anomaly.context;

import java.util.List;

/**
 * CPython's (3.8 and later, 64-bit) {@code hash} of a tuple of non-negative ints below 2^61 − 1, which CAD OSE uses
 * as semi-context keys and as the tie-break when it sorts active contexts: the port needs the same numbers to pick
 * the same contexts. The int's hash is the int itself in that range; the tuple's is CPython's xxHash-style mix
 * ({@code tuplehash} in Objects/tupleobject.c).
 */
final class PythonHash {
    private static final long XXPRIME_1 = 0x9E3779B185EBCA87L;
    private static final long XXPRIME_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long XXPRIME_5 = 0x27D4EB2F165667C5L;

    private PythonHash() {
    }

    /** {@code hash(tuple(items))} as CPython computes it. */
    static long tuple(List<Long> items) {
        long acc = XXPRIME_5;
        for (long lane : items) {
            acc += lane * XXPRIME_2;
            acc = Long.rotateLeft(acc, 31);
            acc *= XXPRIME_1;
        }
        acc += items.size() ^ (XXPRIME_5 ^ 3527539L);
        return acc == -1 ? 1546275796L : acc;
    }
}
