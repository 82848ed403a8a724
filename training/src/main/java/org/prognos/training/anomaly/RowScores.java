package org.prognos.training.anomaly;

import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.HealthIndex;
import org.prognos.models.predict.Predictions;

/**
 * One contender's answer for each evaluated row, as the service would report it: the score in [0, 1], the 0–100 health
 * index and whether the row alarms. The evaluation judges every contender (the fitted model, the adaptive score the
 * service runs, the baseline) from these three alone, so the figures beside each other are computed the same way.
 * Immutable: the arrays are copied in and out.
 *
 * @param scores the score of each row
 * @param health the health index of each row (50 at the alarm level)
 * @param alarms whether each row alarms
 */
public record RowScores(double[] scores, double[] health, boolean[] alarms) {
    public RowScores {
        if (scores.length != health.length || scores.length != alarms.length) {
            throw new IllegalArgumentException("row scores of unequal lengths: " + scores.length + " scores, " + health.length
                    + " health indices, " + alarms.length + " alarms");
        }
        scores = scores.clone();
        health = health.clone();
        alarms = alarms.clone();
    }

    /**
     * The fitted model's view: each row scored alone, calibrated on held-out normal rows; a row alarms when its raw
     * score reaches the calibrated threshold, and its health index is {@link HealthIndex} at the model's false-alarm
     * rate.
     */
    public static RowScores fitted(AnomalyModel model, double[][] rows) {
        return fitted(model, rows, java.util.Collections.nCopies(rows.length, java.util.Optional.empty()));
    }

    /**
     * As {@link #fitted(AnomalyModel, double[][])}, each row scaled as its asset's ({@code assets}, one per row): a
     * model with {@code task.scaling: asset} scales a row by its asset's own scaling ({@link AnomalyModel#scalingOf}).
     */
    public static RowScores fitted(AnomalyModel model, double[][] rows, java.util.List<java.util.Optional<String>> assets) {
        Predictions.Anomalies p = model.score(rows, assets);
        double[] raw = p.raw();
        double[] scores = p.scores();
        double[] health = new double[rows.length];
        boolean[] alarms = new boolean[rows.length];
        double rate = model.calibration().falseAlarmRate();
        for (int r = 0; r < rows.length; r++) {
            alarms[r] = model.calibration().alarm(raw[r]);
            health[r] = HealthIndex.of(scores[r], rate);
        }
        return new RowScores(scores, health, alarms);
    }

    /** The number of rows. */
    public int size() {
        return scores.length;
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public double[] health() {
        return health.clone();
    }

    @Override
    public boolean[] alarms() {
        return alarms.clone();
    }

    /** Whether row {@code r} alarms (without copying). */
    public boolean alarm(int r) {
        return alarms[r];
    }

    /** The health index of row {@code r} (without copying). */
    public double health(int r) {
        return health[r];
    }
}
