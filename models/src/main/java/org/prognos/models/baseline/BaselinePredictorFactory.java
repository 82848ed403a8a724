package org.prognos.models.baseline;

import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.PredictorFactory;

/** Loads {@code baseline-json} payloads with {@link BaselinePredictor}; registered in {@code META-INF/services}. */
public final class BaselinePredictorFactory implements PredictorFactory {
    @Override
    public PayloadKind kind() {
        return PayloadKind.BASELINE_JSON;
    }

    @Override
    public Predictor create(LoadedBundle bundle) {
        return BaselinePredictor.load(bundle);
    }
}
