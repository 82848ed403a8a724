package org.prognos.models.anomaly;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prognos.PrognosException;

/**
 * The stuck-value check of adaptive scoring, a novelty rule beside the range check: a row scores 1 when the current
 * run of identical values of one column becomes longer than the longest run this asset has shown so far, widened by
 * {@code widening} times that run, and longer than {@code minRun}; once per run (a run that has alarmed stays silent
 * until it ends, as a new extreme is one alarm). No threshold of its own, no likelihood: what is judged is whether
 * the asset has ever held one value this long, as the range check judges whether it has ever gone this far. Why: a
 * sensor that sticks (a frozen register, a disconnected transmitter that repeats its last reading, a value held by a
 * gateway) is a classic fault that a detector on the lag window sees as a perfectly normal, perfectly flat window.
 *
 * <p>The rule, per asset ({@link StuckValueState}): values are the column's <b>raw</b> values (before scaling), and a
 * run continues while each value is exactly equal to the one before ({@code ==}, so +0.0 and −0.0 are one value; no
 * tolerance: a stuck sensor repeats its reading bit for bit, and any tolerance would be a number with no argument,
 * while a slowly moving or coarsely quantised signal that repeats values for a while shows those runs, which the rule
 * learns as it learns the range). A run's length counts its values (a value unlike the one before starts a run of 1).
 * The longest run seen is the longest that has <b>ended</b> (a run in progress is not yet known to end); the row whose
 * run reaches more than max((1 + widening) · longest, minRun) values scores 1. A missing value ({@code NaN}) neither
 * continues nor ends a run: a sensor that is stuck between gaps is still stuck.
 *
 * <p>What it does on streams unlike telemetry: on integer counts, where ties are common, the longest run seen is
 * learned from the stream itself (runs of equal counts in quiet hours), so ties alarm only when a run outlasts every
 * earlier one by the widening; {@code minRun} keeps a stream that has never repeated (longest 1) from alarming on its
 * first short tie. A stream constant from its start has no ended run: its first run crosses {@code minRun} while the
 * asset warms up (or is on probation), and that crossing is its one alarm, silenced by the warm-up; it stays silent
 * while the value holds, and once it moves, the first run is the longest seen, so a later flat stretch must outlast it.
 * A stream that is always constant never alarms.
 *
 * @param column  the feature column whose raw values are watched; resolved to an index when a scorer is made, so a
 *                model without it fails then, naming the columns
 * @param widening the share by which a run must outlast the longest seen one, at least 0 (the range check's 5 %, say)
 * @param minRun  the length a run must exceed whatever the stream has shown, at least 1 (a lag window's length, so
 *                that only a run longer than the whole window the detector sees can alarm)
 */
public record StuckValueCheck(String column, double widening, int minRun) {
    public StuckValueCheck {
        require(column != null && !column.isBlank(), "column", column, "a feature column's name");
        require(widening >= 0 && Double.isFinite(widening), "widening", widening, "a finite share, at least 0");
        require(minRun >= 1, "minRun", minRun, "at least 1 value");
    }

    /** The index of {@link #column} among {@code columns}; fails naming the columns when it is not one of them. */
    public int columnIn(List<String> columns) {
        return MemberColumn.indexIn(columns, column, "the stuck-value check watches");
    }

    /** The number of values a run must exceed, after the longest ended run had {@code longest} values. */
    public double bound(long longest) {
        return Math.max((1 + widening) * longest, minRun);
    }

    /** The check by name, for provenance and the settings' fingerprint. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("column", column);
        m.put("widening", widening);
        m.put("minRun", minRun);
        return m;
    }

    private static void require(boolean ok, String name, Object value, String what) {
        if (!ok) {
            throw new PrognosException("stuck-value check '" + name + "' must be " + what + ", found " + value);
        }
    }
}
