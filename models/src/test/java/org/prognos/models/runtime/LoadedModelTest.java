package org.prognos.models.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.PredictionException;
import org.prognos.models.TestModels;
import org.prognos.models.predict.Predictions;
import org.prognos.models.registry.ModelRegistry;

/** A loaded model's fast explanations give the numbers of scoring every occluded copy. */
class LoadedModelTest {
    @TempDir
    Path dir;

    @Test
    void tree_occlusion_equals_scoring_every_occluded_copy() {
        ModelRegistry registry = TestModels.fullRegistry(dir);
        for (String name : List.of(TestModels.AZURE, TestModels.PUMP, TestModels.PUMP_RUL)) {
            try (LoadedModel m = LoadedModel.load(registry, name + "@production")) {
                assertTrue(m.occluder().isPresent(), name);
                int k = m.extractor().columns().size();
                int[][] sets = LoadedModel.occlusionSets(m.groups(), k);
                double[][] x = TestModels.rows(60, k, 5);
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
                        assertEquals(Arrays.toString(outputs(m.predictor().predict(new double[][] {row}))[0]),
                                Arrays.toString(fast[0]), name + " row " + i);
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
            }
        }
    }

    @Test
    void the_health_of_a_risk_is_the_health_index_the_models_answers_carry() {
        ModelRegistry registry = TestModels.fullRegistry(dir);
        TestModels.publishAzureAnomaly(registry);
        for (String name : List.of(TestModels.AZURE, TestModels.PUMP, TestModels.PUMP_RUL, TestModels.AZURE_ANOMALY)) {
            try (LoadedModel m = LoadedModel.load(registry, name + "@production")) {
                int k = m.extractor().columns().size();
                double[][] x = TestModels.rows(20, k, 9);
                List<FeatureVector> vectors = new java.util.ArrayList<>();
                for (double[] row : x) {
                    for (int c = 0; c < k; c++) {
                        row[c] = Double.isNaN(m.policy().reference(c)) ? row[c] : m.policy().reference(c) + row[c];
                    }
                    vectors.add(new FeatureVector(java.util.Optional.empty(), 0, row, 1, List.of()));
                }
                for (var answer : Scorer.score(m, vectors, 0)) {
                    assertEquals(answer.healthIndex(), m.health(answer.risk().score()), 0.0, name);
                }
                assertTrue(m.readout() == m.readout(), "built once per loaded model");
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
}
