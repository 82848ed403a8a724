package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prognos.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.telemetry.TimeAxis;

/**
 * {@code prognos evaluate --held-out} on a bundle trained by {@code prognos train} on the bundled AI4I table
 * (CI-sized: fewer trees): it scores exactly the units the job held out, with the job's own test figures. An anomaly
 * bundle (C-MAPSS FD001, pca) without labelled periods is refused with a message, with or without {@code --held-out};
 * the bundled NAB jobs' bundles, given NAB's windows, give their jobs' labelled figures.
 */
class EvaluateCommandTest {
    static final Path DATA = Path.of("../notebooks-data").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    /**
     * Trains the bundled NAB job judged against NAB's windows (notebooks-data/jobs/nab-machine-temperature-periods.yaml)
     * into the test's registry; its labelled figures from metrics.json.
     */
    private JsonNode trainNabPeriodsJob() throws Exception {
        String job = Files.readString(DATA.resolve("jobs/nab-machine-temperature-periods.yaml"))
                .replace("../nab/", DATA.resolve("nab") + "/").replace("../specs/", DATA.resolve("specs") + "/")
                .replace("registry: ../../registry", "registry: " + tmp.resolve("registry"));
        CliRun trained = run("train", "--config", Files.writeString(tmp.resolve("nab.yaml"), job).toString());
        assertEquals(0, trained.code(), trained.err());
        return new ObjectMapper().readTree(tmp.resolve("registry/nab-machine-temperature-periods/1/metrics.json")
                .toFile()).at("/evaluation/knn/labelled");
    }

    private Path job(String name, String data) throws Exception {
        return Files.writeString(tmp.resolve(name + ".json"), """
                {"name": "%3$s",
                 "data": {"train": "%1$s/ai4i2020"%4$s},
                 "spec": "%1$s/specs/ai4i-row.json",
                 "task": {"type": "failure-within-horizon", "horizon": "1", "components": []},
                 "model": {"family": "xgboost", "params": {"trees": 30, "eta": 0.3, "maxDepth": 6}},
                 "split": {"method": "asset", "testFraction": 0.2, "validationFraction": 0.2},
                 "registry": "%2$s", "seed": 42}
                """.formatted(DATA, tmp.resolve("registry"), name, data));
    }

    @Test
    void held_out_evaluates_exactly_the_units_the_job_held_out() throws Exception {
        CliRun trained = run("train", "--config", job("ai4i", "").toString());
        assertEquals(0, trained.code(), trained.err());
        JsonNode jobMetrics = new ObjectMapper().readTree(tmp.resolve("registry/ai4i/1/metrics.json").toFile());

        CliRun r = run("evaluate", "--registry", tmp.resolve("registry").toString(), "--model", "ai4i@candidate",
                "--data", DATA.resolve("ai4i2020").toString(), "--held-out");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("limited to the 2000 held-out assets"), r.err());
        JsonNode m = new ObjectMapper().readTree(r.out());
        assertEquals(2000, m.at("/results/0/classification/rows").asInt());
        assertEquals(jobMetrics.at("/model/prAucAnyFailure").asDouble(), m.at("/model/prAucAnyFailure").asDouble(), 1e-12);

        CliRun both = run("evaluate", "--registry", tmp.resolve("registry").toString(), "--model", "ai4i@candidate",
                "--data", DATA.resolve("ai4i2020").toString(), "--held-out", "--assets-file", "units.txt");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
    }

    @Test
    void held_out_explains_a_bundle_that_held_no_assets_out() throws Exception {
        // a separate test set: nothing of the training data is held out as whole assets
        CliRun trained = run("train", "--config", job("ai4i-separate", ", \"test\": \"" + DATA.resolve("ai4i2020") + "\"").toString());
        assertEquals(0, trained.code(), trained.err());

        CliRun r = run("evaluate", "--registry", tmp.resolve("registry").toString(), "--model", "ai4i-separate",
                "--data", DATA.resolve("ai4i2020").toString(), "--held-out");

        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("ai4i-separate:1 records no held-out assets (its split: by asset:"), r.err());
        assertTrue(r.err().contains("for a separate test set evaluate on that set"), r.err());
    }

    @Test
    void an_anomaly_model_is_refused_naming_where_its_figures_are() throws Exception {
        Path config = Files.writeString(tmp.resolve("fd001-anomaly.json"), """
                {"name": "fd001-anomaly",
                 "data": {"train": "%1$s/cmapss", "subset": "FD001"},
                 "spec": "%1$s/specs/cmapss-anomaly.json",
                 "task": {"type": "anomaly", "normal": {"from": "10", "to": "90"}, "falseAlarmRate": 0.01},
                 "model": {"family": "pca"},
                 "split": {"method": "asset", "testFraction": 0.2, "validationFraction": 0.2},
                 "registry": "%2$s", "seed": 42}
                """.formatted(DATA, tmp.resolve("registry")));
        CliRun trained = run("train", "--config", config.toString());
        assertEquals(0, trained.code(), trained.err());

        for (String[] limit : new String[][] {{}, {"--held-out"}}) {
            String[] args = Stream.concat(Stream.of("evaluate", "--registry",
                    tmp.resolve("registry").toString(), "--model", "fd001-anomaly", "--data", DATA.resolve("cmapss").toString(),
                    "--subset", "FD001"), Arrays.stream(limit)).toArray(String[]::new);
            CliRun r = run(args);

            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("fd001-anomaly:1 is an anomaly model (pca): evaluate judges it against labelled"
                    + " periods: give --periods FILE"), r.err());
            assertTrue(r.err().contains("metrics.json ('evaluation')"), r.err());
        }
    }

    /**
     * The bundled NAB job judged against NAB's windows (notebooks-data/jobs/nab-machine-temperature-periods.yaml), then
     * its bundle evaluated on the same file from the job's cutoff: the same figures as the job's metrics.json.
     */
    @Test
    void an_anomaly_model_against_labelled_periods_gives_the_jobs_figures() throws Exception {
        JsonNode jobFigures = trainNabPeriodsJob();
        String csv = DATA.resolve("nab/data/realKnownCause/machine_temperature_system_failure.csv").toString();
        String windows = DATA.resolve("nab/labels/combined_windows.json").toString();

        CliRun r = run("evaluate", "--registry", tmp.resolve("registry").toString(), "--model",
                "nab-machine-temperature-periods", "--data", csv, "--periods", windows, "--from", "2013-12-14 16:50:00");

        assertEquals(0, r.code(), r.err());
        JsonNode figures = new ObjectMapper().readTree(r.out()).at("/evaluation/knn/labelled");
        assertEquals(3, figures.path("periods").asInt(), figures.toString());    // the first window lies before the cutoff
        assertEquals(jobFigures, figures);
        assertTrue(r.err().contains("knn: labelled rows: precision / recall / F1: "), r.err());

        CliRun none = run("evaluate", "--registry", tmp.resolve("registry").toString(), "--model",
                "nab-machine-temperature-periods", "--data", csv);
        assertEquals(2, none.code(), none.out());
        assertTrue(none.err().contains("give --periods FILE (CSV asset,start,end, or NAB's windows JSON) or --label-column"),
                none.err());

        CliRun input = run("evaluate", "--registry", tmp.resolve("registry").toString(), "--model",
                "nab-machine-temperature-periods", "--data", csv, "--label-column", "value");
        assertEquals(2, input.code(), input.out());
        assertTrue(input.err().contains("--label-column: 'value' is the label the alarms are judged against, and the spec"
                + " 'nab-value-lags' reads it as an input"), input.err());

        CliRun noFile = run("evaluate", "--registry", tmp.resolve("registry").toString(), "--model",
                "nab-machine-temperature-periods", "--data", csv, "--periods", tmp.resolve("incidents.csv").toString());
        assertEquals(2, noFile.code(), noFile.out());
        assertTrue(noFile.err().contains("--periods: no file " + tmp.resolve("incidents.csv")), noFile.err());
    }

    /**
     * The same bundle evaluated through {@code --label-column} on a labelled copy of the bundled NAB file (NAB's windows
     * written into a 0/1 column {@code anomaly}, as a SKAB file carries its labels; the copy is made in the test's
     * directory): the job's figures again, and the {@code --periods} route's on the same file, row for row. A column the
     * data lacks is refused naming the option.
     */
    @Test
    void a_label_column_gives_the_jobs_figures_and_the_periods_routes() throws Exception {
        JsonNode jobFigures = trainNabPeriodsJob();
        String windows = DATA.resolve("nab/labels/combined_windows.json").toString();
        Path labelled = labelledCopy(DATA.resolve("nab/data/realKnownCause/machine_temperature_system_failure.csv"),
                new ObjectMapper().readTree(Path.of(windows).toFile()).path(NAB_KEY));
        String[] model = {"evaluate", "--registry", tmp.resolve("registry").toString(), "--model",
            "nab-machine-temperature-periods", "--data", labelled.toString(), "--from", "2013-12-14 16:50:00"};

        CliRun column = run(Stream.concat(Arrays.stream(model), Stream.of("--label-column", "anomaly")).toArray(String[]::new));
        CliRun file = run(Stream.concat(Arrays.stream(model), Stream.of("--periods", windows)).toArray(String[]::new));

        assertEquals(0, column.code(), column.err());
        assertEquals(0, file.code(), file.err());
        JsonNode fromColumn = new ObjectMapper().readTree(column.out());
        assertTrue(fromColumn.path("labels").asText().startsWith("column 'anomaly' of "), fromColumn.toString());
        assertEquals(3, fromColumn.at("/evaluation/knn/labelled/periods").asInt(), fromColumn.toString());
        assertEquals(jobFigures, fromColumn.at("/evaluation/knn/labelled"), "the job's figures");
        assertEquals(new ObjectMapper().readTree(file.out()).at("/evaluation/knn"), fromColumn.at("/evaluation/knn"),
                "one definition, whichever way the periods come");

        CliRun missing = run(Stream.concat(Arrays.stream(model), Stream.of("--label-column", "label")).toArray(String[]::new));
        assertEquals(2, missing.code(), missing.out());
        assertTrue(missing.err().contains("--label-column: the data "), missing.err());
        assertTrue(missing.err().contains("has no column 'label'; its columns are [value, anomaly]"), missing.err());
    }

    /** NAB's name of the bundled machine-temperature file in its windows. */
    private static final String NAB_KEY = "realKnownCause/machine_temperature_system_failure.csv";

    /** {@code source} (a NAB file, {@code timestamp,value}) with a 0/1 column {@code anomaly}: 1 inside {@code windows}. */
    private Path labelledCopy(Path source, JsonNode windows) throws Exception {
        TimeAxis axis = TimeAxis.Timestamps.utc();
        List<String> lines = Files.readAllLines(source);
        StringBuilder out = new StringBuilder(lines.get(0)).append(",anomaly\n");
        int inside = 0;
        for (String line : lines.subList(1, lines.size())) {
            long t = axis.parse(line.substring(0, line.indexOf(',')));
            boolean in = false;
            for (JsonNode w : windows) {
                in |= t >= axis.parse(w.get(0).asText()) && t <= axis.parse(w.get(1).asText());
            }
            inside += in ? 1 : 0;
            out.append(line).append(in ? ",1\n" : ",0\n");
        }
        assertTrue(windows.size() == 4 && inside > 0, "NAB's four windows label rows of the file: " + inside);
        Files.createDirectories(tmp.resolve("labelled"));
        return Files.writeString(tmp.resolve("labelled").resolve(source.getFileName()), out.toString());
    }

    /**
     * The bundled adaptive NAB job (nab-machine-temperature-adaptive.yaml) given the same windows: evaluate replays each
     * row's adaptive step from the file's first row, as the job did, and gives both contenders' figures.
     */
    @Test
    void an_adaptively_scored_model_gives_the_jobs_figures_of_both_contenders() throws Exception {
        String job = Files.readString(DATA.resolve("jobs/nab-machine-temperature-adaptive.yaml"))
                .replace("../nab/", DATA.resolve("nab") + "/").replace("../specs/", DATA.resolve("specs") + "/")
                .replace("registry: ../../registry", "registry: " + tmp.resolve("registry")
                        + "\nevaluation: {periods: " + DATA.resolve("nab/labels/combined_windows.json") + "}");
        CliRun trained = run("train", "--config", Files.writeString(tmp.resolve("nab-adaptive.yaml"), job).toString());
        assertEquals(0, trained.code(), trained.err());
        JsonNode jobMetrics = new ObjectMapper().readTree(tmp.resolve("registry/nab-machine-temperature-adaptive/1/metrics.json")
                .toFile());

        CliRun r = run("evaluate", "--registry", tmp.resolve("registry").toString(), "--model",
                "nab-machine-temperature-adaptive", "--data",
                DATA.resolve("nab/data/realKnownCause/machine_temperature_system_failure.csv").toString(),
                "--periods", DATA.resolve("nab/labels/combined_windows.json").toString(), "--from", "2013-12-14 16:50:00");

        assertEquals(0, r.code(), r.err());
        JsonNode m = new ObjectMapper().readTree(r.out());
        for (String contender : new String[] {"knn", "adaptive"}) {
            assertTrue(m.at("/evaluation/" + contender + "/labelled").isObject(), m.toString());
            assertEquals(jobMetrics.at("/evaluation/" + contender + "/labelled"), m.at("/evaluation/" + contender + "/labelled"),
                    contender);
        }
        assertTrue(m.at("/evaluation/adaptive/labelled/detected").asInt() > 0, m.toString());
    }

    @Test
    void a_supervised_model_given_periods_is_refused() throws Exception {
        CliRun trained = run("train", "--config", job("ai4i", "").toString());
        assertEquals(0, trained.code(), trained.err());

        CliRun r = run("evaluate", "--registry", tmp.resolve("registry").toString(), "--model", "ai4i@candidate",
                "--data", DATA.resolve("ai4i2020").toString(), "--periods", "incidents.csv");

        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("ai4i:1 is a failure-within-horizon model: --periods, --label-column and --from judge"
                + " anomaly models only"), r.err());
    }
}
