package org.prognos.models.anomaly;

import java.nio.file.Files;
import java.util.List;
import org.prognos.models.BundleFormatException;
import org.prognos.models.bundle.Payload;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.predict.Predictions;

/**
 * A fitted anomaly model, the whole {@code anomaly-json} payload: the columns it reads, their scaling, the detector
 * and the score calibration (see the package description for how a row is scored). Immutable.
 *
 * @param format      {@value #FORMAT}
 * @param columns     the feature columns a row holds, in order
 * @param scaling     the columns' normal-row scaling
 * @param detector    the fitted detector, over the scaled columns
 * @param calibration the raw score's calibration on held-out normal rows
 * @param scoring     how the service scores a row: alone ({@link AnomalyScoring#STATIC}) or through a per-asset
 *                    {@link AdaptiveScorer}
 */
public record AnomalyModel(String format, List<String> columns, ColumnScaling scaling, Detector detector,
                           ScoreCalibration calibration, AnomalyScoring scoring) {
    /** The payload format this code reads and writes. */
    public static final String FORMAT = "prognos-anomaly/1";
    /** The payload file name in a bundle. */
    public static final String FILE = "anomaly.json";

    public AnomalyModel {
        if (!FORMAT.equals(format)) {
            throw new BundleFormatException("anomaly payload format must be '" + FORMAT + "', found '" + format + "'");
        }
        if (columns == null || columns.isEmpty() || scaling == null || detector == null || calibration == null
                || scoring == null) {
            throw new BundleFormatException("an anomaly model needs columns, scaling, detector, calibration and scoring");
        }
        columns = List.copyOf(columns);
        if (scaling.width() != columns.size() || detector.width() != columns.size()) {
            throw new BundleFormatException("an anomaly model over " + columns.size() + " columns has a scaling of "
                    + scaling.width() + " and a detector of " + detector.width() + " columns");
        }
    }

    /** The model of these parts, in the current format, scoring each row alone. */
    public static AnomalyModel of(List<String> columns, ColumnScaling scaling, Detector detector, ScoreCalibration calibration) {
        return new AnomalyModel(FORMAT, columns, scaling, detector, calibration, AnomalyScoring.STATIC);
    }

    /** A copy the service scores with {@code to}. */
    public AnomalyModel withScoring(AnomalyScoring to) {
        return new AnomalyModel(format, columns, scaling, detector, calibration, to);
    }

    /** The adaptive settings the service runs, when this model is scored adaptively. */
    public java.util.Optional<AdaptiveScoring> adaptive() {
        return scoring instanceof AnomalyScoring.Adaptive a ? java.util.Optional.of(a.settings()) : java.util.Optional.empty();
    }

    /** The raw score of one row (no calibration): what calibration and evaluation fit on. */
    public double raw(double[] row) {
        return detector.score(scaling.apply(row), new double[columns.size()]);
    }

    /**
     * Scores rows already checked by {@link org.prognos.models.predict.FeatureRows#check}: calibrated score, raw
     * score and per-column contributions. Each row is scored alone, so a batch gives the same bits as its rows one
     * by one.
     */
    public Predictions.Anomalies score(double[][] rows) {
        double[] scores = new double[rows.length];
        double[] raw = new double[rows.length];
        double[][] contributions = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            contributions[r] = new double[columns.size()];
            raw[r] = detector.score(scaling.apply(rows[r]), contributions[r]);
            scores[r] = calibration.score(raw[r]);
        }
        return new Predictions.Anomalies(scores, raw, calibration.threshold(), contributions);
    }

    /** This model as a bundle payload. */
    public Payload payload() {
        String json = AnomalyJson.write(this);
        return new Payload(PayloadKind.ANOMALY_JSON, FILE, dir -> Files.writeString(dir.resolve(FILE), json + "\n"));
    }

    /** A copy calibrated with {@code calibration}. */
    public AnomalyModel withCalibration(ScoreCalibration calibration) {
        return new AnomalyModel(format, columns, scaling, detector, calibration, scoring);
    }
}
