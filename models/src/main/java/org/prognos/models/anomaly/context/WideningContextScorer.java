package org.prognos.models.anomaly.context;

import java.util.Arrays;
import java.util.Objects;
import org.prognos.PrognosException;

/**
 * One univariate stream's contextual score whose range follows the stream without looking ahead: the range is the
 * one the stream has shown so far, widened by a margin (a multiple of its span on each side), and when a value
 * leaves it, the range is widened again around everything seen and the detector is rebuilt by replaying the whole
 * stream so far through a fresh {@link ContextDetector} on the new range, silently, before it scores that value.
 *
 * <p>Why rebuild rather than clip ({@link ContextScorer}) or move the bins under the memory: every remembered context
 * is made of bins of one range, so the only memory that is consistent with a new range is the one the detector would
 * have learned had that range been its range from the start; replaying the kept values gives exactly that, using only
 * the past. Why a margin: contextOSE as NAB runs it quantises into 8 bins of the whole file's range (lookahead), so
 * normal data falls in a few coarse bins and only an excursion is new; a range learned on a training period cuts
 * normal data into all 8 bins, and noise moving between fine bins reads as novelty. The margin keeps bins for
 * excursions the training period did not show.
 *
 * <p>Cost: a rebuild replays every value so far, but each one grows the seen span by at least {@code margin} times
 * the old span, so a stream is rebuilt at most about log(final span / first span) / log(1 + margin) times
 * ({@link #rebuilds()} counts them). The values are kept (8 bytes each) beside a context memory that, like the
 * original's, is <b>not bounded</b>. Not thread-safe: one scorer per stream.
 */
public final class WideningContextScorer {
    private final ContextSettings settings;
    private final double margin;
    private double seenMin;
    private double seenMax;
    private ContextRange range;
    private ContextDetector detector;
    private double[] history = new double[1024];
    private int seen;
    private int rebuilds;

    /**
     * @param learned  the range of a training period (the values it showed)
     * @param margin   the share of the seen span added on each side of the seen range; at least 0
     * @param settings the detector's settings
     */
    public WideningContextScorer(ContextRange learned, double margin, ContextSettings settings) {
        Objects.requireNonNull(learned, "learned");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.margin = margin;
        this.seenMin = learned.min();
        this.seenMax = learned.max();
        this.range = learned.widened(margin);
        this.detector = new ContextDetector(range, settings);
    }

    /**
     * The scorer of a stream whose first {@code learning} values were {@code values[0 … learning)}: seen range and
     * rest learned there ({@link ContextSettings#forLearningPeriod}).
     */
    public static WideningContextScorer learnedFrom(double[] values, int learning, double margin) {
        return new WideningContextScorer(ContextRange.fit(Arrays.copyOf(values, learning)), margin,
                ContextSettings.forLearningPeriod(learning));
    }

    /** The score of the stream's next value, in [0, 1]; learns from it, first widening the range if it lies beyond. */
    public double next(double value) {
        if (!Double.isFinite(value)) {
            throw new PrognosException("the context detector needs finite values, found " + value + " at row " + seen);
        }
        seenMin = Math.min(seenMin, value);
        seenMax = Math.max(seenMax, value);
        if (!range.contains(value)) {
            rebuild();
        }
        if (seen == history.length) {
            history = Arrays.copyOf(history, history.length * 2);
        }
        history[seen++] = value;
        return detector.score(value);
    }

    /** The range values are quantised into now. */
    public ContextRange range() {
        return range;
    }

    /** How many times a value beyond the range rebuilt the detector. */
    public int rebuilds() {
        return rebuilds;
    }

    /** Values scored so far. */
    public long rowsSeen() {
        return seen;
    }

    /** The detector's remembered contexts. */
    public int contexts() {
        return detector.contexts();
    }

    private void rebuild() {
        range = new ContextRange(seenMin, seenMax).widened(margin);
        detector = new ContextDetector(range, settings);
        for (int i = 0; i < seen; i++) {
            detector.score(history[i]);
        }
        rebuilds++;
    }
}
