package org.prognos.inference.model;

import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.predict.ModelInfo;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.Predictors;
import org.prognos.models.tribuo.TribuoPredictor;
import org.tribuo.Model;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * The adapters the service loads bundles with: {@link Predictors#standard()}, except that an XGBoost model is
 * scored by its booster directly when that agrees exactly with Tribuo's path ({@link XGBoostDirectPredictor}),
 * and its native predictions run on one OpenMP thread. Its booster serializes predictions anyway, and the service's
 * parallelism comes from concurrent requests (combined by {@link CombiningPredictor}); OpenMP threads on top of
 * that spin against each other and against request threads on a busy machine. Predictions are the same numbers.
 */
public final class ServingPredictors {
    private ServingPredictors() {
    }

    /** The service's adapters. */
    public static Predictors create() {
        return Predictors.standard().with(PayloadKind.TRIBUO_PROTOBUF, ServingPredictors::tribuo);
    }

    private static Predictor tribuo(LoadedBundle bundle) {
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
