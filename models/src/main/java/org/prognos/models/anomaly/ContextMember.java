package org.prognos.models.anomaly;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prognos.PrognosException;
import org.prognos.models.anomaly.context.ContextRange;
import org.prognos.models.anomaly.context.ForgettingContextScorer;

/**
 * The contextual detector as a member of adaptive scoring: a {@link ForgettingContextScorer} (a port of NAB's
 * contextOSE whose memory forgets, its range widened around every value seen) on the raw value of one feature column,
 * blended into the adaptive score by {@link ContextBlend#corroborated}. Why a second member: online neighbours judge
 * a lag window by its distance to the asset's recent windows, the contextual detector by the sequence of quantised
 * values it has learned; on NAB the blend of the two scored 69.9 (standard profile) where neighbours alone scored
 * 67.9 (benchmarks/nab/README.md, configuration 58).
 *
 * <p>How it runs, per asset: the asset's first {@code learning} finite values of {@code column} are buffered (the
 * member scores 0 meanwhile); at the last of them the scorer starts on their range ({@link
 * ForgettingContextScorer#learnedFrom}: range widened by {@code margin}, the detector's rest a fifth of
 * {@code learning}) and is fed them, as the NAB runner does with a file's probation; every later value is scored. A
 * row whose value is missing or not finite leaves the member untouched (it scores 0 there).
 *
 * <p>A declared {@code range} (a datasheet's limits, a percentage's 0–100: the "min and max known to the detector" of
 * NAB's harness) replaces the learned one: the scorer starts on it at the asset's first finite value ({@link
 * ForgettingContextScorer#givenRange}, {@link ForgettingContextScorer.Range#GIVEN}), never moves it (no rebuild) and
 * clips a value beyond it into it; the margin is then 0 (a declared limit is not widened). The member still scores 0
 * for its first {@code learning} finite values, as a learned one does: nothing is left to learn about the range, but
 * the contexts still need rows before their novelty means anything, and the two kinds of member then start speaking
 * at the same row. {@code learning} also sets the detector's rest (a fifth of it) either way.
 *
 * <p>{@code bins} says what a learned range does when a value leaves it: {@link Bins#WIDENING} (configuration 58's,
 * the default) widens it around every value seen and rebuilds the memory by replay; {@link Bins#OPEN} keeps the
 * learned range's bins for good and quantises a value beyond it into a bin of the same width beyond the range, a new
 * symbol ({@link ForgettingContextScorer.Range#OPEN}): one excursion then does not coarsen normal data's bins for the
 * rest of the asset's life, and no replay runs on the scoring path. A declared range has neither (it is fixed, a
 * value beyond it clipped).
 *
 * <p>State: the buffer while learning a range (8 bytes a row; none with a declared range), then a ring of {@code 2 · memory} values (16 bytes a row of
 * memory) and the contexts of the two detectors, which a snapshot does not store: they are a function of the ring
 * and are rebuilt by replay on restore.
 *
 * @param column   the feature column whose raw (unscaled) value the member reads; resolved to an index when a scorer
 *                 is made, so a model without it fails then, naming the columns
 * @param memory   rows a contextual detector learns before a younger one starts (its memory is memory … 2 · memory
 *                 rows); at least 1
 * @param margin   the share of the seen range's span added on each side; finite, at least 0
 * @param learning the asset's first finite values that set the range and the detector's rest; at least 1 (a job takes
 *                 its warm-up rows; the NAB runner a file's probation)
 * @param range    the range the user declared for the column's values; empty: learned from the learning values (a
 *                 declared one must be wider than one value, and comes with a margin of 0)
 * @param bins     what a learned range does when a value leaves it: widen ({@link Bins#WIDENING}) or keep its bins
 *                 and give the value a bin beyond them ({@link Bins#OPEN}); {@code WIDENING} with a declared range
 */
public record ContextMember(String column, int memory, double margin, int learning,
                            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<ContextRange> range,
                            Bins bins) {
    /** What a learned range does when a value leaves it. */
    public enum Bins {
        /** The range widens around every value seen (margin included) and the memory is rebuilt by replay (58). */
        WIDENING,
        /** The learned range's bins stay; a value beyond them gets a bin of the same width beyond the range. */
        OPEN
    }

    public ContextMember {
        require(column != null && !column.isBlank(), "column", column, "a feature column's name");
        require(memory >= 1, "memory", memory, "at least 1");
        require(Double.isFinite(margin) && margin >= 0, "margin", margin, "finite and at least 0");
        require(learning >= 1, "learning", learning, "at least 1");
        require(range != null, "range", range, "a declared range or none (Optional.empty())");
        range.ifPresent(r -> require(r.min() < r.max(), "range", List.of(r.min(), r.max()),
                "[low, high] with low < high"));
        require(range.isEmpty() || margin == 0, "margin", margin, "0 with a declared range (a declared limit is not"
                + " widened)");
        require(bins != null, "bins", bins, "one of " + java.util.Arrays.toString(Bins.values()));
        require(range.isEmpty() || bins == Bins.WIDENING, "bins", bins, "left out with a declared range (it never"
                + " moves; a value beyond it is clipped)");
    }

    /** A member whose range is learned from the asset's first {@code learning} values, widened by {@code margin}. */
    public ContextMember(String column, int memory, double margin, int learning) {
        this(column, memory, margin, learning, Optional.empty());
    }

    /** A member with a declared {@code range} or (empty) a learned one that widens ({@link Bins#WIDENING}). */
    public ContextMember(String column, int memory, double margin, int learning, Optional<ContextRange> range) {
        this(column, memory, margin, learning, range, Bins.WIDENING);
    }

    /**
     * A member whose range is learned from the asset's first {@code learning} values, widened by {@code margin}, and
     * whose bins stay open beyond it ({@link Bins#OPEN}).
     */
    public static ContextMember openBins(String column, int memory, double margin, int learning) {
        return new ContextMember(column, memory, margin, learning, Optional.empty(), Bins.OPEN);
    }

    /** A member whose values are declared to lie in {@code range}: the scorer starts on it and never moves it. */
    public static ContextMember declared(String column, int memory, int learning, ContextRange range) {
        return new ContextMember(column, memory, 0.0, learning, Optional.of(range));
    }

    /**
     * How the member's range follows the values: {@code GIVEN} with a declared range, else {@code OPEN} with open
     * bins, else {@code SEEN}.
     */
    ForgettingContextScorer.Range rule() {
        if (range.isPresent()) {
            return ForgettingContextScorer.Range.GIVEN;
        }
        return bins == Bins.OPEN ? ForgettingContextScorer.Range.OPEN : ForgettingContextScorer.Range.SEEN;
    }

    /** The index of {@link #column} among {@code columns}; fails naming the columns when it is not one of them. */
    public int columnIn(List<String> columns) {
        return MemberColumn.indexIn(columns, column, "the contextual member reads");
    }

    /** The member by name, for provenance and the settings' fingerprint. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("column", column);
        m.put("memory", memory);
        m.put("margin", margin);
        m.put("learning", learning);
        // named only when declared: learned members keep the text (and snapshot fingerprints) they had
        range.ifPresent(r -> m.put("range", List.of(r.min(), r.max())));
        // named only when open: widening members keep the text (and snapshot fingerprints) they had
        if (bins == Bins.OPEN) {
            m.put("bins", "open");
        }
        return m;
    }

    private static void require(boolean ok, String name, Object value, String what) {
        if (!ok) {
            throw new PrognosException("contextual member '" + name + "' must be " + what + ", found " + value);
        }
    }
}
