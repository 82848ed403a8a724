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
 * beside the fitted model's and the baseline's.
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
}
