package org.prognos.models.anomaly;

/**
 * The 0–100 health index of an anomaly model: 100 · (1 − s^m) for calibrated score s, with
 * m = ln(0.5) / ln(1 − α) chosen so that the index is <b>50 exactly at the alarm threshold</b> (s = 1 − α).
 *
 * <p>It falls monotonically as the raw score rises (s does), is about 100 on typical normal data (at α = 1 %,
 * m ≈ 69: the median normal row, s = 0.5, reads 100.0; s = 0.9 reads 99.9; s = 0.98 reads 75) and tends to 0 far
 * beyond anything normal. So a scheduler reads it like the supervised models' index: high is healthy, below 50 is
 * an alarm.
 */
public final class HealthIndex {
    private HealthIndex() {
    }

    /** The health index of calibrated score {@code score} for a model alarming at false-alarm rate {@code falseAlarmRate}. */
    public static double of(double score, double falseAlarmRate) {
        double m = Math.log(0.5) / Math.log(1 - falseAlarmRate);
        return 100 * (1 - Math.pow(Math.min(1, Math.max(0, score)), m));
    }
}
