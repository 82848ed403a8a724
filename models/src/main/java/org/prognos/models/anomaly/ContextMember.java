package org.prognos.models.anomaly;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prognos.PrognosException;
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
 * <p>State: the buffer while learning (8 bytes a row), then a ring of {@code 2 · memory} values (16 bytes a row of
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
 */
public record ContextMember(String column, int memory, double margin, int learning) {
    public ContextMember {
        require(column != null && !column.isBlank(), "column", column, "a feature column's name");
        require(memory >= 1, "memory", memory, "at least 1");
        require(Double.isFinite(margin) && margin >= 0, "margin", margin, "finite and at least 0");
        require(learning >= 1, "learning", learning, "at least 1");
    }

    /** The index of {@link #column} among {@code columns}; fails naming the columns when it is not one of them. */
    public int columnIn(List<String> columns) {
        int at = columns.indexOf(column);
        if (at < 0) {
            throw new PrognosException("the contextual member reads column '" + column
                    + "', which the anomaly model does not have; its columns are " + columns);
        }
        return at;
    }

    /** The member by name, for provenance and the settings' fingerprint. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("column", column);
        m.put("memory", memory);
        m.put("margin", margin);
        m.put("learning", learning);
        return m;
    }

    private static void require(boolean ok, String name, Object value, String what) {
        if (!ok) {
            throw new PrognosException("contextual member '" + name + "' must be " + what + ", found " + value);
        }
    }
}
