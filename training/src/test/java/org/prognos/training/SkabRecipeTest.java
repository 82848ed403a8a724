package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.config.TrainingConfig;

/**
 * The SKAB recipe of ANOMALY.md ("Recipe: SKAB"), its spec and job taken from the markdown itself (so the recipe cannot
 * drift from the code), run as {@code prognos train --config} runs a job: read by {@link ConfigReader}, its paths from
 * the job file's folder, through {@link TrainingJob}.
 *
 * <p>Synthetic data, written here, in SKAB's layout (SKAB itself is GPL-3.0 and not bundled): {@code valve1/0..2},
 * {@code valve2/0} and {@code other/9} runs of {@value #ROWS} readings a second apart, {@code ;}-separated with SKAB's
 * header, each normal noise around its own levels with a shift in its last {@value #ANOMALOUS} rows labelled
 * {@code anomaly = 1}; and {@code anomaly-free/anomaly-free.csv} with the 8 sensor channels only. The figures on it are
 * checked for sanity only.
 */
class SkabRecipeTest {
    private static final Path DOC = Path.of("ANOMALY.md");
    private static final String RECIPE = "#### Recipe: SKAB";
    private static final String SENSORS = "Accelerometer1RMS;Accelerometer2RMS;Current;Pressure;Temperature;Thermocouple;"
            + "Voltage;Volume Flow RateRMS";
    private static final List<String> RUNS = List.of("other/9", "valve1/0", "valve1/1", "valve1/2", "valve2/0");
    private static final int ROWS = 600;
    private static final int ANOMALOUS = 100;

    @TempDir
    Path tmp;

    @Test
    void the_recipe_trains_on_every_run_and_writes_labelled_figures() throws IOException {
        Path job = writeRecipe();
        writeSyntheticSkab(tmp.resolve("SKAB/data"));
        List<String> log = new ArrayList<>();
        TrainingConfig config = ConfigReader.read(job);
        TrainingJob.Result r = new TrainingJob(config, job.toAbsolutePath().getParent(), log::add).run();

        assertEquals("skab-pca", r.published().name());
        JsonNode labelled = r.metrics().at("/evaluation/pca/labelled");
        assertEquals(RUNS.size() * ANOMALOUS, labelled.get("labelledRows").asLong(),
                "every run's labelled rows lie after its 400 learning rows, and only runs are read: " + labelled);
        for (String figure : List.of("f1", "far", "mar")) {
            double v = labelled.get(figure).asDouble();
            assertTrue(v >= 0 && v <= 1, figure + " = " + v);
        }
        assertTrue(r.metrics().at("/evaluation/zscore baseline/labelled/f1").isNumber(), "the baseline is judged beside");
        assertTrue(Files.isRegularFile(r.bundleDirectory().resolve("report.html")), "the job wrote its report");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("labelled periods from column 'anomaly' of data (5 CSV files): 5,")),
                "the five runs are read, not anomaly-free/anomaly-free.csv: " + log);
    }

    @Test
    void without_its_exclude_the_recipe_is_refused_naming_the_file_and_the_option() throws IOException {
        Path job = writeRecipe();
        writeSyntheticSkab(tmp.resolve("SKAB/data"));
        Files.writeString(job, Files.readString(job).replaceAll("(?m)^  exclude:.*\\n", ""));
        TrainingConfig config = ConfigReader.read(job);
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> new TrainingJob(config, job.toAbsolutePath().getParent(), s -> { }).run());
        assertTrue(e.getMessage().contains("anomaly-free/anomaly-free.csv has [datetime, Accelerometer1RMS,"), e.getMessage());
        assertTrue(e.getMessage().contains("data.exclude in a training job"), e.getMessage());
    }

    /** The recipe's spec and job, as ANOMALY.md shows them, written to {@code tmp}; the job file's path. */
    private Path writeRecipe() throws IOException {
        String doc = Files.readString(DOC);
        int at = doc.indexOf(RECIPE);
        assertTrue(at >= 0, "ANOMALY.md has a section '" + RECIPE + "'");
        String spec = block(doc, at, "json");
        String job = block(doc, at, "yaml");
        assertTrue(job.contains("spec: skab-current.json") && job.contains("train: SKAB/data"), job);
        assertFalse(spec.isBlank());
        Files.writeString(tmp.resolve("skab-current.json"), spec);
        Path file = tmp.resolve("skab-pca.yaml");
        Files.writeString(file, job);
        return file;
    }

    /** The first fenced block of {@code language} after {@code from}. */
    private static String block(String doc, int from, String language) {
        String open = "```" + language + "\n";
        int start = doc.indexOf(open, from);
        assertTrue(start >= 0, "a ```" + language + " block after '" + RECIPE + "'");
        int end = doc.indexOf("```", start + open.length());
        return doc.substring(start + open.length(), end);
    }

    /** Synthetic SKAB-shaped runs (see the class comment) and the anomaly-free file of another header. */
    static void writeSyntheticSkab(Path data) throws IOException {
        Random random = new Random(7);
        for (int run = 0; run < RUNS.size(); run++) {
            Path file = data.resolve(RUNS.get(run) + ".csv");
            Files.createDirectories(file.getParent());
            StringBuilder csv = new StringBuilder("datetime;" + SENSORS + ";anomaly;changepoint\n");
            for (int i = 0; i < ROWS; i++) {
                boolean anomalous = i >= ROWS - ANOMALOUS;
                csv.append(String.format(Locale.ROOT, "2020-03-%02d %02d:%02d:%02d", 9 + run, 10 + i / 3600, i / 60 % 60, i % 60));
                for (int c = 0; c < 8; c++) {
                    double level = 1 + c + 0.5 * run;
                    csv.append(String.format(Locale.ROOT, ";%.5f", level + 0.05 * random.nextGaussian() + (anomalous ? 1.0 : 0)));
                }
                csv.append(anomalous ? ";1.0" : ";0.0").append(i == ROWS - ANOMALOUS ? ";1.0\n" : ";0.0\n");
            }
            Files.writeString(file, csv);
        }
        Files.createDirectories(data.resolve("anomaly-free"));
        Files.writeString(data.resolve("anomaly-free/anomaly-free.csv"), "datetime;" + SENSORS + "\n"
                + "2020-02-08 13:30:47;0.2026;0.2711;2.0;0.054;79.4;27.1;232.1;32.0\n");
    }
}
