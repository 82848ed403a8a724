package org.prognos.features.synthetic;

import java.util.LinkedHashMap;
import java.util.Map;
import org.prognos.features.InvalidSpecException;

/**
 * How a synthetic fleet wears out: the knobs of the degradation, failure, maintenance and alarm processes.
 * Rates are per component of one element; the element's type and age scale the onset rate (see
 * {@link AssetType#hazard}; an element of age {@code a} years wears {@code 1 + a/10} times faster to start).
 *
 * @param neverFailShare         share of elements that never degrade or fail (right-censored histories), in [0, 1]
 * @param onsetsPerYear          degradation onsets per healthy component-year, before type and age factors
 * @param medianHoursToFailure   median hours from onset to failure at nominal wear (log-normal, σ 0.5)
 * @param suddenFailuresPerYear  failures per component-year that come without degradation (no precursor)
 * @param maintenanceIntervalDays days between scheduled visits (±15 % jitter, random phase per element)
 * @param routineReplacement     probability that a scheduled visit replaces a healthy component, in [0, 1];
 *                               a degrading component of degradation {@code d} is replaced with probability
 *                               {@code 0.2 + 0.8 d}
 * @param medianRepairHours      median hours from a failure to the repair visit (log-normal, σ 0.8, 1 to 96 h)
 * @param backgroundAlarmsPerDay alarms per element-day unrelated to any degradation (noise)
 */
public record Reliability(
        double neverFailShare,
        double onsetsPerYear,
        double medianHoursToFailure,
        double suddenFailuresPerYear,
        double maintenanceIntervalDays,
        double routineReplacement,
        double medianRepairHours,
        double backgroundAlarmsPerDay) {

    public Reliability {
        probability("neverFailShare", neverFailShare);
        nonNegative("onsetsPerYear", onsetsPerYear);
        positive("medianHoursToFailure", medianHoursToFailure);
        nonNegative("suddenFailuresPerYear", suddenFailuresPerYear);
        positive("maintenanceIntervalDays", maintenanceIntervalDays);
        probability("routineReplacement", routineReplacement);
        positive("medianRepairHours", medianRepairHours);
        nonNegative("backgroundAlarmsPerDay", backgroundAlarmsPerDay);
    }

    /**
     * A plausible access network: 30 % of the elements never fail; the rest see one to two degradation
     * onsets per element-year (0.25 per component before type and age factors), three to four weeks from
     * onset to failure, a few sudden failures, quarterly visits. About one failure per element-year results
     * over the whole fleet.
     */
    public static Reliability defaults() {
        return new Reliability(0.3, 0.25, 600, 0.01, 90, 0.05, 8, 0.05);
    }

    /**
     * A fleet that wears out fast, so that short histories of a few dozen elements still hold many
     * failures: for tests and demos.
     */
    public static Reliability wearing() {
        return new Reliability(0.2, 2.0, 300, 0.02, 60, 0.05, 8, 0.05);
    }

    /** A fleet where nothing degrades or fails: alarms are background noise only. */
    public static Reliability neverFailing() {
        return new Reliability(1.0, 0, 600, 0, 90, 0.05, 8, 0.05);
    }

    /** The knobs as text, for provenance records and file headers. */
    public Map<String, String> provenance() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("neverFailShare", Double.toString(neverFailShare));
        m.put("onsetsPerYear", Double.toString(onsetsPerYear));
        m.put("medianHoursToFailure", Double.toString(medianHoursToFailure));
        m.put("suddenFailuresPerYear", Double.toString(suddenFailuresPerYear));
        m.put("maintenanceIntervalDays", Double.toString(maintenanceIntervalDays));
        m.put("routineReplacement", Double.toString(routineReplacement));
        m.put("medianRepairHours", Double.toString(medianRepairHours));
        m.put("backgroundAlarmsPerDay", Double.toString(backgroundAlarmsPerDay));
        return m;
    }

    private static void probability(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new InvalidSpecException("reliability." + name + " must be a probability in [0, 1], found " + v);
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new InvalidSpecException("reliability." + name + " must be a finite number >= 0, found " + v);
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new InvalidSpecException("reliability." + name + " must be a finite number > 0, found " + v);
        }
    }
}
