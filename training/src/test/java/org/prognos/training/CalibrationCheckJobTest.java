package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.extract.FeatureTable;
import org.prognos.models.anomaly.AnomalyJson;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.reports.Html;
import org.prognos.training.anomaly.CalibrationCheck;
import org.prognos.training.config.TaskConfig;
import org.prognos.training.config.TrainingConfig;

/**
 * The anomaly job warns when its calibration did not hold on the evaluated rows ({@link CalibrationCheck}), on bundled
 * jobs: the Azure knn split by time alarms on November's normal rows far above the 1 % it was calibrated to, and says
 * so in its log, its metrics and its report, naming the machines of the highest rate; a job whose calibration holds
 * says nothing, and its metrics keep their shape.
 */
class CalibrationCheckJobTest {
    private static final Path JOBS = AnomalyJobTest.JOBS;

    @TempDir
    Path tmp;

    private TrainingConfig job(String file) {
        return AnomalyJobTest.jobIn(file, tmp.resolve("registry"));
    }

    @Test
    void the_azure_time_split_knn_warns_at_the_rate_its_metrics_report_naming_its_worst_machines() throws Exception {
        TrainingConfig c = job("azure-anomaly-knn-time.yaml");
        List<String> log = new ArrayList<>();
        TrainingJob.Result r = new TrainingJob(c, JOBS, log::add).run();
        JsonNode knn = r.metrics().at("/evaluation/knn");
        double rate = knn.path("normalRowAlarmRate").asDouble();
        assertTrue(rate >= CalibrationCheck.WARN_AT * 0.01, knn.toString());
        assertEquals(1, knn.path("warnings").size(), knn.toString());
        String w = knn.path("warnings").get(0).asText();
        assertTrue(w.startsWith("knn: " + CalibrationCheck.percent(rate) + " % of the "), w);
        assertTrue(w.contains(String.format(Locale.ROOT, "%s × the false-alarm rate of 1 %% the score was calibrated to"
                + " on %,d held-out normal rows", CalibrationCheck.percent(rate), r.metrics().path("calibrationNormalRows")
                .asLong())), w);
        assertTrue(log.contains("WARNING: " + w), "one WARNING line per warning");
        assertTrue(Files.readString(r.bundleDirectory().resolve("report.html")).contains("<li>" + Html.escape(w) + "</li>"),
                "the report lists it");
        JsonNode baseline = r.metrics().at("/evaluation/zscore baseline");
        assertEquals(baseline.path("normalRowAlarmRate").asDouble() >= CalibrationCheck.WARN_AT * 0.01,
                baseline.has("warnings"), "the baseline is checked too: " + baseline);

        // the machines named: the three of the highest alarm rate on their normal rows, tallied here from the published
        // model scoring each evaluated row alone
        AnomalyModel model = AnomalyJson.parse(Files.readAllBytes(new ModelRegistry(tmp.resolve("registry"))
                .load(c.name() + "@candidate").payloadPath()), c.name());
        AnomalyPlan plan = new AnomalyPlanner(c, s -> { }, 1).plan(JobData.open(c, JOBS, Optional.empty()));
        FeatureTable test = plan.test();
        List<Integer> normal = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            if (plan.normal().normal(test.asset(i), test.time(i))) {
                normal.add(i);
            }
        }
        double[] raw = model.score(normal.stream().map(test::row).toArray(double[][]::new)).raw();
        Map<String, long[]> tally = new LinkedHashMap<>();
        for (int k = 0; k < raw.length; k++) {
            long[] t = tally.computeIfAbsent(test.asset(normal.get(k)), a -> new long[2]);
            t[0]++;
            t[1] += model.calibration().alarm(raw[k]) ? 1 : 0;
        }
        List<String> worst = tally.entrySet().stream()
                .filter(e -> e.getValue()[1] / (double) e.getValue()[0] >= CalibrationCheck.WARN_AT * 0.01)
                .sorted(Comparator.comparingDouble((Map.Entry<String, long[]> e) -> e.getValue()[1] / (double) e.getValue()[0])
                        .reversed().thenComparing(e -> e.getValue()[0], Comparator.reverseOrder()))
                .map(e -> String.format(Locale.ROOT, "'%s' %s %% of %,d rows", e.getKey(),
                        CalibrationCheck.percent(e.getValue()[1] / (double) e.getValue()[0]), e.getValue()[0]))
                .toList();
        assertTrue(worst.size() > 3, worst.toString());
        assertTrue(w.endsWith("; " + worst.size() + " of its " + tally.size() + " assets alarm at 2 × the rate or more, the"
                + " highest: " + String.join(", ", worst.subList(0, 3))), w);
        long rows = tally.values().stream().mapToLong(t -> t[0]).sum();
        assertTrue(w.startsWith(String.format(Locale.ROOT, "knn: %s %% of the %,d evaluated normal rows alarm",
                CalibrationCheck.percent(rate), rows)), w);
    }

    @Test
    void a_job_whose_calibration_holds_says_nothing() throws IOException {
        TrainingConfig c = job(HOLDS);
        List<String> log = new ArrayList<>();
        TrainingJob.Result r = new TrainingJob(c, JOBS, log::add).run();
        r.metrics().path("evaluation").forEach(e -> {
            assertTrue(e.path("normalRowAlarmRate").asDouble() < CalibrationCheck.WARN_AT * 0.01, e.toString());
            assertFalse(e.has("warnings"), "metrics keep their shape without a warning: " + e);
        });
        assertTrue(log.stream().noneMatch(s -> s.startsWith("WARNING")), log.toString());
        assertFalse(Files.readString(r.bundleDirectory().resolve("report.html")).contains("Warnings"));
    }

    @Test
    void with_labelled_periods_the_labelled_far_is_checked_and_the_message_gives_it() throws IOException {
        TrainingJob.Result r = new TrainingJob(job("nab-known-cause-learn.yaml"), JOBS, s -> { }).run();
        JsonNode knn = r.metrics().at("/evaluation/knn");
        double far = knn.at("/labelled/far").asDouble();
        assertTrue(far >= CalibrationCheck.WARN_AT * 0.01, knn.toString());
        assertEquals(1, knn.path("warnings").size(), "the FAR replaces the normal rows, which hold the labelled anomalies");
        String w = knn.path("warnings").get(0).asText();
        long unlabelled = knn.at("/labelled/falsePositives").asLong() + knn.at("/labelled/trueNegatives").asLong();
        assertTrue(w.startsWith(String.format(Locale.ROOT, "knn: %s %% of the %,d evaluated rows outside the labelled periods"
                + " (the labelled FAR) alarm, %s × ", CalibrationCheck.percent(far), unlabelled, CalibrationCheck.percent(far))), w);
        assertTrue(w.endsWith("; 1 of its 7 assets alarms at 2 × the rate or more, the highest: 'nyc_taxi' 15 % of 7,737 rows"),
                "one file of seven eats the pooled calibration: " + w);
    }

    @Test
    void too_few_evaluated_normal_rows_give_no_verdict() throws IOException {
        // the Azure knn split by time asked for a false-alarm rate of 0.03 %: a verdict needs 10 / 0.0003 = 33,334
        // normal rows, November's are fewer; they alarm at more than twice that rate, and nothing is said
        TrainingConfig file = job("azure-anomaly-knn-time.yaml");
        TaskConfig.Anomaly t = (TaskConfig.Anomaly) file.task();
        double rate = 0.0003;
        TrainingConfig c = new TrainingConfig(file.name(), file.data(), file.spec(), new TaskConfig.Anomaly(t.normal(), rate,
                t.scoring(), t.scaling(), t.detector()), file.model(), file.split(), file.costs(), file.registry(), file.seed(),
                file.evaluation());
        TrainingJob.Result r = new TrainingJob(c, JOBS, s -> { }).run();
        AnomalyPlan plan = new AnomalyPlanner(c, s -> { }, 1).plan(JobData.open(c, JOBS, Optional.empty()));
        long normalRows = IntStream.range(0, plan.test().size())
                .filter(i -> plan.normal().normal(plan.test().asset(i), plan.test().time(i))).count();
        assertTrue(normalRows > 0 && normalRows < CalibrationCheck.MIN_EXPECTED_ALARMS / rate, normalRows + " rows");
        r.metrics().path("evaluation").forEach(e -> {
            assertTrue(e.path("normalRowAlarmRate").asDouble() >= CalibrationCheck.WARN_AT * rate, e.toString());
            assertFalse(e.has("warnings"), e.toString());
        });
    }

    /** A bundled job whose evaluated normal rows alarm below twice the target (training/ANOMALY.md lists them). */
    private static final String HOLDS = "azure-anomaly-knn.yaml";
}
