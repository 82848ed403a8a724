package org.prognos.cli.score;

import static org.prognos.cli.CliRun.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.prognos.cli.CliRun;

/**
 * Two small real models for the score tests, trained once per JVM with {@code prognos train} into a temporary
 * registry and promoted to production:
 * <ul>
 * <li>{@link #FLEET}: which network node fails within 7 days, on a SYNTHETIC fleet from {@code prognos synth}
 * (40 nodes, 1,500 hourly readings each; the {@code network-fleet} spec: timestamps, a row every 6 h from data
 * strictly before it, events, attributes, per-regime normalization); XGBoost, 20 trees;</li>
 * <li>{@link #RUL}: remaining useful life of the bundled C-MAPSS FD001 engines (the {@code cmapss-window30} spec:
 * cycles, a row after every cycle); XGBoost, 20 trees.</li>
 * </ul>
 * {@link #FLEET} is trained with {@code --sign-key} and a key pair from {@code prognos keys generate}
 * ({@link #privateKey()}, {@link #publicKey()}); {@link #RUL} is published unsigned.
 */
public final class ScoreFixtures {
    public static final String FLEET = "fleet-7d";
    public static final String RUL = "fd001-rul";
    static final String KEY = "fixture";
    static final String FLEET_JOB = """
            name: fleet-7d
            data:
              train: %s
            spec: %s
            task:
              type: failure-within-horizon
              horizon: 7d
            model:
              family: xgboost
              params: {trees: 20, maxDepth: 4}
            split: {method: asset, testFraction: 0.2, validationFraction: 0.25}
            costs: {missedFailure: 20, needlessVisit: 1}
            registry: %s
            seed: 7
            """;
    static final String RUL_JOB = """
            name: fd001-rul
            data:
              train: %1$s
              subset: FD001
              test: %1$s
              testSubset: FD001:test
              evaluateAt: last
            spec: %2$s
            task:
              type: remaining-useful-life
              cap: 125
              unit: "1"
            model:
              family: xgboost
              params: {trees: 20, eta: 0.2, maxDepth: 4}
            split:
              method: asset
              validationFraction: 0.2
            registry: %3$s
            seed: 42
            """;

    private static Path root;

    private ScoreFixtures() {
    }

    /** The repository's notebooks-data directory. */
    public static Path notebooksData() {
        return Path.of("../notebooks-data").toAbsolutePath().normalize();
    }

    /** A directory with {@code fleet/} (the synthetic data) and {@code registry/} (both models at production). */
    public static synchronized Path root() {
        if (root != null) {
            return root;
        }
        try {
            Path dir = Files.createTempDirectory("prognos-score-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            CliRun s = run("synth", "--out", dir.resolve("fleet").toString(), "--assets", "40", "--hours", "1500", "--seed", "3",
                    "--reliability", "wearing", "--threads", "1");
            check(s, "synth");
            Path registry = dir.resolve("registry");
            check(run("keys", "generate", "--out", dir.resolve("keys").toString(), "--name", KEY), "keys generate");
            Path fleetJob = dir.resolve("fleet.yaml");
            Files.writeString(fleetJob, FLEET_JOB.formatted(dir.resolve("fleet"), notebooksData().resolve("specs/network-fleet.json"),
                    registry));
            check(run("train", "--config", fleetJob.toString(), "--sign-key", dir.resolve("keys").resolve(KEY + ".key").toString()),
                    "train " + FLEET);
            Path rulJob = dir.resolve("rul.yaml");
            Files.writeString(rulJob, RUL_JOB.formatted(notebooksData().resolve("cmapss"), notebooksData().resolve("specs/cmapss-window30.json"),
                    registry));
            check(run("train", "--config", rulJob.toString()), "train " + RUL);
            for (String m : new String[] {FLEET, RUL}) {
                check(run("models", "promote", "--registry", registry.toString(), m + "@candidate"), "promote " + m);
            }
            root = dir;
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path registry() {
        return root().resolve("registry");
    }

    public static Path fleet() {
        return root().resolve("fleet");
    }

    /** The private key {@link #FLEET} was signed with. */
    public static Path privateKey() {
        return root().resolve("keys").resolve(KEY + ".key");
    }

    /** The public key of {@link #privateKey()}. */
    public static Path publicKey() {
        return root().resolve("keys").resolve(KEY + ".pub");
    }

    private static void check(CliRun r, String what) {
        if (r.code() != 0) {
            throw new IllegalStateException(what + " failed (" + r.code() + "): " + r.err() + r.out());
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing a JVM exit for
        }
    }

    /** The lines of a {@code prognos score} CSV (header first) as one map per row, column name to cell. */
    static List<Map<String, String>> csvRows(List<String> lines) {
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], cells[c]);
            }
            rows.add(row);
        }
        return rows;
    }
}
