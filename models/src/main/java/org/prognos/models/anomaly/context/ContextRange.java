package org.prognos.models.anomaly.context;

import org.prognos.PrognosException;

/**
 * The fixed value range a {@link ContextDetector} quantises into {@code 2^bits} bins, learned once from the values
 * the detector may learn from (a training period). The encoding must stay fixed: every remembered context is made of
 * bins, so moving the range would re-map the whole memory. Values outside the range are clipped to it by
 * {@link #clip} ({@link ContextScorer}: an excursion is then an edge bin, and its novelty is left to a range check
 * beside the detector), or the range is {@link #widened} and the memory relearned ({@link WideningContextScorer}).
 *
 * @param min the smallest value learned
 * @param max the largest value learned, at least {@code min}
 */
public record ContextRange(double min, double max) {
    public ContextRange {
        if (!Double.isFinite(min) || !Double.isFinite(max) || max < min) {
            throw new PrognosException("a context range needs finite min <= max, found [" + min + ", " + max + "]");
        }
    }

    /** The range of {@code values} (their smallest and largest finite value). */
    public static ContextRange fit(double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            throw new PrognosException("a context range needs at least one finite value, found none of " + values.length);
        }
        return new ContextRange(lo, hi);
    }

    /**
     * The range widened by {@code margin} times its span on each side ({@code [min − m·span, max + m·span]}); a
     * range of one value stays one value (it has no span to scale a margin by).
     */
    public ContextRange widened(double margin) {
        if (!(margin >= 0) || !Double.isFinite(margin)) {
            throw new PrognosException("a context range margin must be finite and at least 0, found " + margin);
        }
        double span = max - min;
        return new ContextRange(min - margin * span, max + margin * span);
    }

    /** Whether {@code value} lies in the range, both ends included. */
    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    /** {@code value} clipped into the range. */
    public double clip(double value) {
        return Math.max(min, Math.min(max, value));
    }
}
