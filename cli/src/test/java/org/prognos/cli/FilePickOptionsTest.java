package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --files} / {@code --exclude} on the commands that read {@code --data}: offered by each; through
 * {@code prognos features} the folder of runs is refused without them, read with them, and a pattern that matches no
 * file is refused naming it; and training/ANOMALY.md's SKAB recipe, trained by {@code prognos train}, scores the picked
 * runs with {@code prognos score}.
 *
 * <p>Synthetic data, written here, in the layout of the Skoltech Anomaly Benchmark (SKAB, GPL-3.0, not bundled): two
 * {@code ;}-separated runs with SKAB's header and an {@code anomaly-free/anomaly-free.csv} with the 8 sensor channels
 * only; the values mean nothing.
 */
class FilePickOptionsTest {
    private static final String SENSORS = "Accelerometer1RMS;Accelerometer2RMS;Current;Pressure;Temperature;Thermocouple;"
            + "Voltage;Volume Flow RateRMS";

    @TempDir
    Path tmp;

    @Test
    void every_command_that_reads_data_offers_the_pick() {
        for (String command : List.of("score", "report", "features", "evaluate", "simulate")) {
            CliRun r = CliRun.command(command, "--help");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("--files=GLOB") && r.out().contains("--exclude=GLOB"), command + ": " + r.out());
        }
    }

    @Test
    void features_reads_the_runs_of_a_skab_shaped_folder_once_the_odd_file_is_excluded() throws IOException {
        Path data = skabShaped();
        Path spec = tmp.resolve("skab-current.json");
        Files.writeString(spec, "{\"format\": \"prognos-feature-spec/1\", \"name\": \"skab-current\","
                + " \"time\": {\"axis\": \"timestamps\", \"zone\": \"UTC\"}, \"channels\": [\"" + SENSORS.replace(";", "\", \"")
                + "\"], \"windows\": {\"now\": {\"samples\": 1}}, \"emit\": {\"everySamples\": 1}, \"requireFullWindows\": false,"
                + " \"features\": [{\"type\": \"sequence\", \"window\": \"now\"}]}");
        Path out = tmp.resolve("f.csv");

        CliRun whole = CliRun.command("features", "--spec", spec.toString(), "--data", data.toString(), "--out", out.toString());
        assertEquals(2, whole.code());
        assertTrue(whole.err().contains("anomaly-free/anomaly-free.csv has [datetime, Accelerometer1RMS,")
                && whole.err().contains("--files / --exclude on the command line"), whole.err());

        CliRun picked = CliRun.command("features", "--spec", spec.toString(), "--data", data.toString(), "--exclude",
                "anomaly-free", "--out", out.toString());
        assertEquals(0, picked.code(), picked.err());
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.get(0).endsWith(",Voltage_seq_0,Volume Flow RateRMS_seq_0"), lines.get(0));
        assertEquals(List.of("valve1/0", "valve1/0", "valve2/0", "valve2/0"),
                lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList());

        CliRun none = CliRun.command("features", "--spec", spec.toString(), "--data", data.toString(), "--files", "valve1/*.csv",
                "--files", "valve3/*.csv", "--out", out.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("'files' pattern 'valve3/*.csv' matches no CSV file of " + data.toAbsolutePath()), none.err());
    }

    @Test
    void the_anomaly_md_skab_recipe_trains_with_prognos_train_and_its_model_scores_the_picked_runs() throws IOException {
        String doc = Files.readString(Path.of("../training/ANOMALY.md"));
        int at = doc.indexOf("#### Recipe: SKAB");
        Files.writeString(tmp.resolve("skab-current.json"), block(doc, at, "json"));
        Path job = tmp.resolve("skab-pca.yaml");
        Files.writeString(job, block(doc, at, "yaml"));
        Path data = tmp.resolve("SKAB/data");
        writeRuns(data, List.of("valve1/0", "valve2/0"), 500);
        Files.createDirectories(data.resolve("anomaly-free"));
        Files.writeString(data.resolve("anomaly-free/anomaly-free.csv"), "datetime;" + SENSORS + "\n"
                + "2020-02-08 13:30:47;0.2026;0.2711;2.0;0.054;79.4;27.1;232.1;32.0\n");

        CliRun train = CliRun.command("train", "--config", job.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("published skab-pca:1"), train.out());

        Path scores = tmp.resolve("scores.csv");
        String registry = tmp.resolve("registry").toString();
        CliRun score = CliRun.command("score", "--registry", registry, "--model", "skab-pca@candidate", "--data", data.toString(),
                "--exclude", "anomaly-free", "--last", "--out", scores.toString());
        assertEquals(0, score.code(), score.err());
        List<String> rows = Files.readAllLines(scores);
        assertEquals(List.of("valve1/0", "valve2/0"), rows.subList(1, rows.size()).stream()
                .map(l -> l.substring(0, l.indexOf(','))).toList());

        CliRun whole = CliRun.command("score", "--registry", registry, "--model", "skab-pca@candidate", "--data", data.toString(),
                "--last", "--out", scores.toString());
        assertEquals(2, whole.code());
        assertTrue(whole.err().contains("e.g. exclude 'anomaly-free/*'"), whole.err());

        CliRun scans = CliRun.command("report", "--registry", registry, "--model", "skab-pca@candidate", "--scans",
                tmp.resolve("scans").toString(), "--exclude", "anomaly-free", "--out", tmp.resolve("report").toString());
        assertEquals(2, scans.code());
        assertTrue(scans.err().contains("--files / --exclude pick the files of --data; --scans is read whole"), scans.err());
    }

    /** The first fenced block of {@code language} after {@code from}. */
    private static String block(String doc, int from, String language) {
        String open = "```" + language + "\n";
        int start = doc.indexOf(open, from);
        return doc.substring(start + open.length(), doc.indexOf("```", start + open.length()));
    }

    /** Runs of {@code rows} readings a second apart, each normal noise with a shift in its last 50 rows labelled 1. */
    private static void writeRuns(Path data, List<String> runs, int rows) throws IOException {
        Random random = new Random(3);
        for (String run : runs) {
            Path f = data.resolve(run + ".csv");
            Files.createDirectories(f.getParent());
            StringBuilder csv = new StringBuilder("datetime;" + SENSORS + ";anomaly;changepoint\n");
            for (int i = 0; i < rows; i++) {
                boolean anomalous = i >= rows - 50;
                csv.append(String.format(Locale.ROOT, "2020-03-09 10:%02d:%02d", i / 60, i % 60));
                for (int c = 0; c < 8; c++) {
                    csv.append(String.format(Locale.ROOT, ";%.5f", 1 + c + 0.05 * random.nextGaussian() + (anomalous ? 1.0 : 0)));
                }
                csv.append(anomalous ? ";1.0;0.0\n" : ";0.0;0.0\n");
            }
            Files.writeString(f, csv);
        }
    }

    private Path skabShaped() throws IOException {
        Path data = tmp.resolve("SKAB/data");
        for (String run : List.of("valve1/0", "valve2/0")) {
            Path f = data.resolve(run + ".csv");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "datetime;" + SENSORS + ";anomaly;changepoint\n"
                    + "2020-03-09 10:14:33;0.0265;0.0402;1.33;0.054;90.1;26.9;227.2;32.0;0.0;0.0\n"
                    + "2020-03-09 10:14:34;0.0264;0.0401;0.91;0.382;90.2;26.8;229.3;32.0;1.0;1.0\n");
        }
        Files.createDirectories(data.resolve("anomaly-free"));
        Files.writeString(data.resolve("anomaly-free/anomaly-free.csv"), "datetime;" + SENSORS + "\n"
                + "2020-02-08 13:30:47;0.2026;0.2711;2.0;0.054;79.4;27.1;232.1;32.0\n");
        return data;
    }
}
