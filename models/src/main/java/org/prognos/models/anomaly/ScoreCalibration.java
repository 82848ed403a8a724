package org.prognos.models.anomaly;

import java.util.Arrays;
import org.prognos.models.BundleFormatException;

/**
 * Turns a detector's raw score into a score in [0, 1] with one meaning for every family: <b>the fraction of
 * held-out normal rows that scored lower</b>. Held-out rows are normal rows the detector was not fitted on, so the
 * score is an honest false-alarm rate: alarming at score ≥ 1 − α alarms on about a fraction α of normal rows.
 *
 * <p>With the held-out raw scores sorted, r_0 ≤ … ≤ r_{n−1} (at most {@value #MAX_POINTS}: a larger held-out set is
 * kept as that many evenly spaced order statistics), r_i sits at level p_i = (i + 1) / (n + 1):
 * <ul>
 * <li>between two of them the score is linear in the raw score;</li>
 * <li>below r_0 it falls linearly to 0 at a raw score of 0;</li>
 * <li>beyond r_{n−1} it rises smoothly toward 1: s = 1 − (1 − p_{n−1}) · exp(−(raw − r_{n−1}) / tail), with
 * tail = r_{n−1} − r_{⌊0.9(n−1)⌋}, the spread of the top tenth. Rows far beyond anything normal still order
 * (a larger raw score always gives a larger score, until rounding reaches 1).</li>
 * </ul>
 * The <b>threshold</b> is the raw score whose score is 1 − α (α = {@code falseAlarmRate}); scores are
 * non-decreasing in the raw score, so score ≥ 1 − α exactly when raw ≥ threshold.
 *
 * @param reference      the sorted held-out raw scores (or their evenly spaced order statistics), at least one
 * @param tail           the scale of the tail beyond the largest, positive
 * @param falseAlarmRate α, in (0, 0.5]
 * @param threshold      the raw alarm threshold, as {@link #rawAt} computes it from the other fields
 * @param heldOutRows    how many held-out normal rows the reference came from
 */
public record ScoreCalibration(double[] reference, double tail, double falseAlarmRate, double threshold, long heldOutRows) {
    /** The most held-out scores a calibration keeps. */
    public static final int MAX_POINTS = 2000;
    /** How far a stored threshold may differ from the one its reference gives (relative). */
    private static final double THRESHOLD_TOLERANCE = 1e-9;

    public ScoreCalibration {
        if (reference == null || reference.length == 0 || reference.length > MAX_POINTS) {
            throw new BundleFormatException("a score calibration needs 1 to " + MAX_POINTS + " held-out scores, found "
                    + (reference == null ? 0 : reference.length));
        }
        reference = reference.clone();
        for (int i = 0; i < reference.length; i++) {
            if (!(reference[i] >= 0) || !Double.isFinite(reference[i]) || (i > 0 && reference[i] < reference[i - 1])) {
                throw new BundleFormatException("calibration scores must be finite, at least 0 and sorted; score " + i
                        + " is " + reference[i]);
            }
        }
        if (!(tail > 0) || !Double.isFinite(tail)) {
            throw new BundleFormatException("calibration tail must be positive and finite, found " + tail);
        }
        if (!(falseAlarmRate > 0 && falseAlarmRate <= 0.5)) {
            throw new BundleFormatException("calibration falseAlarmRate must be in (0, 0.5], found " + falseAlarmRate);
        }
        double expected = rawAt(reference, tail, 1 - falseAlarmRate);
        if (!(Math.abs(threshold - expected) <= THRESHOLD_TOLERANCE * Math.max(1, Math.abs(expected)))) {
            throw new BundleFormatException("calibration threshold " + threshold + " does not match its reference scores,"
                    + " which give " + expected + " at false-alarm rate " + falseAlarmRate);
        }
        if (heldOutRows < reference.length) {
            throw new BundleFormatException("calibration heldOutRows " + heldOutRows + " is below its " + reference.length + " scores");
        }
    }

    /**
     * The calibration of the raw scores of held-out normal rows ({@code NaN}s are refused), alarming at
     * false-alarm rate {@code falseAlarmRate}.
     */
    public static ScoreCalibration fit(double[] heldOutRaw, double falseAlarmRate) {
        if (heldOutRaw.length == 0) {
            throw new BundleFormatException("cannot calibrate anomaly scores without held-out normal rows");
        }
        double[] sorted = heldOutRaw.clone();
        Arrays.sort(sorted);
        if (!(sorted[0] >= 0) || !Double.isFinite(sorted[sorted.length - 1])) {
            throw new BundleFormatException("held-out raw scores must be finite and at least 0; found "
                    + sorted[0] + " to " + sorted[sorted.length - 1]);
        }
        double[] ref = sorted;
        if (sorted.length > MAX_POINTS) {
            ref = new double[MAX_POINTS];
            for (int i = 0; i < MAX_POINTS; i++) {     // order statistics at the same levels (i + 1) / (MAX + 1)
                ref[i] = sorted[(int) Math.min(sorted.length - 1, Math.floor((i + 1.0) / (MAX_POINTS + 1) * (sorted.length + 1)) - 1)];
            }
        }
        int n = ref.length;
        double top = ref[n - 1];
        double tail = top - ref[(int) Math.floor(0.9 * (n - 1))];
        if (!(tail > 1e-12 * Math.max(1, top))) {
            tail = 1e-12 * Math.max(1, top);           // a flat top: any excess is far out
        }
        return new ScoreCalibration(ref, tail, falseAlarmRate, rawAt(ref, tail, 1 - falseAlarmRate), heldOutRaw.length);
    }

    /** The calibrated score of {@code raw}, in [0, 1]. */
    public double score(double raw) {
        int n = reference.length;
        if (raw <= reference[0]) {
            return reference[0] > 0 ? level(0, n) * Math.max(0, raw) / reference[0] : raw < reference[0] ? 0 : level(0, n);
        }
        if (raw >= reference[n - 1]) {
            return 1 - (1 - level(n - 1, n)) * Math.exp(-(raw - reference[n - 1]) / tail);
        }
        int i = Arrays.binarySearch(reference, raw);
        if (i >= 0) {
            while (i + 1 < n && reference[i + 1] == raw) {
                i++;                                   // ties: the highest level of the equal scores
            }
            return level(i, n);
        }
        int hi = -i - 1;                               // reference[hi - 1] < raw < reference[hi]
        int lo = hi - 1;
        return level(lo, n) + (level(hi, n) - level(lo, n)) * (raw - reference[lo]) / (reference[hi] - reference[lo]);
    }

    /** Whether {@code raw} reaches the alarm threshold. */
    public boolean alarm(double raw) {
        return raw >= threshold;
    }

    /** The raw score at calibrated score {@code s} (the inverse of {@link #score}, the lowest raw score on ties). */
    static double rawAt(double[] ref, double tail, double s) {
        int n = ref.length;
        if (s <= level(0, n)) {
            return ref[0] * s / level(0, n);
        }
        if (s >= level(n - 1, n)) {
            return ref[n - 1] + tail * Math.log((1 - level(n - 1, n)) / (1 - s));
        }
        double pos = s * (n + 1) - 1;                  // fractional index
        int lo = (int) Math.floor(pos);
        double f = pos - lo;
        return f == 0 ? ref[lo] : ref[lo] + f * (ref[lo + 1] - ref[lo]);
    }

    private static double level(int i, int n) {
        return (i + 1.0) / (n + 1);
    }

    @Override
    public double[] reference() {
        return reference.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoreCalibration c && Arrays.equals(reference, c.reference) && Double.compare(tail, c.tail) == 0
                && Double.compare(falseAlarmRate, c.falseAlarmRate) == 0 && Double.compare(threshold, c.threshold) == 0
                && heldOutRows == c.heldOutRows;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(reference) * 31 + Double.hashCode(threshold);
    }

    @Override
    public String toString() {
        return "ScoreCalibration[" + heldOutRows + " held-out rows, threshold " + threshold + " at false-alarm rate " + falseAlarmRate + "]";
    }
}
