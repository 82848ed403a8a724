package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walkthroughs of {@code notebooks-data/walkthroughs} run the way a reader runs them: each in its own JVM as a
 * single-file source program ({@code java -cp <class path> notebooks-data/walkthroughs/W1_….java}) from the
 * repository root, on this module's test class path (the CLI and everything it depends on). An API change that
 * breaks one fails the build. W1 and W2 (data only) must print exactly the output their README shows; for W3 and
 * W4 key lines are checked and model scores are compared with the baselines, not pinned, so an XGBoost upgrade
 * that moves RMSE a little does not fail here. W3 and W4 share one scratch registry, in that order, as the README
 * tells readers to run them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkthroughsTest {
    static final Path ROOT = repositoryRoot();
    static final String README = "notebooks-data/walkthroughs/README.md";
    static final long LIMIT_SECONDS = 300;

    @TempDir
    static Path scratch;

    record Run(int code, String output) {
        boolean has(String line) {
            return output.lines().anyMatch(l -> l.contains(line));
        }

        double number(String regex) {
            Matcher m = Pattern.compile(regex).matcher(output);
            assertTrue(m.find(), "no line matching '" + regex + "' in:\n" + output);
            return Double.parseDouble(m.group(1));
        }
    }

    @Test
    @Order(1)
    void w1_prints_counts_events_and_channel_statistics_of_both_datasets() {
        Run r = walkthrough("W1_LookAtTheData.java");
        expect(r, "155050 readings of 70 machines (1 .. 70), channels [volt, rotate, pressure, vibration]",
                "failures per component in the telemetry period: {comp1=31, comp2=50, comp3=17, comp4=29}",
                "train: 20631 readings of 100 engines, each run to failure; 24 channels: op_setting_1 .. sensor_21");
        assertReadmeShows("W1_LookAtTheData", r);
    }

    @Test
    @Order(2)
    void w2_batch_and_live_vectors_agree_and_labels_drop_censored_rows() {
        Run r = walkthrough("W2_ExtractFeatures.java");
        expect(r, "batch: 51170 rows x 30 features from 155050 readings of 70 machines",
                "batch and live agree: yes",
                "labels [none, comp1, comp2, comp3, comp4]: 50610 rows kept, 560 censored rows dropped");
        assertReadmeShows("W2_ExtractFeatures", r);
    }

    @Test
    @Order(3)
    void w3_model_beats_both_baselines_and_is_promoted_to_production() {
        Run r = walkthrough("W3_TrainEvaluatePublish.java", scratch.resolve("registry").toString());
        expect(r, "test set: 100 FD001 test engines, each scored once at its last cycle",
                "the model beats both baselines: yes",
                "published cmapss-fd001-rul:1; registry now holds:",
                "  cmapss-fd001-rul  versions [1]  aliases {candidate=1, production=1}");
        double model = r.number("model \\(xgboost\\)\\s+([0-9.]+)");
        assertTrue(model < 20, "FD001 test RMSE " + model + ": far worse than this job gives (about 13)");
    }

    @Test
    @Order(4)
    void w4_scores_an_engine_live_through_the_batch_path_and_evaluates_the_bundle() {
        Run r = walkthrough("W4_ScoreAnAsset.java", scratch.resolve("registry").toString());
        expect(r, "loaded cmapss-fd001-rul@production = cmapss-fd001-rul:1",
                "single prediction = batch path: yes",
                "engine 24 after its last cycle 186",
                "true RUL 20",
                "when it was trained: reproduced");
        assertFalse(r.has("run W3 first"), "W4 should use the model W3 published:\n" + r.output());
        double model = r.number("FD001 test set: RMSE ([0-9.]+) over 100 engines");
        double mean = r.number("baselines: mean RUL ([0-9.]+)");
        double linear = r.number("linear degradation ([0-9.]+)\\)");
        assertTrue(model < Math.min(mean, linear), r.output());
    }

    /** The output is the fenced block after {@code <!-- output of NAME -->} in the walkthroughs' README, line by line. */
    private static void assertReadmeShows(String name, Run r) {
        List<String> expected = readmeOutput(name);
        List<String> actual = r.output().strip().lines().toList();
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            assertEquals(i < expected.size() ? expected.get(i) : "(no more lines)", i < actual.size() ? actual.get(i) : "(no more lines)",
                    "line " + (i + 1) + " of the output of " + name + " shown in " + README
                            + " (if the change is intended, paste the new output there)");
        }
    }

    private static List<String> readmeOutput(String name) {
        String text;
        try {
            text = Files.readString(ROOT.resolve(README));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = Pattern.compile("<!-- output of " + name + " -->\\R```text\\R(.*?)\\R```", Pattern.DOTALL).matcher(text);
        assertTrue(m.find(), README + " has no output block for " + name);
        return m.group(1).strip().lines().toList();
    }

    private static void expect(Run r, String... lines) {
        assertEquals(0, r.code(), "exit code; output:\n" + r.output());
        for (String line : lines) {
            assertTrue(r.has(line), "expected a line containing '" + line + "' in:\n" + r.output());
        }
    }

    /** {@code java -cp <this JVM's class path> notebooks-data/walkthroughs/<file> args…}, run in the repository root. */
    private static Run walkthrough(String file, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "notebooks-data/walkthroughs/" + file));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        // XGBoost's OpenMP threads otherwise spin while waiting; on a CI machine with fewer free cores than threads
        // that spinning slows training several times over.
        builder.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        try {
            Process p = builder.start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(file + " did not finish within " + LIMIT_SECONDS + " s; output so far:\n" + output.getNow(""));
            }
            return new Run(p.exitValue(), output.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("cannot run " + file + ": " + e, e);
        }
    }

    /** The folder holding {@code notebooks-data/walkthroughs}, from the working directory (the module) upwards. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("notebooks-data/walkthroughs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no notebooks-data/walkthroughs above " + Path.of("").toAbsolutePath());
    }
}
