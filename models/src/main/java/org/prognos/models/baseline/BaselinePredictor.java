package org.prognos.models.baseline;

import org.prognos.models.PredictionException;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.predict.FeatureRows;
import org.prognos.models.predict.ModelInfo;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;

/** Serves a {@code baseline-json} payload. Holds no native resources; {@code close} only marks it closed. */
public final class BaselinePredictor implements Predictor {
    private final ModelInfo info;
    private final Baseline baseline;
    private volatile boolean closed;

    private BaselinePredictor(ModelInfo info, Baseline baseline) {
        this.info = info;
        this.baseline = baseline;
    }

    /**
     * Loads the baseline of a verified bundle and checks it fits the bundle's task and columns.
     *
     * @throws org.prognos.models.BundleFormatException naming the payload and the problem
     */
    public static BaselinePredictor load(LoadedBundle bundle) {
        String file = bundle.manifest().payload().file();
        Baseline baseline = BaselineJson.parse(bundle.readVerified(file), bundle.payloadPath().toString());
        ModelInfo info = ModelInfo.of(bundle.manifest());
        baseline.checkFits(info.task(), info.featureColumns());
        return new BaselinePredictor(info, baseline);
    }

    /** The baseline served. */
    public Baseline baseline() {
        return baseline;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Predictions predict(double[][] featureRows) {
        if (closed) {
            throw new PredictionException("predictor " + info.reference() + " is closed");
        }
        FeatureRows.check(featureRows, info.featureColumns());
        return baseline.predict(featureRows, info.featureColumns(), info.task());
    }

    @Override
    public void close() {
        closed = true;
    }
}
