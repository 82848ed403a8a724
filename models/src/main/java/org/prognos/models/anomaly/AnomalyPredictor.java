package org.prognos.models.anomaly;

import org.prognos.models.BundleFormatException;
import org.prognos.models.PredictionException;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Task;
import org.prognos.models.predict.FeatureRows;
import org.prognos.models.predict.ModelInfo;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;

/**
 * Serves an {@code anomaly-json} payload: {@link Predictions.Anomalies} for every row. Missing values
 * ({@code NaN}) are read as the normal centre (see {@link ColumnScaling}). Holds no native resources; {@code close}
 * only marks it closed.
 */
public final class AnomalyPredictor implements Predictor {
    private final ModelInfo info;
    private final AnomalyModel model;
    private volatile boolean closed;

    /** A predictor for {@code model}, described by {@code info} (whose task must be an anomaly task). */
    public static AnomalyPredictor of(AnomalyModel model, ModelInfo info) {
        if (!(info.task() instanceof Task.Anomaly a)) {
            throw new BundleFormatException("an anomaly payload cannot serve a " + info.task().typeName() + " task");
        }
        if (!model.columns().equals(info.featureColumns())) {
            throw new BundleFormatException("the anomaly payload reads columns " + model.columns()
                    + ", the manifest names " + info.featureColumns());
        }
        if (!a.family().equals(model.detector().family()) || a.falseAlarmRate() != model.calibration().falseAlarmRate()) {
            throw new BundleFormatException("the manifest's task (" + a.family() + ", false-alarm rate " + a.falseAlarmRate()
                    + ") does not match the payload's (" + model.detector().family() + ", "
                    + model.calibration().falseAlarmRate() + ")");
        }
        return new AnomalyPredictor(info, model);
    }

    private AnomalyPredictor(ModelInfo info, AnomalyModel model) {
        this.info = info;
        this.model = model;
    }

    /**
     * Loads the model of a verified bundle and checks it fits the bundle's task and columns.
     *
     * @throws BundleFormatException naming the payload and the problem
     */
    public static AnomalyPredictor load(LoadedBundle bundle) {
        String file = bundle.manifest().payload().file();
        AnomalyModel model = AnomalyJson.parse(bundle.readVerified(file), bundle.payloadPath().toString());
        return of(model, ModelInfo.of(bundle.manifest()));
    }

    /** The model served. */
    public AnomalyModel model() {
        return model;
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
        return model.score(featureRows);
    }

    @Override
    public Predictions predict(double[][] featureRows, java.util.List<java.util.Optional<String>> assets) {
        if (closed) {
            throw new PredictionException("predictor " + info.reference() + " is closed");
        }
        FeatureRows.check(featureRows, info.featureColumns());
        return model.score(featureRows, assets);
    }

    @Override
    public void close() {
        closed = true;
    }
}
