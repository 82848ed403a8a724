package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.training.config.ConfigReader;

/** A grid search with grouped CV runs every candidate within its budget and trains the best. */
class SearchJobTest {
    static final Path DATA = Path.of("../notebooks-data").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void grid_search_scores_every_candidate_by_grouped_cv_and_keeps_the_best() throws Exception {
        Path cfg = tmp.resolve("job.yaml");
        Files.writeString(cfg, """
                name: fd001-search
                data: {train: %1$s/cmapss, subset: FD001, test: %1$s/cmapss, testSubset: "FD001:test", evaluateAt: last}
                spec: %1$s/specs/cmapss-window30.json
                task: {type: remaining-useful-life, cap: 125, unit: "1"}
                model:
                  family: xgboost
                  params: {trees: 30, eta: 0.2}
                  search: {method: grid, folds: 2, budget: 10m, space: {maxDepth: [2, 5]}}
                registry: %2$s
                """.formatted(DATA, tmp.resolve("registry")));
        TrainingJob.Result r = new TrainingJob(ConfigReader.read(cfg), tmp, s -> { }).run();
        var trials = r.metrics().get("search");
        assertEquals(2, trials.size());
        double d2 = trials.get(0).get("cvScore").asDouble();
        double d5 = trials.get(1).get("cvScore").asDouble();
        assertTrue(d5 < d2, "deeper trees should fit RUL better in CV: depth 2 " + d2 + ", depth 5 " + d5);
        var hp = new org.prognos.models.registry.ModelRegistry(tmp.resolve("registry")).load(r.published()).manifest().provenance().hyperparameters();
        assertEquals(5, hp.get("maxDepth").asInt());
    }
}
