package org.prognos.models.anomaly;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.prognos.PrognosException;

/**
 * An {@link AdaptiveScorer}'s learning of its asset's scaling ({@link AdaptiveScoring#withLearnedScaling}): the warm-up
 * rows' moments while it learns, then the rows fed before the switch to the learned scaling. The scorer asks it
 * whether it is {@link #learning}, {@link #add adds} each warm-up row and, at the first row past the warm-up, takes
 * the asset's own scaling from {@link #learned}; it writes and reads this part of the scorer's snapshot (format 4).
 * Mutable, one per scorer.
 */
final class ScalingLearning {
    private static final byte NOT_LEARNING = 0;
    private static final byte LEARNING = 1;
    private static final byte LEARNED = 2;
    private final int width;
    private ColumnMoments moments;          // the warm-up rows' moments while learning; else null
    private boolean learned;                // whether the scorer has switched to the asset's learned scaling
    private long beforeSwitch;              // rows fed before that switch (else 0)

    /** The learning of a scorer of {@code width} columns: learning when {@code learns}, else none ever. */
    ScalingLearning(int width, boolean learns) {
        this.width = width;
        this.moments = learns ? new ColumnMoments(width) : null;
    }

    /** Whether it is learning (in the warm-up of settings that learn a scaling, for an asset without its own). */
    boolean learning() {
        return moments != null;
    }

    /** The scaling the scorer scores on now: learning, learned or its model's (when it learns none). */
    AdaptiveScorer.Scaling stage() {
        return moments != null ? AdaptiveScorer.Scaling.LEARNING
                : learned ? AdaptiveScorer.Scaling.LEARNED : AdaptiveScorer.Scaling.MODEL;
    }

    /** Adds one warm-up row, unscaled. */
    void add(double[] row) {
        moments.add(row);
    }

    /**
     * The asset's own scaling from its warm-up rows ({@link ColumnMoments#ownScaling}, training's rule, the fleet's
     * where a column has no spread), at the switch after {@code fedBefore} more rows; it learns no more.
     */
    ColumnScaling learned(ColumnScaling fleet, long fedBefore) {
        ColumnScaling own = moments.ownScaling(fleet);
        moments = null;
        learned = true;
        beforeSwitch += fedBefore;
        return own;
    }

    /** Rows fed before the switch to the learned scaling (0 before it, or without one). */
    long beforeSwitch() {
        return beforeSwitch;
    }

    /**
     * Writes whether it learns (then the moments so far), has learned (then the rows before the switch and
     * {@code scaling}, the learned one the scorer runs) or neither.
     */
    void write(DataOutputStream out, ColumnScaling scaling) throws IOException {
        out.writeByte(moments != null ? LEARNING : learned ? LEARNED : NOT_LEARNING);
        if (moments != null) {
            moments.write(out);
        } else if (learned) {
            out.writeLong(beforeSwitch);
            AdaptiveScorer.writeDoubles(out, scaling.center());
            AdaptiveScorer.writeDoubles(out, scaling.scale());
        }
    }

    /**
     * Reads what {@link #write} wrote into this fresh learning: the learned scaling, when the snapshot had learned one.
     *
     * @throws PrognosException when the snapshot learns a scaling and this asset has its own, or the other way round
     */
    Optional<ColumnScaling> read(DataInputStream in) throws IOException {
        byte state = in.readByte();
        if ((state == NOT_LEARNING) != (moments == null)) {
            throw new PrognosException("the adaptive scorer snapshot " + (state == NOT_LEARNING ? "learns no scaling"
                    : "learns a scaling") + " for an asset that " + (moments == null ? "has its own" : "has none"));
        }
        if (state == LEARNING) {
            moments.read(in);
        } else if (state == LEARNED) {
            beforeSwitch = in.readLong();
            moments = null;
            learned = true;
            double[] center = AdaptiveScorer.readDoubles(in, width);
            return Optional.of(new ColumnScaling(center, AdaptiveScorer.readDoubles(in, width)));
        } else if (state != NOT_LEARNING) {
            throw new PrognosException("adaptive scorer snapshot: unknown learning state " + state);
        }
        return Optional.empty();
    }
}
