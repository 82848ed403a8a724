package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.io.Datasets;
import org.prognos.models.bundle.BundleReader;
import org.prognos.models.predict.Predictors;
import org.prognos.models.drift.ReferenceProfile;
import org.prognos.models.interval.RulInterval;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.training.config.ConfigReader;

/**
 * The C-MAPSS FD001 job (CI-sized: fewer trees) on the bundled data, standard protocol: the tree model beats
 * both baselines by a wide margin, the bundle is published with alias candidate, and a second run with the
 * same config, data and seed gives identical metrics.
 */
class CmapssTrainingJobTest {
    static final Path DATA = Path.of("../notebooks-data").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    static String config(Path registry, String trees) {
        return """
                {"name": "fd001-test",
                 "data": {"train": "%1$s/cmapss", "subset": "FD001", "test": "%1$s/cmapss", "testSubset": "FD001:test", "evaluateAt": "last"},
                 "spec": "%1$s/specs/cmapss-window30.json",
                 "task": {"type": "remaining-useful-life", "cap": 125, "unit": "1"},
                 "model": {"family": "xgboost", "params": {"trees": %3$s, "eta": 0.1}},
                 "registry": "%2$s", "seed": 7}
                """.formatted(DATA, registry, trees);
    }

    @Test
    void tree_model_beats_the_baselines_and_runs_reproducibly() throws Exception {
        Path cfg = tmp.resolve("job.json");
        Files.writeString(cfg, config(tmp.resolve("registry"), "60"));
        List<String> log = new ArrayList<>();
        TrainingJob.Result first = new TrainingJob(ConfigReader.read(cfg), tmp, log::add).run();
        double model = first.metrics().at("/model/rmse").asDouble();
        double mean = first.metrics().at("/baselines/mean-rul/rmse").asDouble();
        double linear = first.metrics().at("/baselines/linear-degradation/rmse").asDouble();
        assertTrue(model < 16.0, "model RMSE " + model + "\n" + log);
        assertTrue(model < 0.5 * linear && linear < mean, "model " + model + ", linear " + linear + ", mean " + mean);
        assertEquals(100, first.metrics().at("/model/count").asInt());

        ModelRegistry r = new ModelRegistry(tmp.resolve("registry"));
        assertEquals(first.published(), r.resolve("fd001-test@candidate"));
        assertTrue(Files.exists(first.bundleDirectory().resolve("manifest.json")));

        TrainingJob.Result second = new TrainingJob(ConfigReader.read(cfg), tmp, s -> { }).run();
        assertEquals(model, second.metrics().at("/model/rmse").asDouble(), 0.0, "same config, data and seed");
        assertEquals(first.published().version() + 1, second.published().version());
    }

    /** Two standard errors of a 90 % coverage measured on 100 test units (√(0.9 · 0.1 / 100) = 0.03). */
    static final double COVERAGE_TOLERANCE = 0.06;

    @Test
    void the_rul_interval_is_published_read_back_and_covers_the_test_units_near_nominal() throws Exception {
        Path cfg = tmp.resolve("job.json");
        Files.writeString(cfg, config(tmp.resolve("registry"), "60"));
        TrainingJob.Result r = new TrainingJob(ConfigReader.read(cfg), tmp, s -> { }).run();
        JsonNode iv = r.metrics().path("interval");
        assertEquals("binned", iv.path("method").asText(), iv.toString());
        assertEquals(0.9, iv.path("nominal").asDouble(), 0.0);
        assertEquals(100, iv.path("count").asInt());
        assertEquals(0.9, iv.path("coverage").asDouble(), COVERAGE_TOLERANCE, iv.toString());
        assertTrue(iv.path("meanWidth").asDouble() > 0 && iv.path("meanWidth").asDouble() < 80, iv.toString());
        assertTrue(iv.path("baselines").path("absolute").path("coverage").isNumber(), "the plain baseline beside: " + iv);

        RulInterval read = BundleReader.read(r.bundleDirectory()).interval().orElseThrow();
        assertEquals(RulInterval.Method.BINNED, read.method());
        assertEquals(0.9, read.coverage(), 0.0);
        assertEquals(125, read.cap(), 0.0);
        assertTrue(read.calibration().contains("5-fold cross-fit by asset"), read.calibration());
        assertEquals(iv.path("quantiles").size(), read.quantiles().length);

        // prognos evaluate re-checks the published interval and the baselines printed beside it, with the same figures
        JsonNode again = BundleEvaluation.evaluate(new ModelRegistry(tmp.resolve("registry")).load("fd001-test@candidate"),
                Datasets.open(DATA.resolve("cmapss"), "FD001:test"), true, Predictors.standard(), s -> { }).path("interval");
        assertEquals(iv.path("coverage").asDouble(), again.path("coverage").asDouble(), 0.0, again.toString());
        for (String method : new String[] {"absolute", "scaled"}) {
            JsonNode trained = iv.path("baselines").path(method);
            JsonNode evaluated = again.path("baselines").path(method);
            assertEquals(trained.path("coverage").asDouble(), evaluated.path("coverage").asDouble(), 0.0, method + ": " + again);
            assertEquals(trained.path("meanWidth").asDouble(), evaluated.path("meanWidth").asDouble(), 1e-9, method + ": " + again);
        }
        // the drift reference rides along: every model input, profiled on the training rows (FD001's 100 training units)
        var bundle = BundleReader.read(r.bundleDirectory());
        ReferenceProfile profile = bundle.profile().orElseThrow();
        assertEquals(bundle.manifest().featureColumns(), profile.columns());
        assertEquals(20631, profile.rows(), "every FD001 training cycle");
        assertTrue(profile.source().contains("of 100 assets"), profile.source());
    }
}
