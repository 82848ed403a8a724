package org.prognos.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.flink.score.ModelSource;
import org.prognos.flink.score.ScoringConfig;
import org.prognos.flink.score.WindowScorer;
import org.prognos.models.TestModels;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.LibraryVersions;
import org.prognos.models.bundle.Provenance;
import org.prognos.models.bundle.Task;
import org.prognos.models.registry.ModelRegistry;

/**
 * A model scored adaptively is refused when the job's scorer opens, with a message naming the model and the reason,
 * instead of being scored with its fitted detector alone (which gives other scores than the service's). The same
 * fitted model (the Azure anomaly fixture, trained on the bundled Azure telemetry) published without adaptive scoring
 * opens, so the refusal is about the scoring mode and nothing else.
 */
class AdaptiveRefusalTest {
    @TempDir
    static Path root;

    @Test
    void aModelScoredAdaptivelyIsRefusedWithAClearMessage() {
        AnomalyModel fitted = TestModels.azureAnomaly();
        ModelRegistry registry = new ModelRegistry(root);
        publish(registry, "azure-anomaly-adaptive", fitted.withScoring(
                new AnomalyScoring.Adaptive(AdaptiveScoring.likelihood())));
        publish(registry, "azure-anomaly-fitted", fitted);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> WindowScorer.open(config("azure-anomaly-adaptive")));
        assertEquals("model 'azure-anomaly-adaptive' scores adaptively (task.scoring: adaptive); the Flink job does not"
                + " apply adaptive scoring yet", refused.getMessage());
        try (WindowScorer opened = WindowScorer.open(config("azure-anomaly-fitted"))) {
            assertEquals("azure-anomaly-fitted", opened.modelName());
        }
    }

    private static ScoringConfig config(String name) {
        return ScoringConfig.defaults(new ModelSource(root.toString(), name + "@production"), Map.of());
    }

    private static void publish(ModelRegistry registry, String name, AnomalyModel model) {
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        metrics.putObject("decision").put("threshold", 1 - TestModels.ANOMALY_FALSE_ALARM_RATE);
        Provenance provenance = new Provenance("sha256:" + "ab".repeat(32), "Azure machines 1-20", 42L, Map.of(),
                LibraryVersions.current());
        var ref = registry.publish(BundleContents.of(name, new Task.Anomaly("knn", TestModels.ANOMALY_FALSE_ALARM_RATE),
                TestModels.azureAnomalySpec(), provenance, metrics, model.payload()));
        registry.promote(ref.name(), ref.version(), "production");
    }
}
