package org.prognos.models.runtime;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.PredictionException;
import org.prognos.models.TestModels;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.tribuo.TribuoPredictor;

class CombiningPredictorTest {
    @TempDir
    Path dir;

    @Test
    void combined_predictions_equal_separate_ones_and_a_bad_row_fails_only_its_request() throws Exception {
        ModelRegistry registry = TestModels.pumpRegistry(dir);
        LoadedBundle b = registry.load(TestModels.PUMP + "@production");
        try (Predictor plain = TribuoPredictor.load(b);
             Predictor combined = new CombiningPredictor(Predictors.standard().create(b))) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < 400; t++) {
                    int seed = t;
                    results.add(pool.submit(() -> {
                        double[][] x = TestModels.rows(1 + seed % 7, 6, seed);
                        if (seed % 50 == 0) {
                            Arrays.fill(x[0], Double.NaN);
                            assertThrows(PredictionException.class, () -> combined.predict(x));
                            return true;
                        }
                        Predictions p = combined.predict(x);
                        return p.equals(plain.predict(x));
                    }));
                }
                for (Future<Boolean> f : results) {
                    assertTrue(f.get());
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
