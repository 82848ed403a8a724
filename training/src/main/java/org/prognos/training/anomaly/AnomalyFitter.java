package org.prognos.training.anomaly;

import java.util.List;
import org.prognos.PrognosException;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.ColumnScaling;
import org.prognos.models.anomaly.Detector;
import org.prognos.models.anomaly.ScoreCalibration;

/**
 * Fits an anomaly model in three steps, each on what it may see: the column scaling and the detector on the normal
 * training rows, the score calibration on held-out normal rows the detector never saw.
 */
public final class AnomalyFitter {
    private AnomalyFitter() {
    }

    /**
     * @param columns        the feature columns
     * @param trainNormal    normal rows the scaling and the detector learn from
     * @param heldOutNormal  normal rows of other assets (or a later period) that only calibrate the score
     * @param settings       the family and its hyperparameters
     * @param falseAlarmRate the alarm threshold's share of held-out normal rows
     * @param seed           seeds any sampling
     * @throws PrognosException when either set of rows is empty
     */
    public static AnomalyModel fit(List<String> columns, double[][] trainNormal, double[][] heldOutNormal,
                                   DetectorSettings settings, double falseAlarmRate, long seed) {
        return fit(columns, trainNormal, heldOutNormal, settings, falseAlarmRate, seed, line -> { });
    }

    /** As {@link #fit(List, double[][], double[][], DetectorSettings, double, long)}, telling {@code log} how training went. */
    public static AnomalyModel fit(List<String> columns, double[][] trainNormal, double[][] heldOutNormal,
                                   DetectorSettings settings, double falseAlarmRate, long seed,
                                   java.util.function.Consumer<String> log) {
        if (trainNormal.length == 0) {
            throw new PrognosException("no normal training rows: 'task.normal' selects none of the training assets' rows");
        }
        if (heldOutNormal.length == 0) {
            throw new PrognosException("no held-out normal rows to calibrate the score: 'task.normal' selects none of the"
                    + " calibration (validation) assets' rows; widen 'task.normal' or 'split.validationFraction'");
        }
        ColumnScaling scaling = ColumnScaling.fit(trainNormal, columns.size());
        double[][] z = new double[trainNormal.length][];
        for (int r = 0; r < z.length; r++) {
            z[r] = scaling.apply(trainNormal[r]);
        }
        Detector detector = settings.fit(z, seed, log);
        double[] raw = new double[heldOutNormal.length];
        double[] scratch = new double[columns.size()];
        for (int r = 0; r < raw.length; r++) {
            raw[r] = detector.score(scaling.apply(heldOutNormal[r]), scratch);
        }
        return AnomalyModel.of(columns, scaling, detector, ScoreCalibration.fit(raw, falseAlarmRate));
    }
}
