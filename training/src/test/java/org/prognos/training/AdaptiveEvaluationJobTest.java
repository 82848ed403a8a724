package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.Datasets;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.training.config.TaskConfig;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.anomaly.AlarmEvaluation;
import org.prognos.training.config.TrainingConfig;
import org.prognos.training.evaluation.EventMetrics;
import org.prognos.training.evaluation.RowTimes;
import org.prognos.training.evaluation.TimeScale;

/**
 * A job served adaptively ({@code task.scoring: adaptive}) evaluates the score the service alarms on: the bundled NAB
 * machine-temperature job's adaptive figures are those of {@link AdaptiveScorer#scoreAll} (the batch path that
 * {@code cli/…/AdaptiveServiceParityTest} shows the service answers, reading by reading) over the published bundle's
 * own feature rows of the whole file, kept from the cutoff on, and they stand in {@code metrics.json} and the report
 * beside the fitted model's and the baseline's. Writes the adaptive score of every row of the file to
 * {@code target/nab-machine-temperature-adaptive-alarms.csv} (time, score, alarm) for {@code benchmarks/nab/window_alarms.py}.
 */
class AdaptiveEvaluationJobTest {
    private static final Path JOBS = AnomalyJobTest.JOBS;
    private static final String JOB = "nab-machine-temperature-adaptive";
    /** The job's {@code split.cutoff}: rows from it on are evaluated. */
    private static final String CUTOFF = "2013-12-14 16:50:00";
    /** The same arithmetic on the same rows: the same bits, up to this. */
    private static final double SAME = 1e-9;

    @TempDir
    Path tmp;

    @Test
    void the_adaptive_job_evaluates_the_served_score_as_the_batch_path_streams_the_whole_file() throws Exception {
        TrainingConfig c = ConfigReader.read(JOBS.resolve(JOB + ".yaml"));
        TrainingConfig job = new TrainingConfig(c.name(), c.data(), c.spec(), c.task(), c.model(), c.split(), c.costs(),
                tmp.resolve("registry").toString(), c.seed());
        List<String> log = new ArrayList<>();
        TrainingJob.Result r = new TrainingJob(job, JOBS, log::add).run();
        JsonNode adaptive = r.metrics().at("/evaluation/adaptive");
        JsonNode knn = r.metrics().at("/evaluation/knn");
        JsonNode baseline = r.metrics().at("/evaluation/zscore baseline");
        assertEquals(19_280, adaptive.path("rows").asInt(), adaptive.toString());
        assertEquals(knn.path("rows").asInt(), adaptive.path("rows").asInt());
        assertEquals(knn.path("rows").asInt(), baseline.path("rows").asInt());
        assertEquals("adaptive", r.metrics().at("/scoring/mode").asText(), r.metrics().toString());

        try (LoadedModel m = LoadedModel.load(new ModelRegistry(tmp.resolve("registry")), JOB + "@candidate")) {
            AnomalyModel model = m.adaptiveAnomaly().orElseThrow();
            AdaptiveScoring settings = model.adaptive().orElseThrow();
            FeatureTable all = new FeatureTable(m.extractor().columns());
            Dataset file = Datasets.open(JOBS.resolve(c.data().train()), null);
            new BatchExtractor(m.extractor()).run(file, all);
            FeatureTable rows = all.sorted();
            double[][] x = IntStream.range(0, rows.size()).mapToObj(rows::row).toArray(double[][]::new);
            AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(model, settings, x);
            long cutoff = file.axis().parse(CUTOFF);
            int[] evaluated = IntStream.range(0, rows.size()).filter(i -> rows.time(i) >= cutoff).toArray();
            long alarms = IntStream.of(evaluated).filter(i -> steps[i].score() >= settings.alarmLevel()).count();
            int prior = rows.size() - evaluated.length;

            assertEquals(evaluated.length, adaptive.path("rows").asInt(), "the evaluated rows are the file's from the cutoff on");
            assertEquals(prior, adaptive.path("priorRows").asLong(), "the rows before the cutoff warm the scorer up");
            assertTrue(prior > settings.warmUp(), "the warm-up ends before the evaluated period: " + prior);
            assertEquals(alarms, adaptive.path("alarmRows").asLong(), "alarming rows: the job's against the batch path's");
            assertEquals(alarms, adaptive.at("/within24h/falseAlarmRows").asLong(), "no failure in the file: every alarm is false");
            assertTrue(alarms > 0 && alarms < knn.path("alarmRows").asLong() / 10,
                    "the adaptive score alarms, far less often than the frozen model: " + alarms + " against " + knn);
            // the event figures of the batch path's alarms, by the job's own definitions, are the job's
            boolean[] alarming = new boolean[evaluated.length];
            for (int i = 0; i < evaluated.length; i++) {
                alarming[i] = steps[evaluated[i]].score() >= settings.alarmLevel();
            }
            RowTimes times = new RowTimes(IntStream.of(evaluated).mapToObj(rows::asset).toArray(String[]::new),
                    IntStream.of(evaluated).mapToLong(rows::time).toArray());
            long stride = rows.time(evaluated[1]) - rows.time(evaluated[0]);
            for (String h : List.of("24h", "7d")) {
                EventMetrics em = AlarmEvaluation.at(times, alarming, List.of(), file.axis().parseSpan(h), stride,
                        TimeScale.of(file.axis()));
                JsonNode e = adaptive.path("within" + h);
                assertEquals(em.falseAlarmRows(), e.path("falseAlarmRows").asLong(), h + ": " + e);
                assertEquals(em.falseAlarmsPerAssetMonth(), e.path("falseAlarmsPerAssetMonth").asDouble(), SAME, h + ": " + e);
                assertEquals(em.needlessVisitsPerAssetMonth(), e.path("alarmEpisodesPerAssetMonth").asDouble(), SAME, h + ": " + e);
            }
            // the served score's alarms along the whole file, for benchmarks/nab/window_alarms.py (training/ANOMALY.md)
            StringBuilder csv = new StringBuilder("time,score,alarm\n");
            for (int i = 0; i < rows.size(); i++) {
                csv.append(file.axis().format(rows.time(i))).append(',').append(steps[i].score()).append(',')
                        .append(steps[i].score() >= settings.alarmLevel()).append('\n');
            }
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", JOB + "-alarms.csv"), csv.toString());
            // a replay that started at the cutoff (the warm-up spent on evaluated rows) would not give these alarms
            AdaptiveScorer.Step[] cold = AdaptiveScorer.scoreAll(model, settings,
                    IntStream.of(evaluated).mapToObj(rows::row).toArray(double[][]::new));
            long coldAlarms = IntStream.range(0, cold.length).filter(i -> cold[i].score() >= settings.alarmLevel()).count();
            assertTrue(coldAlarms != alarms, "the test tells a cold start from the service's stream: " + coldAlarms);
        }
        String report = Files.readString(r.bundleDirectory().resolve("report.html"));
        assertTrue(report.contains("<th>adaptive</th>") && report.contains("served score"), "the report shows the adaptive column");
        assertTrue(String.join("\n", log).contains("adaptive: {"), "the job log prints the adaptive figures");
    }

    /**
     * Split by asset ({@code jobs/azure-anomaly-knn-adaptive.yaml}: the Azure knn job served with {@code scoring:
     * adaptive}, the fitted detector's raw score judged per machine): each test machine is evaluated whole, so its scorer starts at its first row, as the service's does
     * for a machine it has never seen, and the warm-up falls on evaluated rows (scored 0). The job's event figures
     * against the failure log are those of {@link AdaptiveScorer#scoreAll} over each test machine's rows.
     */
    @Test
    void split_by_asset_each_test_machine_is_streamed_from_its_first_row_and_judged_against_its_failures() throws Exception {
        TrainingConfig c = ConfigReader.read(JOBS.resolve("azure-anomaly-knn-adaptive.yaml"));
        AdaptiveScoring defaults = AdaptiveScoring.likelihood();
        assertEquals(new AnomalyScoring.Adaptive(defaults.withWarmUp(defaults.defaultWarmUp())),
                ((TaskConfig.Anomaly) c.task()).scoring(), "the job runs likelihood()'s defaults, the default warm-up too");
        TrainingConfig job = new TrainingConfig(c.name(), c.data(), c.spec(), c.task(), c.model(), c.split(), c.costs(),
                tmp.resolve("registry").toString(), c.seed());
        TrainingJob.Result r = new TrainingJob(job, JOBS, s -> { }).run();
        JsonNode adaptive = r.metrics().at("/evaluation/adaptive");
        assertEquals(0, adaptive.path("priorRows").asLong(), "test machines are evaluated whole: " + adaptive);
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(tmp.resolve("registry")), "azure-anomaly-knn-adaptive@candidate")) {
            AnomalyModel model = m.adaptiveAnomaly().orElseThrow();
            AdaptiveScoring settings = model.adaptive().orElseThrow();
            Dataset azure = Datasets.open(JOBS.resolve(c.data().train()), null);
            FeatureTable all = new FeatureTable(m.extractor().columns());
            new BatchExtractor(m.extractor()).run(azure, all);
            FeatureTable rows = all.sorted();
            List<String> assets = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            List<Boolean> alarms = new ArrayList<>();
            for (var e : rows.rowsByAsset().entrySet()) {
                int id = Integer.parseInt(e.getKey());
                if (id < 51 || id > 70) {
                    continue;
                }
                double[][] x = IntStream.of(e.getValue()).mapToObj(rows::row).toArray(double[][]::new);
                AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(model, settings, x);
                for (int i = 0; i < steps.length; i++) {
                    assets.add(e.getKey());
                    times.add(rows.time(e.getValue()[i]));
                    alarms.add(steps[i].score() >= settings.alarmLevel());
                }
            }
            boolean[] alarming = new boolean[alarms.size()];
            for (int i = 0; i < alarming.length; i++) {
                alarming[i] = alarms.get(i);
            }
            RowTimes rowTimes = new RowTimes(assets.toArray(String[]::new), times.stream().mapToLong(Long::longValue).toArray());
            List<Event> failures = azure.events().all().stream().filter(e -> e.kind() == EventKind.FAILURE
                    && assets.contains(e.asset())).toList();
            assertEquals(alarming.length, adaptive.path("rows").asInt(), adaptive.toString());
            JsonNode knn = r.metrics().at("/evaluation/knn");
            for (String h : List.of("24h", "7d")) {
                EventMetrics em = AlarmEvaluation.at(rowTimes, alarming, failures, azure.axis().parseSpan(h),
                        azure.axis().parseSpan(AZURE_ROW_STRIDE), TimeScale.of(azure.axis()));
                JsonNode e = adaptive.path("within" + h);
                assertEquals(em.eventsWithRows(), e.path("failures").asInt(), h + ": " + e);
                assertEquals(em.eventsCaught(), e.path("caught").asInt(), h + ": " + e);
                assertEquals(em.falseAlarmRows(), e.path("falseAlarmRows").asLong(), h + ": " + e);
                assertEquals(em.falseAlarmsPerAssetMonth(), e.path("falseAlarmsPerAssetMonth").asDouble(), SAME, h + ": " + e);
                assertEquals(knn.at("/within" + h + "/failures").asInt(), e.path("failures").asInt(), "the same failures judged");
            }
            assertTrue(adaptive.at("/within7d/failures").asInt() >= 30, adaptive.toString());
        }
    }

    /** The Azure anomaly spec emits a row every 3 h ({@code specs/azure-anomaly.json}): the job's most common row gap. */
    private static final String AZURE_ROW_STRIDE = "3h";
}
