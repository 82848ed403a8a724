package org.prognos.models.runtime;

/**
 * Where each {@link RiskBand} starts on a model's risk score. Two scales, because the risk score means two
 * different things:
 *
 * <ul>
 * <li>{@link Relative} (classifiers and RUL models): the score is a failure probability or a used-up fraction of
 * life, and the job chose an alarm threshold t on it; watch from t/2, high from t, critical from (1 + t)/2.</li>
 * <li>{@link FalseAlarm} (anomaly models): the score is the fraction of held-out normal rows that scored lower, so
 * 1 − s is a false-alarm rate. Halving the threshold there (t/2 ≈ 0.5) would put half of all normal rows on watch;
 * instead each band starts at a false-alarm rate: watch where 5α of normal rows reach, high at α (the stored
 * threshold 1 − α), critical at α/10.</li>
 * </ul>
 * Both scales put "high" exactly at the alarm threshold, so {@link RiskBand#alarm()} means the same everywhere.
 */
public sealed interface BandScale {
    /** The alarm threshold: where {@link RiskBand#HIGH} starts. */
    double threshold();

    /** The smallest risk score in {@code band}. */
    double lowerBound(RiskBand band);

    /** The band of risk score {@code risk}. */
    default RiskBand band(double risk) {
        RiskBand[] all = RiskBand.values();
        for (int i = all.length - 1; i > 0; i--) {
            if (risk >= lowerBound(all[i])) {
                return all[i];
            }
        }
        return RiskBand.LOW;
    }

    /**
     * Bands relative to a threshold chosen on a probability-like score (see {@link RiskBand}).
     *
     * @param threshold the alarm threshold, in (0, 1)
     */
    record Relative(double threshold) implements BandScale {
        public Relative {
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("alarm threshold must be in (0, 1), found " + threshold);
            }
        }

        @Override
        public double lowerBound(RiskBand band) {
            return band.lowerBound(threshold);
        }
    }

    /**
     * Bands at false-alarm rates on a calibrated anomaly score: watch from 1 − min(5α, (1 + α)/2) (the cap keeps
     * the watch band non-empty and above 0 when α is large), high from 1 − α, critical from 1 − α/10. With α = 1 %:
     * watch 0.95, high 0.99, critical 0.999, i.e. about 5 %, 1 % and 0.1 % of normal rows reach each band (the last
     * one read off the calibration's exponential tail when it held out fewer than 1,000 normal rows).
     *
     * @param falseAlarmRate α, in (0, 0.5]
     */
    record FalseAlarm(double falseAlarmRate) implements BandScale {
        /** How many times the alarm's false-alarm rate the watch band lets through. */
        public static final double WATCH_FACTOR = 5;
        /** How many times rarer than an alarm a critical score is on normal rows. */
        public static final double CRITICAL_FACTOR = 10;

        public FalseAlarm {
            if (!(falseAlarmRate > 0 && falseAlarmRate <= 0.5)) {
                throw new IllegalArgumentException("falseAlarmRate must be in (0, 0.5], found " + falseAlarmRate);
            }
        }

        @Override
        public double threshold() {
            return 1 - falseAlarmRate;
        }

        @Override
        public double lowerBound(RiskBand band) {
            return switch (band) {
                case LOW -> 0;
                case WATCH -> 1 - Math.min(WATCH_FACTOR * falseAlarmRate, (1 + falseAlarmRate) / 2);
                case HIGH -> 1 - falseAlarmRate;
                case CRITICAL -> 1 - falseAlarmRate / CRITICAL_FACTOR;
            };
        }
    }
}
