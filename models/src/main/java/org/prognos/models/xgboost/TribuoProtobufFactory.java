package org.prognos.models.xgboost;

import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.predict.ModelInfo;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.PredictorFactory;
import org.prognos.models.tribuo.TribuoPredictor;
import org.tribuo.Model;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * The standard adapter for {@code tribuo-protobuf} payloads (registered in {@code META-INF/services}): a Tribuo
 * model is read and checked by {@link TribuoPredictor}; an XGBoost model is then scored by its booster directly, or
 * by walking its trees, when that agrees exactly with Tribuo's path ({@link XGBoostDirectPredictor}), and its native
 * predictions run on one OpenMP thread. Its booster serializes predictions anyway, and a service's parallelism comes
 * from concurrent requests; OpenMP threads on top of that spin against each other and against request threads on a
 * busy machine. Predictions are the same numbers.
 *
 * <p>It lives here rather than in {@code org.prognos.models.tribuo} because it needs both packages, and
 * {@code xgboost} already depends on {@code tribuo}.
 */
public final class TribuoProtobufFactory implements PredictorFactory {
    @Override
    public PayloadKind kind() {
        return PayloadKind.TRIBUO_PROTOBUF;
    }

    @Override
    public Predictor create(LoadedBundle bundle) {
        Model<?> model = TribuoPredictor.readModel(bundle.readVerified(bundle.manifest().payload().file()),
                bundle.payloadPath().toString());
        ModelInfo info = ModelInfo.of(bundle.manifest());
        TribuoPredictor reference = TribuoPredictor.of(model, info);
        if (model instanceof XGBoostModel<?> x) {
            x.setNumThreads(1);
            return XGBoostDirectPredictor.tryCreate(x, info, reference).orElse(reference);
        }
        return reference;
    }
}
