package org.prognos.models.runtime;

import org.prognos.models.PredictionException;
import org.prognos.models.calibration.ProbabilityCalibration;
import org.prognos.models.predict.ModelInfo;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;

/**
 * A classifier's predictor whose class probabilities come out calibrated ({@link ProbabilityCalibration#applyRow}):
 * what the training evaluation and {@code prognos evaluate} score, so their figures are those of the probabilities the
 * service answers with. Closing it closes the model.
 */
public final class CalibratedPredictor implements Predictor {
    private final Predictor model;
    private final ProbabilityCalibration calibration;

    /**
     * @param model       a classifier's predictor (answers with probabilities)
     * @param calibration the map to apply to its P(any failure)
     */
    public CalibratedPredictor(Predictor model, ProbabilityCalibration calibration) {
        this.model = model;
        this.calibration = calibration;
    }

    @Override
    public ModelInfo info() {
        return model.info();
    }

    @Override
    public Predictions predict(double[][] featureRows) {
        if (!(model.predict(featureRows) instanceof Predictions.Probabilities p)) {
            throw new PredictionException("a probability calibration applies to class probabilities; " + model.info().name()
                    + " predicts values");
        }
        double[][] rows = p.probabilities();
        for (int r = 0; r < rows.length; r++) {
            rows[r] = calibration.applyRow(rows[r]);
        }
        return new Predictions.Probabilities(p.classes(), rows);
    }

    @Override
    public void close() {
        model.close();
    }
}
