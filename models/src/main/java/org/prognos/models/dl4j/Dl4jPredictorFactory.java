package org.prognos.models.dl4j;

import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.PredictorFactory;

/**
 * Loads {@code dl4j-zip} payloads with {@link Dl4jPredictor}; registered in {@code META-INF/services}. Making the
 * factory touches no DL4J or ND4J class: ND4J's native backend loads only when {@link #create} first runs, that is
 * when a DL4J bundle is loaded, so a process serving only trees never pays for it.
 */
public final class Dl4jPredictorFactory implements PredictorFactory {
    @Override
    public PayloadKind kind() {
        return PayloadKind.DL4J_ZIP;
    }

    @Override
    public Predictor create(LoadedBundle bundle) {
        return Dl4jPredictor.load(bundle);
    }
}
