package org.prognos.training.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.prognos.models.interval.RulInterval;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;

/** Job configs read into enums and sealed cases, with documented defaults; a bad value names its field and the valid ones. */
class TrainingConfigTest {
    static final Path JOBS = Path.of("../notebooks-data/jobs").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private TrainingConfig read(String yaml) throws IOException {
        Path p = tmp.resolve("job.yaml");
        Files.writeString(p, yaml);
        return ConfigReader.read(p);
    }

    private static String job(String extra) {
        return """
                name: j
                data: {train: d}
                spec: s.json
                task: {type: remaining-useful-life}
                model: {family: xgboost}
                registry: r
                """ + extra;
    }

    @Test
    void every_shipped_job_config_reads() throws IOException {
        try (Stream<Path> jobs = Files.list(JOBS)) {
            List<Path> files = jobs.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertTrue(files.size() >= 6, files.toString());
            for (Path f : files) {
                TrainingConfig c = ConfigReader.read(f);
                assertTrue(c.name().length() > 0, f.toString());
            }
        }
    }

    @Test
    void the_azure_job_reads_into_a_failure_task_and_an_asset_split() {
        TrainingConfig c = ConfigReader.read(JOBS.resolve("azure-24h-xgboost.yaml"));
        TaskConfig.FailureWithinHorizon t = assertInstanceOf(TaskConfig.FailureWithinHorizon.class, c.task());
        assertEquals("24h", t.horizon());
        assertEquals(List.of("comp1", "comp2", "comp3", "comp4"), t.components());
        assertEquals(TaskConfig.Censoring.DROP, t.censoring());
        assertEquals(ModelFamily.XGBOOST, c.model().family());
        SplitConfig.ByAsset s = assertInstanceOf(SplitConfig.ByAsset.class, c.split());
        assertEquals(List.of("51-70"), s.testAssets());
        assertEquals(0.2, s.validationFraction());
        assertEquals(new TrainingConfig.CostConfig(20, 1), c.costs());
        assertEquals(Optional.empty(), c.data().test());
        assertEquals(TrainingConfig.EvaluateAt.ALL, c.data().evaluateAt());
    }

    @Test
    void the_cmapss_job_reads_into_a_capped_rul_task_evaluated_at_the_last_cycle() {
        TrainingConfig c = ConfigReader.read(JOBS.resolve("cmapss-fd001-xgboost.yaml"));
        TaskConfig.RemainingUsefulLife t = assertInstanceOf(TaskConfig.RemainingUsefulLife.class, c.task());
        assertEquals(OptionalLong.of(125), t.cap());
        assertEquals(Optional.of("1"), t.unit());
        assertEquals(TrainingConfig.EvaluateAt.LAST, c.data().evaluateAt());
        assertEquals(Optional.of("FD001:test"), c.data().testSubset());
        assertEquals(42, c.seed());
        assertEquals(new IntervalConfig(0.9, RulInterval.Method.BINNED, 5, 0.1, 8), t.interval());
    }

    @Test
    void a_rul_task_fits_a_90_percent_binned_interval_unless_told_otherwise() throws IOException {
        TaskConfig.RemainingUsefulLife plain = (TaskConfig.RemainingUsefulLife) read(job("")).task();
        assertEquals(IntervalConfig.defaults(), plain.interval());
        TaskConfig.RemainingUsefulLife set = (TaskConfig.RemainingUsefulLife) read(job("").replace(
                "task: {type: remaining-useful-life}", "task: {type: remaining-useful-life, interval: {coverage: 0.8, method: absolute}}")).task();
        assertEquals(new IntervalConfig(0.8, RulInterval.Method.ABSOLUTE, 5, 0.1, 8), set.interval());
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> read(job("").replace(
                "task: {type: remaining-useful-life}", "task: {type: remaining-useful-life, interval: {coverage: 90}}")));
        assertTrue(e.getMessage().contains("'task.interval.coverage' must be in (0, 1)"), e.getMessage());
    }

    @Test
    void absent_fields_take_the_documented_defaults() throws IOException {
        TrainingConfig c = read(job("model: {family: random-forest, search: {space: {trees: [10, 20]}}}\n").replace(
                "model: {family: xgboost}\n", ""));
        assertEquals(SplitConfig.byAsset(), c.split());
        assertEquals(TrainingConfig.CostConfig.defaults(), c.costs());
        assertEquals(TrainingConfig.DEFAULT_SEED, c.seed());
        TrainingConfig.SearchConfig s = c.model().search().orElseThrow();
        assertEquals(TrainingConfig.SearchMethod.RANDOM, s.method());
        assertEquals(TrainingConfig.SearchConfig.DEFAULT_TRIALS, s.trials());
        assertEquals(TrainingConfig.SearchConfig.DEFAULT_FOLDS, s.folds());
        assertEquals(Optional.empty(), s.budget());
        assertEquals(ModelFamily.RANDOM_FOREST, c.model().family());
        assertEquals("random-forest", c.model().family().toString());
        TaskConfig.RemainingUsefulLife t = assertInstanceOf(TaskConfig.RemainingUsefulLife.class, c.task());
        assertEquals(OptionalLong.empty(), t.cap());
        assertEquals(Optional.empty(), t.unit());
    }

    @Test
    void a_time_split_keeps_its_cutoff_and_gap() throws IOException {
        TrainingConfig c = read(job("split: {method: time, cutoff: '2015-10-01', gap: 48h, validationFraction: 0.25}\n"));
        SplitConfig.ByTime s = assertInstanceOf(SplitConfig.ByTime.class, c.split());
        assertEquals("2015-10-01", s.cutoff());
        assertEquals(Optional.of("48h"), s.gap());
        assertEquals(0.25, s.validationFraction());
        assertEquals("time", s.method());
    }

    private void assertRefused(String yaml, String message) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> read(yaml));
        assertTrue(e.getMessage().endsWith(message), e.getMessage());
    }

    @Test
    void an_unknown_choice_names_the_field_and_the_valid_values() {
        assertRefused(job("split: {method: random}\n"), "at 'split': 'split.method' must be asset or time, found 'random'");
        assertRefused(job("").replace("type: remaining-useful-life", "type: rul"),
                "at 'task': 'task.type' must be one of [failure-within-horizon, remaining-useful-life, anomaly], found 'rul'");
        assertRefused(job("").replace("{type: remaining-useful-life}", "{type: failure-within-horizon, horizon: 24h, censoring: keep}"),
                "at 'task': 'task.censoring' must be drop or negative, found 'keep'");
        assertRefused(job("").replace("family: xgboost", "family: gbm"),
                "at 'model': 'model.family' must be one of [xgboost, random-forest, extra-trees, logistic, linear, cnn, lstm, pca, knn, zscore],"
                        + " found 'gbm'");
        assertRefused(job("").replace("{train: d}", "{train: d, evaluateAt: first}"),
                "at 'data': 'data.evaluateAt' must be all or last, found 'first'");
        assertRefused(job("").replace("family: xgboost", "family: xgboost, search: {method: bayes, space: {trees: [1]}}"),
                "at 'model.search': 'model.search.method' must be grid or random, found 'bayes'");
    }

    @Test
    void a_missing_or_out_of_range_value_names_the_field() {
        assertRefused(job("").replace("{type: remaining-useful-life}", "{type: failure-within-horizon}"),
                "at 'task': 'task.horizon' is required");
        assertRefused(job("").replace("{type: remaining-useful-life}", "{type: remaining-useful-life, cap: 0}"),
                "at 'task': 'task.cap' must be positive, found 0");
        assertRefused(job("split: {method: time}\n"), "at 'split': 'split.cutoff' is required");
        assertRefused(job("split: {validationFraction: 1.5}\n"), "at 'split': 'split.validationFraction' must be in (0, 1), found 1.5");
        assertRefused(job("split: {testFraction: 0}\n"), "at 'split': 'split.testFraction' must be in (0, 1), found 0.0");
        assertRefused(job("").replace("family: xgboost", "family: xgboost, search: {folds: 1, space: {trees: [1]}}"),
                "at 'model.search': 'model.search.folds' must be at least 2, found 1");
        assertRefused(job("").replace("model: {family: xgboost}", "model: {params: {trees: 3}}"),
                "at 'model': 'model.family' is required");
    }
}
