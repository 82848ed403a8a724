package org.prognos.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.TestModels;
import org.prognos.models.PredictionException;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;

/** The service's fast paths give exactly the library's numbers. */
class ServingPredictorsTest {
    @TempDir
    Path dir;

    static double[][] rows(int n, int width, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][width];
        for (double[] r : x) {
            for (int c = 0; c < width; c++) {
                r[c] = rng.nextInt(10) == 0 ? Double.NaN : rng.nextInt(8) == 0 ? 0 : rng.nextDouble(0, 500);
            }
            r[0] = rng.nextDouble(100, 250);
        }
        return x;
    }

    @Test
    void direct_xgboost_scoring_equals_tribuo_on_classifiers_and_regressors() {
        ModelRegistry registry = TestModels.fullRegistry(dir);
        for (String name : List.of(TestModels.AZURE, TestModels.PUMP, TestModels.PUMP_RUL)) {
            LoadedBundle b = registry.load(name + "@production");
            try (Predictor fast = ServingPredictors.create().create(b); Predictor reference = Predictors.standard().create(b)) {
                assertInstanceOf(XGBoostDirectPredictor.class, fast, name);
                assertTrue(((XGBoostDirectPredictor) fast).walksTrees(), name + " is scored by walking its trees");
                // 20,000 rows: with Math.exp instead of the C library's expf, about 50 Azure outputs differ in the last bit
                double[][] x = rows(20_000, b.manifest().featureColumns().size(), 11);
                assertEquals(reference.predict(x), fast.predict(x), name);
                double[][] none = {new double[b.manifest().featureColumns().size()]};
                java.util.Arrays.fill(none[0], Double.NaN);
                assertEquals(assertThrows(PredictionException.class, () -> reference.predict(none)).getMessage(),
                        assertThrows(PredictionException.class, () -> fast.predict(none)).getMessage());
            }
        }
    }

    @Test
    void tree_occlusion_equals_scoring_every_occluded_copy() {
        ModelRegistry registry = TestModels.fullRegistry(dir);
        for (String name : List.of(TestModels.AZURE, TestModels.PUMP, TestModels.PUMP_RUL)) {
            ServedModel m = ServedModel.load(registry, name + "@production", ServingPredictors.create());
            try {
                assertTrue(m.occluder().isPresent(), name);
                int k = m.extractor().columns().size();
                int[][] sets = ServedModel.occlusionSets(m.groups(), k);
                double[][] x = rows(60, k, 5);
                for (int i = 0; i < x.length; i++) {
                    double[] row = x[i];
                    if (i % 3 == 0) {   // rows near the training data: every reference, then a few columns moved
                        for (int c = 0; c < k; c++) {
                            row[c] = m.policy().reference(c);
                        }
                        row[i % k] = row[i % k] * 1.5 + 1;
                    }
                    double[][] copies = new double[1 + sets.length][];
                    copies[0] = row;
                    for (int s = 0; s < sets.length; s++) {
                        copies[1 + s] = row.clone();
                        for (int c : sets[s]) {
                            copies[1 + s][c] = m.policy().reference(c);
                        }
                    }
                    double[][] fast = m.occluder().get().occlude(row);
                    assertTrue(m.occluder().get().exact(), name);
                    try {   // row 0 is the model's own prediction, to the last bit
                        assertEquals(java.util.Arrays.toString(outputs(m.predictor().predict(new double[][] {row}))[0]),
                                java.util.Arrays.toString(fast[0]), name + " row " + i);
                    } catch (PredictionException e) {
                        // every used column missing: the model refuses the row
                    }
                    for (int r = 0; r < copies.length; r++) {
                        double[][] expected;
                        try {
                            expected = outputs(m.predictor().predict(new double[][] {copies[r]}));
                        } catch (PredictionException e) {
                            continue;   // every used column missing (default references are NaN): Tribuo refuses the row
                        }
                        for (int c = 0; c < expected[0].length; c++) {
                            assertEquals(expected[0][c], fast[r][c], 1e-5 * Math.max(1, Math.abs(expected[0][c])),
                                    name + " row " + i + " copy " + r);
                        }
                    }
                }
            } finally {
                m.release();
            }
        }
    }

    private static double[][] outputs(Predictions p) {
        if (p instanceof Predictions.Probabilities pr) {
            return pr.probabilities();
        }
        double[] v = ((Predictions.Values) p).values();
        double[][] out = new double[v.length][];
        for (int r = 0; r < v.length; r++) {
            out[r] = new double[] {v[r]};
        }
        return out;
    }

    @Test
    void combined_predictions_equal_separate_ones_and_a_bad_row_fails_only_its_request() throws Exception {
        ModelRegistry registry = TestModels.pumpRegistry(dir);
        LoadedBundle b = registry.load(TestModels.PUMP + "@production");
        try (Predictor plain = Predictors.standard().create(b);
             Predictor combined = new CombiningPredictor(ServingPredictors.create().create(b))) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < 400; t++) {
                    int seed = t;
                    results.add(pool.submit(() -> {
                        double[][] x = rows(1 + seed % 7, 6, seed);
                        if (seed % 50 == 0) {
                            java.util.Arrays.fill(x[0], Double.NaN);
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
