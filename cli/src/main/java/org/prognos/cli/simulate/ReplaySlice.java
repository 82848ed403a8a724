package org.prognos.cli.simulate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Which part of a dataset to replay: some assets (by id, or the first {@code limit} the data holds) and a time range.
 *
 * @param assets the asset ids to replay; empty for every asset
 * @param limit  at most this many assets, the first ones the data holds (0: no limit)
 * @param from   the first reading time replayed (inclusive), in ticks of the dataset's time axis
 * @param to     the end of the range (exclusive)
 */
public record ReplaySlice(List<String> assets, int limit, OptionalLong from, OptionalLong to) {
    public ReplaySlice {
        assets = List.copyOf(new LinkedHashSet<>(assets));
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (none) or more, found " + limit);
        }
        if (from.isPresent() && to.isPresent() && from.getAsLong() >= to.getAsLong()) {
            throw new IllegalArgumentException("the range is empty: from must come before to");
        }
    }

    /** Every asset, all the time. */
    public static ReplaySlice everything() {
        return new ReplaySlice(List.of(), 0, OptionalLong.empty(), OptionalLong.empty());
    }

    /** This slice with these assets only. */
    public ReplaySlice withAssets(List<String> assets) {
        return new ReplaySlice(assets, limit, from, to);
    }

    /** This slice with the first {@code limit} assets only. */
    public ReplaySlice withLimit(int limit) {
        return new ReplaySlice(assets, limit, from, to);
    }

    /** This slice with readings at {@code from} or later and before {@code to}. */
    public ReplaySlice between(OptionalLong from, OptionalLong to) {
        return new ReplaySlice(assets, limit, from, to);
    }

    /** Whether a time is in the range. */
    public boolean includes(long time) {
        return (from.isEmpty() || time >= from.getAsLong()) && (to.isEmpty() || time < to.getAsLong());
    }

    /** Whether an event at {@code time} may be replayed: before the end of the range (earlier ones are history). */
    boolean beforeEnd(long time) {
        return to.isEmpty() || time < to.getAsLong();
    }
}
