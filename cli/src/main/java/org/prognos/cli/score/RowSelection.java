package org.prognos.cli.score;

/**
 * Which (asset, time) rows {@code prognos score} scores. A row at T holds what the service answers for the asset's
 * history as of T: a model whose spec emits rows on a grid sees data strictly before T ({@code strict}), one that
 * emits after every n-th reading sees data up to and including T. Each case says which readings it keeps and at
 * which times {@link Probes} evaluates an asset; {@link SpecRows} is the features library's batch extraction instead.
 */
public sealed interface RowSelection permits RowSelection.SpecRows, RowSelection.AsOf, RowSelection.Grid, RowSelection.Last {
    /** Marks "no time". */
    long NONE = Long.MIN_VALUE;

    /** Whether a reading at {@code t} is part of the history this selection scores. */
    default boolean keeps(long t, boolean strict) {
        return true;
    }

    /**
     * A time to evaluate the asset at before a reading at {@code next} is added, its previous reading being at
     * {@code previous}; {@link #NONE} when none.
     */
    default long dueBefore(long previous, long next, boolean strict) {
        return NONE;
    }

    /** The time to evaluate the asset at after its last kept reading (at {@code last}). */
    long atEnd(long last, boolean strict);

    /** Whether a reading or event at {@code t} counts for a row at {@code at}. */
    static boolean counts(long t, long at, boolean strict) {
        return strict ? t < at : t <= at;
    }

    /** Every row the model's feature spec emits (what training and {@code prognos features} see). */
    record SpecRows() implements RowSelection {
        @Override
        public long atEnd(long last, boolean strict) {
            throw new UnsupportedOperationException("the spec's own rows come from batch extraction");
        }
    }

    /** One row per asset at {@code time}, from its history as of then; assets with no reading by then have none. */
    record AsOf(long time) implements RowSelection {
        @Override
        public boolean keeps(long t, boolean strict) {
            return counts(t, time, strict);
        }

        @Override
        public long atEnd(long last, boolean strict) {
            return time;
        }
    }

    /**
     * Each asset on a grid of {@code stride} ticks (multiples of the stride from {@code anchor}): a row at each grid
     * point T with a reading of the asset in the stride before it ([T − stride, T) when strict, else (T − stride, T]),
     * so gaps in the data leave no rows and the last row is the first grid point after the last reading.
     */
    record Grid(long stride, long anchor) implements RowSelection {
        public Grid {
            if (stride <= 0) {
                throw new IllegalArgumentException("a grid stride must be positive, got " + stride);
            }
        }

        /** The grid point whose row a reading at {@code t} falls in. */
        long pointOf(long t, boolean strict) {
            long from = strict ? t + 1 : t;
            return anchor + Math.floorDiv(from - anchor + stride - 1, stride) * stride;
        }

        @Override
        public long dueBefore(long previous, long next, boolean strict) {
            long at = pointOf(previous, strict);
            return counts(next, at, strict) ? NONE : at;
        }

        @Override
        public long atEnd(long last, boolean strict) {
            return pointOf(last, strict);
        }
    }

    /**
     * One row per asset just after its last reading: what the service answers without {@code asOf}. When the spec
     * emits after every reading (a cycle axis), that is the last reading itself: the C-MAPSS test protocol.
     */
    record Last() implements RowSelection {
        @Override
        public long atEnd(long last, boolean strict) {
            return strict ? last + 1 : last;
        }
    }
}
