package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.training.config.ConfigReader;

/**
 * The bundled Azure job (CI-sized: fewer trees), split by machine with machines 51–70 held out: the alarm
 * threshold chosen on validation machines catches nearly every failure with few false alarms, far better than
 * the class prior, and the bundle carries its report and threshold.
 */
class AzureTrainingJobTest {
    static final Path JOBS = Path.of("../notebooks-data/jobs").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void per_component_24h_model_catches_failures_with_few_false_alarms() throws Exception {
        Path cfg = tmp.resolve("azure.yaml");
        Files.writeString(cfg, Files.readString(JOBS.resolve("azure-24h-xgboost.yaml"))
                .replaceAll("registry: .*", "registry: " + tmp.resolve("registry"))
                .replace("../", JOBS.getParent() + "/")
                .replace("trees: 300", "trees: 60").replace("eta: 0.05", "eta: 0.2"));
        TrainingJob.Result r = new TrainingJob(ConfigReader.read(cfg), tmp, s -> { }).run();
        double recall = r.metrics().at("/model/eventRecall").asDouble();
        double falseAlarms = r.metrics().at("/model/falseAlarmsPerAssetMonth").asDouble();
        assertTrue(recall >= 0.9, "event recall " + recall);
        assertTrue(falseAlarms < 0.5, "false alarms per machine-month " + falseAlarms);
        assertEquals(0.0, r.metrics().at("/baselines/class-prior/eventRecall").asDouble(), 0.2);
        var bundle = new ModelRegistry(tmp.resolve("registry")).load(r.published());
        assertTrue(bundle.report().isPresent());
        assertTrue(Files.readString(bundle.report().get()).contains("<svg"));
        assertTrue(bundle.manifest().metrics().at("/decision/threshold").isNumber());
    }
}
