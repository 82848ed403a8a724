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
 */
public record Recovery(int assets, long snapshots, long entries, List<String> skipped, long skippedCount, double seconds) {
    public Recovery {
        skipped = List.copyOf(skipped);
    }

    /** Nothing to recover (state kept in memory). */
    public static Recovery none() {
        return new Recovery(0, 0, 0, List.of(), 0, 0);
    }
}
