/*
 * Ported from NAB's nab/detectors/context_ose/cad_ose.py and context_ose_detector.py:
 * Contextual Anomaly Detector - Open Source Edition, 2016, Mikhail Smirnov (https://github.com/smirmik/CAD).
 * Copyright 2016 Numenta Inc. Copyright may exist in Contributors' modifications and/or contributions to the work.
 * Use of this source code is governed by the MIT license (https://opensource.org/licenses/MIT).
 */
package org.prognos.models.anomaly.context;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.prognos.PrognosException;

/**
 * One univariate stream's contextual anomaly score (the original's {@code ContextualAnomalyDetectorOSE}): each value
 * is quantised to {@link ContextSettings#bits()} bits of a fixed {@link ContextRange}; bit k of the bin gives the
 * fact 2k + bit. A step's score is (1 − share of the selected contexts that are active + share of the candidate
 * contexts that are new) / 2, returned only if no score of the last {@link ContextSettings#rest()} steps reached
 * {@link ContextSettings#threshold()} (0 otherwise; the first steps count a score of 1 before the stream).
 *
 * <p>A value outside the range is quantised as the original does (a bin beyond 2^bits − 1 adds bits; a negative one
 * follows Python's {@code bin} string, the bin (value − min) / step truncated towards 0 as Python's {@code int}
 * does); {@link ContextRange#clip} before {@link #score} keeps the encoding within the 2^bits bins. A detector made
 * {@link #withFlooredBins} takes the floor instead: the two differ only below the range, where truncation folds
 * (min − step, min) into bin 0, a bin of twice the width; open bins ({@link ForgettingContextScorer.Range#OPEN})
 * quantise values below the range and need every bin the same width. The port keeps the original's truncation (its
 * bit-for-bit test feeds it values below the range).
 *
 * <p><b>Not bounded</b>: contexts are never forgotten; {@link #contexts()} and {@link #semiContexts()} count them.
 * Not thread-safe: one detector per stream.
 */
public final class ContextDetector {
    private static final long NEURON_FACT = 1L << 31;

    private final ContextRange range;
    private final ContextSettings settings;
    private final double step;
    private final boolean floored;
    private final ContextMemory memory;
    private double[] recentScores;              // the last min(steps + 1, rest) scores, a ring; 1 before the stream
    private int recentNext;                     // where the next score goes
    private int recentSize;
    private List<Long> leftFacts = List.of();

    public ContextDetector(ContextRange range, ContextSettings settings) {
        this(range, settings, false);
    }

    /**
     * A detector whose bins below the range are as wide as those inside it (the floor of (value − min) / step, not
     * the original's truncation towards 0); the same as {@link #ContextDetector(ContextRange, ContextSettings)} for
     * every value at or above the range's min.
     */
    public static ContextDetector withFlooredBins(ContextRange range, ContextSettings settings) {
        return new ContextDetector(range, settings, true);
    }

    private ContextDetector(ContextRange range, ContextSettings settings, boolean floored) {
        this.floored = floored;
        this.range = Objects.requireNonNull(range, "range");
        this.settings = Objects.requireNonNull(settings, "settings");
        double maxBin = Math.pow(2, settings.bits()) - 1.0;
        double full = range.max() - range.min();
        this.step = (full == 0.0 ? maxBin : full) / maxBin;
        this.memory = new ContextMemory(settings.maxLeftLength());
        this.recentScores = new double[Math.min(16, settings.rest())];
        remember(1.0);
    }

    /** The score of the stream's next value (the original's {@code getAnomalyScore}); learns from it. */
    public double score(double value) {
        if (!Double.isFinite(value)) {
            throw new PrognosException("the context detector needs finite values, found " + value);
        }
        double bins = (value - range.min()) / step;
        double current = current(facts((long) (floored ? Math.floor(bins) : bins)));
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < recentSize; k++) {
            max = Math.max(max, recentScores[k]);
        }
        double returned = max < settings.threshold() ? current : 0.0;
        remember(current);
        return returned;
    }

    /**
     * Keeps {@code score} among the last {@link ContextSettings#rest()} ones, forgetting the oldest beyond them. The
     * ring grows as the scores come (doubling, up to the rest), so that a long rest costs only the steps taken.
     */
    private void remember(double score) {
        if (recentSize == recentScores.length && recentSize < settings.rest()) {
            recentScores = Arrays.copyOf(recentScores, (int) Math.min(settings.rest(), 2L * recentSize));
            recentNext = recentSize;            // not yet wrapped: the scores lie in order from 0
        }
        recentScores[recentNext] = score;
        recentNext = (recentNext + 1) % recentScores.length;
        recentSize = Math.min(recentSize + 1, recentScores.length);
    }

    /** Contexts remembered so far (never forgotten). */
    public int contexts() {
        return memory.contexts();
    }

    /** Semi-contexts remembered so far (never forgotten). */
    public int semiContexts() {
        return memory.semiContexts();
    }

    /** The facts of a bin: Python's {@code bin(n).lstrip("0b").rjust(bits, "0")}, read from the last digit. */
    private Set<Long> facts(long bin) {
        String digits = bin < 0 ? "-0b" + Long.toBinaryString(-bin) : "0b" + Long.toBinaryString(bin);
        int from = 0;
        while (from < digits.length() && (digits.charAt(from) == '0' || digits.charAt(from) == 'b')) {
            from++;
        }
        StringBuilder padded = new StringBuilder(digits.substring(from));
        while (padded.length() < settings.bits()) {
            padded.insert(0, '0');
        }
        Set<Long> facts = new TreeSet<>();
        for (int k = 0; k < padded.length(); k++) {
            char digit = padded.charAt(padded.length() - 1 - k);
            facts.add(k * 2L + (digit == '1' ? 1 : 0));
        }
        return facts;
    }

    /** The original's {@code step}: the score before rest. */
    private double current(Set<Long> sensed) {
        List<Long> current = new ArrayList<>(sensed);          // sorted: a TreeSet
        Set<ContextMemory.Candidate> unique = new HashSet<>();
        boolean newContext = false;
        if (!leftFacts.isEmpty() && !current.isEmpty()) {
            ContextMemory.Candidate zero = new ContextMemory.Candidate(leftFacts, current);
            unique.add(zero);
            newContext = memory.addZeroLevel(zero);
        }
        ContextMemory.Crossing crossing = memory.crossRight(current, newContext);
        unique.addAll(crossing.candidates());
        double activeShare = crossing.selected() > 0 ? crossing.active().size() / (double) crossing.selected() : 0.0;

        List<ContextMemory.Active> sorted = new ArrayList<>(crossing.active());
        sorted.sort(Comparator.comparingInt(ContextMemory.Active::count)
                .thenComparingLong(ContextMemory.Active::leftHash).thenComparingLong(ContextMemory.Active::rightHash));
        TreeSet<Long> left = new TreeSet<>(current);
        for (ContextMemory.Active a : sorted.subList(Math.max(0, sorted.size() - settings.maxActive()), sorted.size())) {
            left.add(NEURON_FACT + a.id());
        }
        leftFacts = List.copyOf(left);

        int added = memory.crossLeft(leftFacts, crossing.candidates()) + (newContext ? 1 : 0);
        double newShare = newContext && !unique.isEmpty() ? added / (double) unique.size() : 0.0;
        return (1.0 - activeShare + newShare) / 2.0;
    }
}
