package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.PrognosException;
import org.prognos.features.io.Datasets;
import org.prognos.features.telemetry.Dataset;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.config.SplitConfig;
import org.prognos.training.config.TrainingConfig;

/**
 * AI4I 2020, a table with one row per unit and no time, trained as it is through the tabular layout (the bundled job's
 * settings, CI-sized: fewer trees): the classifier beats the class prior and the logistic baseline on held-out units,
 * the bundle records exactly which units were held out, and evaluating it on them alone gives the job's own figures.
 */
class TabularJobTest {
    static final Path DATA = Path.of("../notebooks-data").toAbsolutePath().normalize();
    /** The job's figures and the evaluation's are computed from the same rows, model and threshold. */
    static final double SAME_FIGURE = 1e-12;

    @TempDir
    static Path tmp;
    static TrainingJob.Result result;
    static LoadedBundle bundle;

    @BeforeAll
    static void train() throws Exception {
        Path cfg = tmp.resolve("job.json");
        Files.writeString(cfg, """
                {"name": "ai4i-test",
                 "data": {"train": "%1$s/ai4i2020"},
                 "spec": "%1$s/specs/ai4i-row.json",
                 "task": {"type": "failure-within-horizon", "horizon": "1", "components": []},
                 "model": {"family": "xgboost", "params": {"trees": 60, "eta": 0.2, "maxDepth": 6}},
                 "split": {"method": "asset", "testFraction": 0.2, "validationFraction": 0.2},
                 "costs": {"missedFailure": 20, "needlessVisit": 1},
                 "registry": "%2$s", "seed": 42}
                """.formatted(DATA, tmp.resolve("registry")));
        result = new TrainingJob(ConfigReader.read(cfg), tmp, s -> { }).run();
        bundle = new ModelRegistry(tmp.resolve("registry")).load(result.published());
    }

    @Test
    void the_bundled_job_reads_as_a_split_by_unit() {
        TrainingConfig job = ConfigReader.read(DATA.resolve("jobs/ai4i-failure.yaml"));
        assertTrue(job.split() instanceof SplitConfig.ByAsset, job.split().toString());
        assertEquals("../ai4i2020", job.data().train());
    }

    @Test
    void a_classifier_on_the_rows_beats_the_class_prior_and_the_logistic_baseline_on_held_out_units() {
        JsonNode m = result.metrics();
        double model = m.at("/model/prAucAnyFailure").asDouble();
        double prior = m.at("/baselines/class-prior/prAucAnyFailure").asDouble();
        double logistic = m.at("/baselines/logistic/prAucAnyFailure").asDouble();
        assertTrue(model > 10 * prior && model > logistic + 0.2, "PR-AUC model " + model + ", prior " + prior
                + ", logistic " + logistic);
        assertEquals(2000, m.at("/results/0/classification/rows").asInt(), "one row per held-out unit");
    }

    @Test
    void the_bundle_records_its_held_out_units_and_they_are_not_its_training_units() {
        Set<String> heldOut = HeldOutAssets.of(bundle).assets();
        assertEquals(2000, heldOut.size());
        assertEquals(2000, bundle.manifest().metrics().path(HeldOutAssets.FIELD).size());
        // the drift profile counts the training rows: one per training unit, none of them held out
        assertEquals(10_000 - 2000, bundle.profile().orElseThrow().rows());
    }

    @Test
    void evaluating_on_the_held_out_units_gives_the_jobs_test_figures() throws Exception {
        Dataset data = Datasets.open(DATA.resolve("ai4i2020"), null);
        JsonNode again = BundleEvaluation.evaluate(bundle, HeldOutAssets.of(bundle).restrict(data, s -> { }), false,
                Predictors.standard(), s -> { });
        for (String figure : List.of("prAucAnyFailure", "rocAucAnyFailure", "brierAnyFailure", "eventRecall")) {
            assertEquals(result.metrics().at("/model/" + figure).asDouble(), again.at("/model/" + figure).asDouble(),
                    SAME_FIGURE, figure);
        }
        assertEquals(2000, again.at("/results/0/classification/rows").asInt());
    }

    @Test
    void an_asset_list_names_assets_one_a_line_and_must_all_be_in_the_data() throws Exception {
        Path list = Files.writeString(tmp.resolve("assets.txt"), "# units to check\n17\n\n  18 \n99999\n");
        HeldOutAssets listed = HeldOutAssets.listedIn(list);
        assertEquals(Set.of("17", "18", "99999"), new HashSet<>(listed.assets()));

        Dataset data = Datasets.open(DATA.resolve("ai4i2020"), null);
        var e = assertThrows(PrognosException.class, () -> listed.restrict(data, s -> { }));
        assertTrue(e.getMessage().contains("holds no readings of 1 of the 3 held-out assets (99999)"), e.getMessage());
    }
}
