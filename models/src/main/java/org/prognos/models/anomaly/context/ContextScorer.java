package org.prognos.models.anomaly.context;

import java.util.Objects;

/**
 * One univariate stream's contextual score as the product runs it: a {@link ContextDetector} on a range learned from
 * a training period, each value clipped into that range first. Clipping rather than widening the range as the
 * stream goes: the detector's memory is made of bins of that range, so a wider range would re-map every remembered
 * context at once (a burst of false novelty, then relearning), whereas a clipped excursion is an edge bin whose
 * sequence the detector still judges; a value beyond the learned range is a range check's business, not the
 * sequence model's. Not thread-safe: one scorer per stream.
 */
public final class ContextScorer {
    private final ContextRange range;
    private final ContextDetector detector;
    private long seen;

    /**
     * @param range    the range learned from the training period
     * @param settings the detector's settings
     */
    public ContextScorer(ContextRange range, ContextSettings settings) {
        this.range = Objects.requireNonNull(range, "range");
        this.detector = new ContextDetector(range, settings);
    }

    /** The scorer of a stream whose first {@code learning} values were {@code values[0 … learning)}: range and rest. */
    public static ContextScorer learnedFrom(double[] values, int learning) {
        return new ContextScorer(ContextRange.fit(java.util.Arrays.copyOf(values, learning)),
                ContextSettings.forLearningPeriod(learning));
    }

    /** The score of the stream's next value, in [0, 1]; learns from it. */
    public double next(double value) {
        seen++;
        return detector.score(range.clip(value));
    }

    /** Values scored so far. */
    public long rowsSeen() {
        return seen;
    }

    /** The detector's remembered contexts: the state grows with them (about 100 bytes each, semi-contexts included). */
    public int contexts() {
        return detector.contexts();
    }

    /** The detector's remembered semi-contexts. */
    public int semiContexts() {
        return detector.semiContexts();
    }
}
