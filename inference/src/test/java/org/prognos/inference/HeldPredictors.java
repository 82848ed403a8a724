package org.prognos.inference;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.predict.ModelInfo;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.Predictors;
import org.prognos.models.tribuo.TribuoPredictor;

/** Predictors that hold scoring requests inside the service, so that tests can look at a service with requests in flight. */
final class HeldPredictors {
    private HeldPredictors() {
    }

    /**
     * The standard predictors, except that each scoring request's prediction (more than one row: the load-time smoke
     * test predicts one) counts {@code reached} down, then waits for {@code release} (20 s at most).
     */
    static Predictors holding(CountDownLatch reached, CountDownLatch release) {
        return Predictors.standard().with(PayloadKind.TRIBUO_PROTOBUF, bundle -> new Predictor() {
            final Predictor inner = TribuoPredictor.load(bundle);

            @Override
            public ModelInfo info() {
                return inner.info();
            }

            @Override
            public Predictions predict(double[][] rows) {
                if (rows.length > 1) {
                    reached.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return inner.predict(rows);
            }

            @Override
            public void close() {
                inner.close();
            }
        });
    }
}
