package org.prognos.models.anomaly.context;

import java.util.Objects;
import org.prognos.PrognosException;

/**
 * One univariate stream's contextual score whose memory forgets: the score is that of a {@link ContextDetector} that
 * has learned only the stream's recent rows, between {@code memory} and {@code 2 · memory} of them, so that the state
 * of a stream is bounded (the original's contexts are never forgotten: 10 MB after 4,000 noisy rows), as a service
 * that keeps one scorer per asset needs.
 *
 * <p>How it forgets without replaying at every row: two detectors run side by side. The elder scores; once it has
 * learned {@code memory} rows a younger one starts, fresh, and learns every later row too; when the younger has
 * learned {@code memory} rows it replaces the elder (whose memory then reaches back exactly {@code memory} rows, the
 * memory a detector started then would have), and a new younger starts. The score of row t is therefore the score of
 * a fresh detector fed the rows from {@code max(0, (⌊t / memory⌋ − 1) · memory)} to t, which is what the tests check
 * against a naive replay. Cost: two detectors' work per row.
 *
 * <p>The range values are quantised into follows {@link Range}: as {@link WideningContextScorer}'s, it is widened
 * by {@code margin} times its span on each side, and when a value leaves it, both detectors are rebuilt on a new
 * range by replaying their rows (kept in a ring of {@code 2 · memory} values), silently, before that value is scored.
 * With {@link Range#REMEMBERED} the range also narrows: a level shift or a past excursion otherwise leaves normal
 * data in a few coarse bins for ever. With {@link Range#GIVEN} ({@link #givenRange}) the range is one the detector is
 * told, a sensor's declared limits, and never moves: no rebuild, a value beyond it clipped into it. With
 * {@link Range#OPEN} (open bins) the learned range, widened by the margin, never moves either, but a value beyond it
 * is neither clipped nor a reason to rebuild: it falls in a bin of the same width beyond the range, a symbol the
 * detector has not learned.
 *
 * <p>State: the ring (16 bytes a row of memory) and the contexts of at most {@code 2 · memory} rows in each of two
 * detectors. Not thread-safe: one scorer per stream.
 */
public final class ForgettingContextScorer {
    /**
     * {@link Range#REMEMBERED} narrows the range when the remembered values, widened by the margin, would span less
     * than this share of it: with a margin of 0.5, normal data then lies in 2 of the 8 bins instead of the 4 the
     * margin gives it (coarse bins by a factor 2); the same factor is the hysteresis that keeps a range from moving
     * back and forth.
     */
    static final double NARROW_BELOW = 0.5;

    /** Which values the range is widened around. */
    public enum Range {
        /** Every value the stream has shown (two numbers of state): the range only widens. */
        SEEN,
        /**
         * The values the scoring detector remembers (its rows): widened when a value leaves the range, narrowed when
         * the younger detector takes over and its rows span less than {@link #NARROW_BELOW} of the range.
         */
        REMEMBERED,
        /**
         * A range given to the detector, not learned from the stream (a sensor's declared limits: a datasheet's, a
         * percentage's 0–100; on NAB, the file's min and max, which NAB's harness hands every detector): fixed, so the
         * memory is never rebuilt; a value beyond it is clipped into it, as {@link ContextScorer} does, and its
         * novelty left to a range check beside the detector.
         */
        GIVEN,
        /**
         * Open bins: the learned range widened by the margin fixes the bins' width and origin for good (the eight
         * bins of the first range, as {@link #SEEN} has them until its first move), and a value beyond it is
         * quantised into a bin of the same width beyond the range (its index above 2^bits − 1, or negative below,
         * {@link ContextDetector#withFlooredBins}), not clipped, and the range neither widens nor is the memory
         * rebuilt. Why: one excursion, under {@link #SEEN}, widens the range around itself for good, so that all
         * normal data falls in one or two coarse bins afterwards and the detector goes blind to it; with open bins
         * the excursion is a new symbol when it happens and normal data keeps its resolution. No replay on the
         * scoring path either.
         */
        OPEN
    }

    private final ContextSettings settings;
    private final double margin;
    private final int memory;
    private final Range rule;
    private final double[] ring;
    private double seenMin;
    private double seenMax;
    private ContextRange range;
    private ContextDetector elder;
    private ContextDetector younger;
    private int elderRows;
    private int youngerRows;
    private long seen;
    private int rebuilds;

    /**
     * @param learned  the range of a training period (the values it showed)
     * @param margin   the share of the span added on each side of the values' range; finite, at least 0
     * @param memory   rows a detector learns before a younger one starts; at least 1
     * @param rule     which values the range follows
     * @param settings the detectors' settings
     */
    public ForgettingContextScorer(ContextRange learned, double margin, int memory, Range rule, ContextSettings settings) {
        Objects.requireNonNull(learned, "learned");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (memory < 1) {
            throw new PrognosException("a forgetting context memory needs at least 1 row, found " + memory);
        }
        this.margin = margin;
        this.memory = memory;
        this.ring = new double[2 * memory];
        this.seenMin = learned.min();
        this.seenMax = learned.max();
        this.range = learned.widened(margin);
        this.elder = detector();
    }

    /**
     * The scorer of a stream whose first {@code learning} values were {@code values[0 … learning)}: range and rest
     * learned there ({@link ContextSettings#forLearningPeriod}).
     */
    public static ForgettingContextScorer learnedFrom(double[] values, int learning, double margin, int memory, Range rule) {
        return new ForgettingContextScorer(ContextRange.fit(java.util.Arrays.copyOf(values, learning)), margin, memory,
                rule, ContextSettings.forLearningPeriod(learning));
    }

    /**
     * The scorer of a stream whose values are declared to lie in {@code given} ({@link Range#GIVEN}, margin 0): the
     * range is fixed and the memory forgets as for the other rules. Why a range may be given rather than learned: a
     * range learned from a short training period cuts normal noise into fine bins (novel at every step) and moves when
     * the stream leaves it (a rebuild), while a sensor's physical range is known before the first reading.
     *
     * @param given    the declared range of the values
     * @param memory   rows a detector learns before a younger one starts; at least 1
     * @param settings the detectors' settings
     */
    public static ForgettingContextScorer givenRange(ContextRange given, int memory, ContextSettings settings) {
        return new ForgettingContextScorer(given, 0.0, memory, Range.GIVEN, settings);
    }

    /**
     * The score of the stream's next value, in [0, 1]; learns from it, first moving the range if it lies beyond (or,
     * with {@link Range#GIVEN}, clipping the value into the range; with {@link Range#OPEN}, neither).
     */
    public double next(double value) {
        if (!Double.isFinite(value)) {
            throw new PrognosException("the context detector needs finite values, found " + value + " at row " + seen);
        }
        if (younger != null && youngerRows == memory) {
            takeOver();
        }
        if (younger == null && elderRows >= memory) {
            younger = detector();
            youngerRows = 0;
        }
        seenMin = Math.min(seenMin, value);
        seenMax = Math.max(seenMax, value);
        // open bins quantise a value beyond the range as it is, in a bin beyond the range's eight: no clip, no move
        if (!range.contains(value) && rule == Range.GIVEN) {
            value = range.clip(value);
        } else if (!range.contains(value) && rule != Range.OPEN) {
            ContextRange around = rule == Range.SEEN ? new ContextRange(seenMin, seenMax) : remembered(value);
            moveTo(around.widened(margin));
        }
        ring[(int) (seen % ring.length)] = value;
        seen++;
        double score = elder.score(value);
        elderRows++;
        if (younger != null) {
            younger.score(value);
            youngerRows++;
        }
        return score;
    }

    /** A fresh detector on the range; with open bins, its bins below the range as wide as those inside. */
    private ContextDetector detector() {
        return rule == Range.OPEN ? ContextDetector.withFlooredBins(range, settings)
                : new ContextDetector(range, settings);
    }

    /** The range values are quantised into now. */
    public ContextRange range() {
        return range;
    }

    /** How many times the range moved and the detectors were rebuilt. */
    public int rebuilds() {
        return rebuilds;
    }

    /** Values scored so far. */
    public long rowsSeen() {
        return seen;
    }

    /** Rows the scoring detector has learned: at most {@code 2 · memory}. */
    public int rowsRemembered() {
        return elderRows;
    }

    /** Contexts of both detectors: bounded by what {@code 2 · memory} rows can teach each. */
    public int contexts() {
        return elder.contexts() + (younger == null ? 0 : younger.contexts());
    }

    /** The younger detector replaces the elder; with {@link Range#REMEMBERED}, the range narrows if it is too wide. */
    private void takeOver() {
        elder = younger;
        elderRows = youngerRows;
        younger = null;
        if (rule == Range.REMEMBERED) {
            ContextRange target = remembered(Double.NaN).widened(margin);
            if (target.max() - target.min() < NARROW_BELOW * (range.max() - range.min())) {
                moveTo(target);
            }
        }
    }

    /** The range of the elder's rows, and of {@code value} unless it is NaN. */
    private ContextRange remembered(double value) {
        double lo = Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
        double hi = Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
        for (int k = 1; k <= elderRows; k++) {
            double v = ring[(int) ((seen - k) % ring.length)];
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new ContextRange(lo, hi);
    }

    /** Both detectors rebuilt on {@code to} by replaying their rows, oldest first, silently. */
    private void moveTo(ContextRange to) {
        range = to;
        elder = replayed(elderRows);
        if (younger != null) {
            younger = replayed(youngerRows);
        }
        rebuilds++;
    }

    private ContextDetector replayed(int rows) {
        ContextDetector d = detector();
        for (long i = seen - rows; i < seen; i++) {
            d.score(ring[(int) (i % ring.length)]);
        }
        return d;
    }

    /**
     * What this scorer's score depends on, for a snapshot: the range, the values seen's extremes, the scoring
     * detector's rows (oldest first: the younger detector's are the latest of them) and the counters. The contexts are
     * left out: each detector is a fresh one fed its rows on the range (that is how it was made, or rebuilt), so
     * {@link #restored} rebuilds them by replay, as a range move does.
     *
     * @param range        the range values are quantised into now
     * @param seenMin      the smallest value seen (or learned)
     * @param seenMax      the largest
     * @param rows         the elder detector's rows, oldest first (at most {@code 2 · memory})
     * @param youngerRows  the younger detector's rows (the last of {@code rows}), or -1 when none has started
     * @param seen         values scored so far
     * @param rebuilds     range moves so far
     */
    public record Remembered(ContextRange range, double seenMin, double seenMax, double[] rows, int youngerRows,
                             long seen, int rebuilds) {
        public Remembered {
            Objects.requireNonNull(range, "range");
            rows = rows.clone();
            if (youngerRows > rows.length || seen < rows.length) {
                throw new PrognosException("a forgetting context state with " + rows.length + " rows, " + youngerRows
                        + " of them the younger detector's, after " + seen + " values, is inconsistent");
            }
        }

        @Override
        public double[] rows() {
            return rows.clone();
        }
    }

    /** This scorer's state (see {@link Remembered}). */
    public Remembered remembered() {
        double[] rows = new double[elderRows];
        for (int k = 0; k < elderRows; k++) {
            rows[k] = ring[(int) ((seen - elderRows + k) % ring.length)];
        }
        return new Remembered(range, seenMin, seenMax, rows, younger == null ? -1 : youngerRows, seen, rebuilds);
    }

    /**
     * The scorer whose {@link #remembered()} state was {@code state}, under the same margin, memory, rule and settings:
     * its detectors replayed from the rows, so it goes on with the same scores as the one it was taken from.
     */
    public static ForgettingContextScorer restored(Remembered state, double margin, int memory, Range rule,
                                                   ContextSettings settings) {
        if (state.rows.length > 2 * memory) {
            throw new PrognosException("a forgetting context state holds " + state.rows.length + " rows, more than 2 · "
                    + memory);
        }
        ForgettingContextScorer s = new ForgettingContextScorer(state.range, margin, memory, rule, settings);
        s.range = state.range;
        s.seenMin = state.seenMin;
        s.seenMax = state.seenMax;
        s.seen = state.seen;
        s.rebuilds = state.rebuilds;
        int n = state.rows.length;
        for (int k = 0; k < n; k++) {
            s.ring[(int) ((state.seen - n + k) % s.ring.length)] = state.rows[k];
        }
        s.elderRows = n;
        s.elder = s.replayed(n);
        if (state.youngerRows >= 0) {
            s.youngerRows = state.youngerRows;
            s.younger = s.replayed(state.youngerRows);
        }
        return s;
    }
}
