package org.prognos.models.anomaly;

import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.PredictorFactory;

/** Loads {@code anomaly-json} payloads with {@link AnomalyPredictor}; registered in {@code META-INF/services}. */
public final class AnomalyPredictorFactory implements PredictorFactory {
    @Override
    public PayloadKind kind() {
        return PayloadKind.ANOMALY_JSON;
    }

    @Override
    public Predictor create(LoadedBundle bundle) {
        return AnomalyPredictor.load(bundle);
    }
}
