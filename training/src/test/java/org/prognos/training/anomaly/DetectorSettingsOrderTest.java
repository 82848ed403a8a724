package org.prognos.training.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prognos.models.bundle.Provenance;
import org.prognos.training.config.ModelFamily;

/**
 * Each family's settings, as the job logs them and writes them to the manifest's {@code provenance.hyperparameters},
 * come in the order the family declares them. Built with {@code Map.of} they came in an order that changes from one JVM
 * to the next (the same knn job logged {@code {k=5, memory=2000}} in one run and {@code {memory=2000, k=5}} in the
 * next, and wrote manifests that differed by it); with the six autoencoder settings that order is almost never the
 * declared one, so this test fails on such a map.
 */
class DetectorSettingsOrderTest {

    @Test
    void settings_come_in_the_order_each_family_declares_them_in_the_log_and_the_manifest() {
        Map<ModelFamily, List<String>> declared = Map.of(
                ModelFamily.PCA, List.of("varianceKept"),
                ModelFamily.KNN, List.of("k", "memory"),
                ModelFamily.ZSCORE, List.of(),
                ModelFamily.ISOLATION_FOREST, List.of("trees", "sampleSize"),
                ModelFamily.AUTOENCODER, List.of("hidden", "bottleneck", "maxEpochs", "patience", "batchSize",
                        "learningRate"));
        declared.forEach((family, names) -> {
            Map<String, Object> settings = DetectorSettings.of(family, Map.of()).asMap();
            assertEquals(names, List.copyOf(settings.keySet()), family + " in the job log");
            assertEquals(names, List.copyOf(Provenance.hyperparametersOf(settings).keySet()),
                    family + " in the manifest");
        });
    }
}
