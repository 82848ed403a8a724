package org.prognos.inference.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.prognos.models.runtime.answer.RemainingLife;

/**
 * One asset's line of the at-risk report (also a row of {@code report.csv} and an entry of {@code report.json}; the
 * fields are documented in inference/REPORT.md).
 *
 * @param rank            1 = most at risk
 * @param asset           asset id
 * @param scoredAt        the time the features were evaluated at
 * @param band            risk band: low, watch, high, critical (relative to the model's alarm threshold)
 * @param risk            risk score in [0, 1] (a classifier's P(any failure within the horizon), calibrated when the
 *                        bundle carries a calibration; for RUL models 1 − RUL / reference life)
 * @param byComponent     failure probability per component (classifiers), empty otherwise
 * @param componentAtRisk the most probable failing component, for a model with several failure classes
 * @param rul             remaining useful life in the model's unit (RUL models)
 * @param rulInterval     the conformal interval around it, when the model's bundle carries one
 * @param healthIndex     0 (failing) to 100 (healthy)
 * @param drivers         the features that move the risk most (largest |contribution| first); empty when the asset
 *                        was not explained
 * @param sensors         top contributing sensors, strongest first
 * @param partialWindow   true when the asset's history does not yet cover the spec's windows
 * @param facts           the asset's attributes and last maintenance
 * @param action          what to do and how soon, from the report's action table
 */
public record ReportRow(int rank, String asset, String scoredAt, String band, double risk, Map<String, Double> byComponent,
                        Optional<String> componentAtRisk, OptionalDouble rul, Optional<RemainingLife.Interval> rulInterval,
                        double healthIndex, List<Driver> drivers, List<String> sensors, boolean partialWindow,
                        AssetFacts facts, Action action) {
    public ReportRow {
        byComponent = Map.copyOf(byComponent);
        Objects.requireNonNull(componentAtRisk, "componentAtRisk");
        Objects.requireNonNull(rulInterval, "rulInterval");
        drivers = List.copyOf(drivers);
        sensors = List.copyOf(sensors);
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(action, "action");
    }

    /** The interval in words for a table cell: {@code 12–31}, or {@code ≥ 106} when it is open above; empty without one. */
    public String rulIntervalText() {
        return rulInterval.map(i -> i.openAbove() ? String.format(Locale.ROOT, "≥ %.0f", i.low())
                : String.format(Locale.ROOT, "%.0f–%.0f", i.low(), i.high())).orElse("");
    }

    /** The drivers in words, as the table and the asset's section both show them. */
    public String driversText() {
        return String.join("; ", drivers.stream().map(Driver::text).toList());
    }
}
