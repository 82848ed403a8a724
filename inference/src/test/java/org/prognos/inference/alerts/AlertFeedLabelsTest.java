package org.prognos.inference.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.catalog.ServedModel;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.live.alert.DataTime;
import org.prognos.live.alert.Driver;
import org.prognos.live.alert.Observation;
import org.prognos.live.alert.Observations;
import org.prognos.models.TestModels;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.models.runtime.Scorer;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * What the alert feed observes names drivers as the report and the live page do: the Azure 24 h fixture's explained
 * answers (its Tribuo forest, real Azure training data), mapped by {@link Observations} with the catalog's labels, carry
 * each driver's column and its label from the model's feature spec; a model no longer served keeps the columns.
 */
class AlertFeedLabelsTest {
    @TempDir
    Path dir;

    @Test
    void drivers_carry_the_serving_models_feature_labels() {
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        TestModels.publishAzure(registry);
        try (ModelCatalog catalog = ModelCatalog.open(registry, List.of(TestModels.AZURE), Predictors.standard(),
                new ServiceMetrics())) {
            ServedModel m = catalog.peek(TestModels.AZURE);
            int k = m.extractor().columns().size();
            double[][] rows = TestModels.rows(5, k, 3);
            int labelled = 0;
            for (double[] row : rows) {
                for (int c = 0; c < k; c++) {
                    double ref = m.policy().reference(c);
                    row[c] = Double.isNaN(ref) ? row[c] : ref * (1 + (c % 3) * 0.5);
                }
                ScoreResponse answer = Scorer.score(m.loaded(), List.of(new FeatureVector(Optional.of("m1"), 0, row, 1,
                        List.of())), 3).get(0);
                Observation o = Observations.of("m1", new DataTime(0, "2015-12-01 00:00:00"), answer,
                        AlertFeed.labels(catalog, TestModels.AZURE));
                assertEquals(answer.explanation().orElseThrow().topFeatures().size(), o.drivers().size());
                for (Driver d : o.drivers()) {
                    assertEquals(m.extractor().label(d.feature()), d.label(), d.feature());
                    assertFalse(d.label().contains("_"), "a label for people: " + d);
                    labelled++;
                }
            }
            assertTrue(labelled > 0, "the answers were explained");
            assertEquals("since_maint_comp2", AlertFeed.labels(catalog, "not-served").apply("since_maint_comp2"));
            assertEquals("no_such_column", AlertFeed.labels(catalog, TestModels.AZURE).apply("no_such_column"));
        }
    }
}
