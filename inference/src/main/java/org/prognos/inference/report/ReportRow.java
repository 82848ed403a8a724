package org.prognos.inference.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.prognos.models.runtime.answer.RemainingLife;

/**
 * One asset's line of the at-risk report (also a row of {@code report.csv} and {@code report.json}).
 *
 * @param rank          1 = most at risk
 * @param asset         asset id
 * @param scoredAt      the time the features were evaluated at
 * @param band          risk band: low, watch, high, critical (relative to the model's alarm threshold)
 * @param risk          risk score in [0, 1] (a classifier's P(any failure within the horizon); for RUL models
 *                      1 − RUL / reference life)
 * @param byComponent   failure probability per component (classifiers), empty otherwise
 * @param rul           remaining useful life in the model's unit (RUL models)
 * @param rulInterval   the conformal interval around it, when the model's bundle carries one
 * @param healthIndex   0 (failing) to 100 (healthy): 100 × (1 − risk)
 * @param drivers       top contributing features (explained assets only), strongest first
 * @param sensors       top contributing sensors (explained assets only), strongest first
 * @param partialWindow true when the asset's history does not yet cover the spec's windows
 */
public record ReportRow(int rank, String asset, String scoredAt, String band, double risk, Map<String, Double> byComponent,
                        OptionalDouble rul, Optional<RemainingLife.Interval> rulInterval, double healthIndex, List<String> drivers, List<String> sensors, boolean partialWindow) {
    public ReportRow {
        byComponent = Map.copyOf(byComponent);
        Objects.requireNonNull(rulInterval, "rulInterval");
        drivers = List.copyOf(drivers);
        sensors = List.copyOf(sensors);
    }

    /** The interval in words for a table cell: {@code 12–31}, or {@code ≥ 106} when it is open above; empty without one. */
    public String rulIntervalText() {
        return rulInterval.map(i -> i.openAbove() ? String.format(java.util.Locale.ROOT, "≥ %.0f", i.low())
                : String.format(java.util.Locale.ROOT, "%.0f–%.0f", i.low(), i.high())).orElse("");
    }
}
