package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.Datasets;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.Scorer;
import org.prognos.models.runtime.answer.ScoreResponse;
import org.prognos.training.anomaly.HealthTrajectories;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.config.SplitConfig;
import org.prognos.training.config.TrainingConfig;
import org.prognos.training.data.AssetSplit;

/**
 * The supervised RUL model's health index beside the anomaly families' on C-MAPSS FD001, by the same metric code
 * ({@link HealthTrajectories}) on the same 20 held-out run-to-failure units: the {@code cmapss-fd001-rul} job as
 * shipped (XGBoost, 500 trees, cap 125), but split like {@code cmapss-fd001-anomaly-pca} (by asset, 20 % test, 20 %
 * validation, seed 42, so {@link AssetSplit} draws the same units) and without the separate test set. Its health
 * index is the runtime's, 100·min(RUL, 125)/125, and a row alarms where the runtime's band does (risk ≥ 0.5, i.e.
 * predicted RUL ≤ 62.5 cycles: health 50, where the anomaly index also alarms). The figures go to
 * {@code target/cmapss-health-comparison.txt} for training/ANOMALY.md.
 */
class CmapssHealthComparisonTest {
    static final Path JOBS = AnomalyJobTest.JOBS;
    static final Path FIGURES = Path.of("target", "cmapss-health-comparison.txt");

    @TempDir
    Path tmp;

    @Test
    void supervised_rul_health_index_on_the_anomaly_jobs_test_units() throws Exception {
        TrainingConfig rul = ConfigReader.read(JOBS.resolve("cmapss-fd001-xgboost.yaml"));
        TrainingConfig anomaly = ConfigReader.read(JOBS.resolve("cmapss-fd001-anomaly-pca.yaml"));
        SplitConfig.ByAsset split = (SplitConfig.ByAsset) anomaly.split();
        TrainingConfig job = new TrainingConfig(rul.name(), anomaly.data(), rul.spec(), rul.task(), rul.model(), split,
                rul.costs(), tmp.resolve("registry").toString(), anomaly.seed());
        new TrainingJob(job, JOBS, s -> { }).run();

        Dataset fd001 = Datasets.open(JOBS.resolve("../cmapss"), "FD001");
        Set<String> seen = new java.util.LinkedHashSet<>();
        fd001.telemetry().forEach((a, t, v) -> seen.add(a));
        List<String> units = new ArrayList<>(seen);
        units.sort(FeatureTable.ASSET_ORDER);           // as JobData.assets() orders them for the split
        Set<String> test = AssetSplit.of(units, split.testAssets(), split.testFraction(), split.validationFraction(),
                anomaly.seed()).test();
        assertEquals(20, test.size());
        List<HealthTrajectories.History> histories = new ArrayList<>();
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(tmp.resolve("registry")), rul.name() + "@candidate")) {
            FeatureTable table = new FeatureTable(m.extractor().columns());
            new BatchExtractor(m.extractor()).run(fd001, table);
            FeatureTable rows = table.sorted();
            for (Map.Entry<String, int[]> e : rows.rowsByAsset().entrySet()) {
                if (!test.contains(e.getKey())) {
                    continue;
                }
                int[] idx = e.getValue();
                List<FeatureVector> vectors = new ArrayList<>();
                for (int i : idx) {
                    vectors.add(new FeatureVector(Optional.of(e.getKey()), rows.time(i), rows.row(i), 1, List.of()));
                }
                List<ScoreResponse> answers = Scorer.score(m, vectors, 0);
                List<Event> f = fd001.events().of(e.getKey(), EventKind.FAILURE);
                long failure = f.isEmpty() ? rows.time(idx[idx.length - 1]) : f.get(f.size() - 1).time();
                boolean[] alarms = new boolean[idx.length];
                for (int k = 0; k < alarms.length; k++) {
                    alarms[k] = answers.get(k).risk().alarm();
                }
                histories.add(new HealthTrajectories.History(Arrays.stream(idx).mapToLong(rows::time).toArray(),
                        answers.stream().mapToDouble(ScoreResponse::healthIndex).toArray(), alarms, failure));
            }
        }
        HealthTrajectories h = HealthTrajectories.of(histories);
        String figures = String.format(Locale.ROOT, "supervised cmapss-fd001-rul health index on the 20 anomaly test units:"
                        + " detected %d / %d, median lead %.0f, mean lead %.1f, monotonicity %.3f, spearman %.3f%n",
                h.detected(), h.assets(), h.medianLeadTime(), h.meanLeadTime(), h.monotonicity(), h.spearman());
        Files.createDirectories(FIGURES.getParent());
        Files.writeString(FIGURES, figures, StandardCharsets.UTF_8);
        assertEquals(20, h.assets(), figures);
        assertTrue(h.detected() >= 18, figures);
        assertTrue(h.spearman() < -0.5, "a RUL estimate falls with time: " + figures);
    }
}
