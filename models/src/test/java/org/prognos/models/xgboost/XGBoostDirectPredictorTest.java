package org.prognos.models.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.PredictionException;
import org.prognos.models.TestModels;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.tribuo.TribuoPredictor;

/** The standard adapters' fast XGBoost path gives exactly the library's numbers. */
class XGBoostDirectPredictorTest {
    @TempDir
    Path dir;

    @Test
    void direct_xgboost_scoring_equals_tribuo_on_classifiers_and_regressors() {
        ModelRegistry registry = TestModels.fullRegistry(dir);
        for (String name : List.of(TestModels.AZURE, TestModels.PUMP, TestModels.PUMP_RUL)) {
            LoadedBundle b = registry.load(name + "@production");
            try (Predictor fast = Predictors.standard().create(b); Predictor reference = TribuoPredictor.load(b)) {
                assertInstanceOf(XGBoostDirectPredictor.class, fast, name);
                assertTrue(((XGBoostDirectPredictor) fast).walksTrees(), name + " is scored by walking its trees");
                // 20,000 rows: with Math.exp instead of the C library's expf, about 50 Azure outputs differ in the last bit
                double[][] x = TestModels.rows(20_000, b.manifest().featureColumns().size(), 11);
                assertEquals(reference.predict(x), fast.predict(x), name);
                double[][] none = {new double[b.manifest().featureColumns().size()]};
                Arrays.fill(none[0], Double.NaN);
                assertEquals(assertThrows(PredictionException.class, () -> reference.predict(none)).getMessage(),
                        assertThrows(PredictionException.class, () -> fast.predict(none)).getMessage());
            }
        }
    }
}
