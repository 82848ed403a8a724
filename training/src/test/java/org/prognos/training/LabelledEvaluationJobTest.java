package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.Datasets;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.predict.Predictions;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.config.EvaluationConfig;
import org.prognos.training.config.TrainingConfig;

/**
 * An anomaly job judged against labelled periods ({@code evaluation}), on bundled NAB data with NAB's own windows:
 * the event figures of the machine-temperature job agree with {@code benchmarks/nab/window_alarms.py}'s count of the
 * published bundle's alarm rows (an independent reference, in pandas); the same periods given as a 0/1 column of the
 * data give the same figures; a spec that reads the label column is refused; and the realKnownCause folder, one asset
 * per file, learns on each file's first 15 % and evaluates only the rest of each.
 */
class LabelledEvaluationJobTest {
    private static final Path JOBS = AnomalyJobTest.JOBS;
    private static final Path ROOT = JOBS.resolve("../..").normalize();
    private static final String CUTOFF = "2013-12-14 16:50:00";
    private static final String KEY = "realKnownCause/machine_temperature_system_failure.csv";
    /** Hours computed two ways (microseconds / 3.6e9 here, pandas timedeltas there). */
    private static final double SAME_HOURS = 1e-9;

    @TempDir
    Path tmp;

    private TrainingJob.Result run(TrainingConfig c) throws IOException {
        TrainingConfig job = new TrainingConfig(c.name(), c.data(), c.spec(), c.task(), c.model(), c.split(), c.costs(),
                tmp.resolve("registry").toString(), c.seed(), c.evaluation());
        return new TrainingJob(job, JOBS, s -> { }).run();
    }

    @Test
    void the_machine_temperature_window_figures_are_those_window_alarms_py_counts_for_the_bundles_alarm_rows() throws Exception {
        TrainingConfig c = ConfigReader.read(JOBS.resolve("nab-machine-temperature-periods.yaml"));
        TrainingJob.Result r = run(c);
        JsonNode knn = r.metrics().at("/evaluation/knn/labelled");
        assertTrue(r.metrics().at("/evaluation/zscore baseline/labelled/f1").isNumber(), "the baseline is judged beside");

        // the published bundle's alarm rows from the cutoff on, in the form prognos score writes
        Path scores = tmp.resolve("scores.csv");
        Dataset file = Datasets.open(JOBS.resolve(c.data().train()), null);
        TimeAxis axis = file.axis();
        long cutoff = axis.parse(CUTOFF);
        StringBuilder csv = new StringBuilder("time,alarm\n");
        long alarmRows = 0;
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(tmp.resolve("registry")), c.name() + "@candidate")) {
            FeatureTable all = new FeatureTable(m.extractor().columns());
            new BatchExtractor(m.extractor()).run(file, all);
            FeatureTable rows = all.sorted();
            double[][] x = new double[rows.size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = rows.row(i);
            }
            Predictions.Anomalies p = (Predictions.Anomalies) m.predictor().predict(x);
            for (int i = 0; i < x.length; i++) {
                if (rows.time(i) >= cutoff) {
                    boolean alarm = p.raw()[i] >= p.threshold();
                    alarmRows += alarm ? 1 : 0;
                    csv.append(axis.format(rows.time(i))).append(',').append(alarm ? "True" : "False").append('\n');
                }
            }
        }
        assertEquals(r.metrics().at("/evaluation/knn/alarmRows").asLong(), alarmRows, "the bundle alarms on the job's rows");
        Files.writeString(scores, csv.toString());

        List<String> out = windowAlarms(scores);
        Pattern window = Pattern.compile("window (\\S+ \\S+) \\.\\. (\\S+ \\S+): rows (\\d+), alarm rows (\\d+), first alarm (\\S+ \\S+|None),.*");
        Pattern outside = Pattern.compile(".*outside the windows (\\d+) alarm rows of (\\d+) .*");
        int periods = 0;
        int detected = 0;
        long labelled = 0;
        long inside = 0;
        List<Double> delays = new ArrayList<>();
        long outsideAlarms = -1;
        long outsideRows = -1;
        for (String line : out) {
            Matcher w = window.matcher(line);
            Matcher o = outside.matcher(line);
            if (w.matches() && Long.parseLong(w.group(3)) > 0) {
                periods++;
                labelled += Long.parseLong(w.group(3));
                inside += Long.parseLong(w.group(4));
                if (!w.group(5).equals("None")) {
                    detected++;
                    delays.add((axis.parse(w.group(5)) - axis.parse(w.group(1))) / (double) TimeAxis.Timestamps.MICROS_PER_HOUR);
                }
            } else if (o.matches()) {
                outsideAlarms = Long.parseLong(o.group(1));
                outsideRows = Long.parseLong(o.group(2));
            }
        }
        assertEquals(3, periods, "NAB's first window lies before the cutoff: " + out);
        assertEquals(periods, knn.path("periods").asInt(), knn.toString());
        assertEquals(detected, knn.path("detected").asInt(), knn.toString());
        assertEquals(labelled, knn.path("labelledRows").asLong(), knn.toString());
        assertEquals(inside, knn.path("truePositives").asLong(), knn.toString());
        assertEquals(outsideAlarms, knn.path("falsePositives").asLong(), knn.toString());
        assertEquals(outsideRows - outsideAlarms, knn.path("trueNegatives").asLong(), knn.toString());
        double[] jobDelays = new double[knn.path("delays").size()];
        for (int i = 0; i < jobDelays.length; i++) {
            jobDelays[i] = knn.path("delays").get(i).asDouble();
        }
        assertArrayEquals(delays.stream().mapToDouble(Double::doubleValue).toArray(), jobDelays, SAME_HOURS);
        assertEquals("h", knn.path("delayUnit").asText());
        String report = Files.readString(r.bundleDirectory().resolve("report.html"));
        assertTrue(report.contains("labelled periods detected") && report.contains("FAR / MAR"), "the report shows them");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", c.name() + "-metrics.json"), r.metrics().toPrettyString());
    }

    /**
     * {@code benchmarks/nab/window_alarms.py} on {@code scores}, run by Debian's {@code /usr/bin/python3} (its
     * python3-pandas, which {@code .ci/run} installs; a user-site pandas is ignored); skipped where that is missing.
     */
    private static List<String> windowAlarms(Path scores) throws Exception {
        Process probe;
        try {
            probe = python("-c", "import pandas").redirectErrorStream(true).start();
        } catch (IOException e) {
            probe = null;
        }
        assumeTrue(probe != null && probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                PYTHON + " with pandas runs the independent reference");
        Process p = python("benchmarks/nab/window_alarms.py", scores.toString(), KEY, CUTOFF)
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, text);
        return text.lines().toList();
    }

    private static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private static ProcessBuilder python(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command);
        b.environment().put("PYTHONNOUSERSITE", "1");
        return b;
    }

    @Test
    void a_label_column_gives_the_figures_of_the_same_periods_given_as_a_file() throws Exception {
        // the bundled file with NAB's windows written into a 0/1 column, as a SKAB file carries its labels
        TrainingConfig c = ConfigReader.read(JOBS.resolve("nab-machine-temperature-periods.yaml"));
        Path source = JOBS.resolve(c.data().train());
        TimeAxis axis = TimeAxis.Timestamps.utc();
        JsonNode windows = new ObjectMapper().readTree(JOBS.resolve("../nab/labels/combined_windows.json").toFile()).path(KEY);
        List<String> lines = Files.readAllLines(source);
        StringBuilder labelled = new StringBuilder(lines.get(0)).append(",anomaly\n");
        for (String line : lines.subList(1, lines.size())) {
            long t = axis.parse(line.substring(0, line.indexOf(',')));
            boolean in = false;
            for (JsonNode w : windows) {
                in |= t >= axis.parse(w.get(0).asText()) && t <= axis.parse(w.get(1).asText());
            }
            labelled.append(line).append(in ? ",1\n" : ",0\n");
        }
        Path data = tmp.resolve("machine_temperature_system_failure.csv");
        Files.writeString(data, labelled.toString());
        TrainingConfig column = new TrainingConfig(c.name(), new TrainingConfig.DataConfig(data.toString(), Optional.empty(), Optional.empty(), Optional.empty(), TrainingConfig.EvaluateAt.ALL),
                c.spec(), c.task(), c.model(), c.split(), c.costs(), c.registry(), c.seed(),
                Optional.of(new EvaluationConfig.LabelColumn("anomaly")));
        JsonNode fromColumn = run(column).metrics().at("/evaluation/knn/labelled");
        JsonNode fromFile = run(c).metrics().at("/evaluation/knn/labelled");
        assertEquals(3, fromFile.path("periods").asInt());
        assertEquals(fromFile, fromColumn, "one definition, whichever way the periods come");

        // a spec that reads the label is refused before anything is fitted
        JsonNode spec = new ObjectMapper().readTree(JOBS.resolve(c.spec().asText()).toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) spec.path("channels")).add("anomaly");
        TrainingConfig leaking = new TrainingConfig(c.name(), column.data(), spec, c.task(), c.model(), c.split(), c.costs(),
                c.registry(), c.seed(), column.evaluation());
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> run(leaking));
        assertTrue(e.getMessage().contains("at 'evaluation.labelColumn': 'anomaly' is the label the alarms are judged against,"
                + " and the spec 'nab-value-lags' reads it as an input (its channels: [value, anomaly])"), e.getMessage());
        TrainingConfig missing = new TrainingConfig(c.name(), c.data(), c.spec(), c.task(), c.model(), c.split(), c.costs(),
                c.registry(), c.seed(), column.evaluation());
        InvalidSpecException m = assertThrows(InvalidSpecException.class, () -> run(missing));
        assertTrue(m.getMessage().contains("at 'evaluation.labelColumn': the data "), m.getMessage());
        assertTrue(m.getMessage().contains("has no column 'anomaly'; its columns are [value]"), m.getMessage());
    }

    @Test
    void a_job_served_adaptively_judges_the_adaptive_score_against_the_periods_too() throws Exception {
        TrainingConfig c = ConfigReader.read(JOBS.resolve("nab-machine-temperature-adaptive.yaml"))
                .withEvaluation(new EvaluationConfig.PeriodsFile("../nab/labels/combined_windows.json"));
        TrainingJob.Result r = run(c);
        JsonNode adaptive = r.metrics().at("/evaluation/adaptive");
        JsonNode knn = r.metrics().at("/evaluation/knn/labelled");
        JsonNode labelled = adaptive.path("labelled");
        assertEquals(adaptive.path("alarmRows").asLong(), labelled.path("truePositives").asLong()
                + labelled.path("falsePositives").asLong(), labelled.toString());
        assertEquals(adaptive.path("rows").asLong(), labelled.path("truePositives").asLong() + labelled.path("falsePositives").asLong()
                + labelled.path("falseNegatives").asLong() + labelled.path("trueNegatives").asLong());
        assertEquals(knn.path("labelledRows"), labelled.path("labelledRows"), "the same rows, the same labels");
        assertEquals(3, labelled.path("periods").asInt());
        assertTrue(labelled.path("falseAlarmEpisodes").asLong() < knn.path("falseAlarmEpisodes").asLong(),
                "the adaptive score raises fewer false-alarm episodes than the frozen model: " + labelled + " against " + knn);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", c.name() + "-periods-metrics.json"), r.metrics().toPrettyString());
    }

    @Test
    void a_folder_of_runs_learns_on_each_files_first_part_and_evaluates_only_the_rest() throws Exception {
        TrainingConfig c = ConfigReader.read(JOBS.resolve("nab-known-cause-learn.yaml"));
        TrainingConfig job = new TrainingConfig(c.name(), c.data(), c.spec(), c.task(), c.model(), c.split(), c.costs(),
                tmp.resolve("registry").toString(), c.seed(), c.evaluation());
        AnomalyPlan plan = new AnomalyPlanner(job, s -> { }, 1).plan(JobData.open(job, JOBS, Optional.empty()));
        Dataset folder = Datasets.open(JOBS.resolve(c.data().train()), null);
        Map<String, List<Long>> readings = new HashMap<>();
        folder.telemetry().forEach((a, t, v) -> readings.computeIfAbsent(a, k -> new ArrayList<>()).add(t));
        assertEquals(7, readings.size(), readings.keySet().toString());
        FeatureTable table = plan.table();
        long evaluated = 0;
        for (Map.Entry<String, List<Long>> e : readings.entrySet()) {
            List<Long> t = e.getValue();
            long firstEvaluated = t.get((int) Math.ceil(0.15 * t.size()));
            for (int i : plan.train()) {
                assertTrue(!table.asset(i).equals(e.getKey()) || table.time(i) < firstEvaluated, "fitted row after the learning period");
            }
            for (int i : plan.calibration()) {
                assertTrue(!table.asset(i).equals(e.getKey()) || table.time(i) < firstEvaluated, "calibration row after it");
            }
            evaluated += t.size() - (long) Math.ceil(0.15 * t.size());
        }
        assertEquals(evaluated, plan.test().size(), "every row after each asset's learning period is evaluated, none before");
        for (int i = 0; i < plan.test().size(); i++) {
            List<Long> t = readings.get(plan.test().asset(i));
            assertTrue(plan.test().time(i) >= t.get((int) Math.ceil(0.15 * t.size())), "an evaluated row in the learning period");
        }
        assertEquals(table.size(), plan.train().length + plan.calibration().length + plan.test().size(),
                "no normal selection: every learning row fits or calibrates");

        TrainingJob.Result r = new TrainingJob(job, JOBS, s -> { }).run();
        JsonNode knn = r.metrics().at("/evaluation/knn/labelled");
        // NAB's windows of these files that reach past each file's learning period are the evaluated periods
        JsonNode windows = new ObjectMapper().readTree(JOBS.resolve("../nab/labels/combined_windows.json").toFile());
        TimeAxis axis = folder.axis();
        int expected = 0;
        for (Map.Entry<String, List<Long>> e : readings.entrySet()) {
            List<Long> t = e.getValue();
            long firstEvaluated = t.get((int) Math.ceil(0.15 * t.size()));
            for (JsonNode w : windows.path("realKnownCause/" + e.getKey() + ".csv")) {
                expected += axis.parse(w.get(1).asText()) >= firstEvaluated ? 1 : 0;
            }
        }
        assertTrue(expected > 7, "NAB labels windows after the probation: " + expected);
        assertEquals(expected, knn.path("periods").asInt(), knn.toString());
        assertEquals(evaluated, r.metrics().at("/evaluation/knn/rows").asLong());
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", c.name() + "-metrics.json"), r.metrics().toPrettyString());
    }

    @Test
    void a_learning_period_that_swallows_an_asset_is_refused_naming_it() throws Exception {
        TrainingConfig c = ConfigReader.read(JOBS.resolve("nab-known-cause-learn.yaml"));
        TrainingConfig job = new TrainingConfig(c.name(), c.data(), c.spec(), c.task(), c.model(),
                new org.prognos.training.config.SplitConfig.LearnPeriod(
                        new org.prognos.training.config.SplitConfig.Learn.Readings(10_000), 0.25),
                c.costs(), tmp.resolve("registry").toString(), c.seed(), c.evaluation());
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> new TrainingJob(job, JOBS, s -> { }).run());
        assertEquals("'split.learn' (10000 readings) leaves none of the 7267 readings of asset"
                + " 'ambient_temperature_system_failure' to evaluate: learn less, or leave the asset out of the data", e.getMessage());
        assertTrue(Files.notExists(tmp.resolve("registry").resolve(c.name())), "nothing published");
    }
}
