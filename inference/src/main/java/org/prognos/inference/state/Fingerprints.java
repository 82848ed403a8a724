package org.prognos.inference.state;

/**
 * The fingerprints of an asset's last {@value #SIZE} applied messages, oldest overwritten first. A broker redelivers
 * only messages it has not seen acknowledged, and messages are acknowledged in order once durable, so a redelivery
 * after a crash is among an asset's last few messages. Zero means "no fingerprint" and is never remembered.
 */
final class Fingerprints {
    static final int SIZE = 16;

    private final long[] ring = new long[SIZE];
    private int next;

    boolean contains(long fingerprint) {
        if (fingerprint == 0) {
            return false;
        }
        for (long f : ring) {
            if (f == fingerprint) {
                return true;
            }
        }
        return false;
    }

    void add(long fingerprint) {
        if (fingerprint != 0) {
            ring[next] = fingerprint;
            next = (next + 1) % SIZE;
        }
    }

    /** Oldest first. */
    long[] toArray() {
        long[] out = new long[SIZE];
        for (int i = 0; i < SIZE; i++) {
            out[i] = ring[(next + i) % SIZE];
        }
        return out;
    }

    void addAll(long[] oldestFirst) {
        for (long f : oldestFirst) {
            add(f);
        }
    }
}
