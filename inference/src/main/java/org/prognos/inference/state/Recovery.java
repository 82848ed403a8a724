package org.prognos.inference.state;

import java.util.List;

/**
 * What a start recovered from the durable store.
 *
 * @param assets    assets whose state was restored
 * @param snapshots snapshots read
 * @param entries   journal entries replayed after them
 * @param skipped   what could not be restored, with why (a model no longer served, another feature spec, a corrupt
 *                  record), at most a few lines
 * @param skippedCount how many snapshots and entries were skipped
 * @param seconds   how long recovery took
 * @param notLoaded assets restored but evicted again for want of room (the memory budget or the asset bound); their
 *                  state stays on disk, and a start with more room loads it
 */
public record Recovery(int assets, long snapshots, long entries, List<String> skipped, long skippedCount, double seconds,
                       long notLoaded) {
    public Recovery {
        skipped = List.copyOf(skipped);
    }

    /** A recovery that loaded everything it restored. */
    public Recovery(int assets, long snapshots, long entries, List<String> skipped, long skippedCount, double seconds) {
        this(assets, snapshots, entries, skipped, skippedCount, seconds, 0);
    }

    /** Nothing to recover (state kept in memory). */
    public static Recovery none() {
        return new Recovery(0, 0, 0, List.of(), 0, 0);
    }

    /** This recovery, with {@code n} assets evicted again for want of room. */
    public Recovery withNotLoaded(long n) {
        return new Recovery(assets, snapshots, entries, skipped, skippedCount, seconds, n);
    }
}
