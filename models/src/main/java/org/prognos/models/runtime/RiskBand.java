package org.prognos.models.runtime;

import java.util.Locale;

/**
 * Risk bands, relative to the model's alarm threshold t (from the bundle's {@code decision.threshold}, 0.5
 * when absent), on the risk score r in [0, 1]:
 *
 * <table>
 * <caption>Bands</caption>
 * <tr><th>band</th><th>risk score</th><th>alarm</th></tr>
 * <tr><td>low</td><td>r &lt; t/2</td><td>no</td></tr>
 * <tr><td>watch</td><td>t/2 ≤ r &lt; t</td><td>no</td></tr>
 * <tr><td>high</td><td>t ≤ r &lt; (1 + t)/2</td><td>yes</td></tr>
 * <tr><td>critical</td><td>r ≥ (1 + t)/2</td><td>yes</td></tr>
 * </table>
 *
 * So "high" starts exactly where the training job chose to alarm, and "critical" half-way from there to
 * certainty. Each band knows its lower bound and what it suggests. These bounds are the supervised scale
 * ({@link BandScale.Relative}); anomaly models band on false-alarm rates instead ({@link BandScale.FalseAlarm}),
 * and the runtime bands through {@link DecisionPolicy#band}.
 */
public enum RiskBand {
    LOW {
        @Override
        public double lowerBound(double threshold) {
            return 0;
        }

        @Override
        public String action() {
            return "no action";
        }
    },
    WATCH {
        @Override
        public double lowerBound(double threshold) {
            return threshold / 2;
        }

        @Override
        public String action() {
            return "watch: check at the next routine inspection";
        }
    },
    HIGH {
        @Override
        public double lowerBound(double threshold) {
            return threshold;
        }

        @Override
        public String action() {
            return "alarm: plan maintenance within the horizon";
        }
    },
    CRITICAL {
        @Override
        public double lowerBound(double threshold) {
            return (1 + threshold) / 2;
        }

        @Override
        public String action() {
            return "alarm: act now";
        }
    };

    /** The smallest risk score in this band, for alarm threshold {@code threshold}. */
    public abstract double lowerBound(double threshold);

    /** What the band suggests doing. */
    public abstract String action();

    /** Whether the band is at or above the alarm threshold. */
    public boolean alarm() {
        return compareTo(HIGH) >= 0;
    }

    /** The band's name on the wire. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The band of risk score {@code risk} for alarm threshold {@code threshold}. */
    public static RiskBand of(double risk, double threshold) {
        RiskBand[] all = values();
        for (int i = all.length - 1; i > 0; i--) {
            if (risk >= all[i].lowerBound(threshold)) {
                return all[i];
            }
        }
        return LOW;
    }
}
