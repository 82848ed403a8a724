package org.prognos.live.alert;

/**
 * Which side of a threshold is bad, and where the way back starts. With threshold t and hysteresis h the release
 * level is t − h·|t| for {@link #HIGH_IS_BAD} and t + h·|t| for {@link #LOW_IS_BAD}: for a failure probability with
 * t = 0.3 and h = 0.2, a score is beyond at 0.3 or more and back below 0.24; for a remaining useful life with
 * t = 20 cycles, beyond at 20 or less and back above 24. With h = 0 the way back is simply "not beyond". Thresholds
 * of alert rules are non-negative in practice (probabilities, scores, lives); |t| keeps the level on the safe side
 * of a negative one too.
 */
public enum Direction {
    /** Higher is worse: failure probabilities, risk and anomaly scores. Beyond means value ≥ threshold. */
    HIGH_IS_BAD {
        @Override
        public boolean beyond(double value, double threshold) {
            return value >= threshold;
        }

        @Override
        public double releaseLevel(double threshold, double hysteresis) {
            return threshold - hysteresis * Math.abs(threshold);
        }

        @Override
        public boolean released(double value, double threshold, double hysteresis) {
            return value < releaseLevel(threshold, hysteresis);
        }

        @Override
        public double worse(double a, double b) {
            return Math.max(a, b);
        }
    },
    /** Lower is worse: remaining useful life, health index. Beyond means value ≤ threshold. */
    LOW_IS_BAD {
        @Override
        public boolean beyond(double value, double threshold) {
            return value <= threshold;
        }

        @Override
        public double releaseLevel(double threshold, double hysteresis) {
            return threshold + hysteresis * Math.abs(threshold);
        }

        @Override
        public boolean released(double value, double threshold, double hysteresis) {
            return value > releaseLevel(threshold, hysteresis);
        }

        @Override
        public double worse(double a, double b) {
            return Math.min(a, b);
        }
    };

    /** Whether {@code value} is on the bad side of {@code threshold} (the threshold itself counts as beyond). */
    public abstract boolean beyond(double value, double threshold);

    /** The level a value must pass, going back, for a score to count towards closing. */
    public abstract double releaseLevel(double threshold, double hysteresis);

    /** Whether {@code value} is strictly past the release level, on the good side. */
    public abstract boolean released(double value, double threshold, double hysteresis);

    /** The worse of two values (the alert's peak). */
    public abstract double worse(double a, double b);
}
