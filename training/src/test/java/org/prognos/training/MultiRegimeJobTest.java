package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.training.config.ConfigReader;

/**
 * The C-MAPSS job, unchanged but for its data paths, on a SYNTHETIC six-regime fleet in the C-MAPSS text
 * format (FD002/FD004 style: six operating conditions that move the sensors far more than wear does). The
 * spec's declared operating-setting channels make the fit find six regimes, and the model learns RUL.
 */
class MultiRegimeJobTest {
    static final Path DATA = Path.of("../notebooks-data").toAbsolutePath().normalize();
    static final double[][] CONDITIONS = {{0, 0, 100}, {10, 0.25, 100}, {20, 0.7, 100}, {25, 0.62, 60}, {35, 0.84, 100}, {42, 0.84, 100}};

    @TempDir
    Path tmp;

    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** Writes units in the C-MAPSS text format; returns the true RUL at each unit's last line (test: truncated). */
    static int[] write(Path file, int units, boolean truncate, long seed) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] rul = new int[units];
        double[][] sensitivity = new double[21][3];
        SplittableRandom fixed = new SplittableRandom(99);
        for (int s = 0; s < 21; s++) {
            for (int k = 0; k < 3; k++) {
                sensitivity[s][k] = (fixed.nextDouble() - 0.5) * 40;
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int u = 1; u <= units; u++) {
                int life = 150 + rng.nextInt(150);
                int last = truncate ? 40 + rng.nextInt(life - 60) : life;
                rul[u - 1] = life - last;
                for (int c = 1; c <= last; c++) {
                    double[] op = CONDITIONS[rng.nextInt(6)];
                    double wear = Math.exp(4.0 * c / life) / Math.exp(4.0);
                    StringBuilder sb = new StringBuilder();
                    sb.append(u).append(' ').append(c);
                    sb.append(String.format(Locale.ROOT, " %.4f %.4f %.1f", op[0] + 0.002 * gauss(rng), op[1] + 0.0002 * gauss(rng), op[2]));
                    for (int s = 0; s < 21; s++) {
                        double level = 500 + s * 50 + sensitivity[s][0] * op[0] + sensitivity[s][1] * op[1] * 10 + sensitivity[s][2] * op[2] / 10;
                        double value = s % 5 == 0 ? level : level + (s % 2 == 0 ? 3 : -3) * wear + 0.3 * gauss(rng);
                        sb.append(String.format(Locale.ROOT, " %.4f", value));
                    }
                    w.write(sb.append("  \n").toString());
                }
            }
        }
        return rul;
    }

    @Test
    void the_cmapss_job_learns_six_regimes_and_predicts_rul() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("fd900"));
        write(data.resolve("train_FD900.txt"), 60, false, 1);
        int[] rul = write(data.resolve("test_FD900.txt"), 40, true, 2);
        StringBuilder r = new StringBuilder();
        for (int v : rul) {
            r.append(v).append('\n');
        }
        Files.writeString(data.resolve("RUL_FD900.txt"), r.toString());
        Path cfg = tmp.resolve("job.yaml");
        Files.writeString(cfg, Files.readString(DATA.resolve("jobs/cmapss-fd001-xgboost.yaml"))
                .replace("../cmapss", data.toString()).replace("FD001", "FD900")
                .replace("../specs/", DATA.resolve("specs") + "/").replace("../../registry", tmp.resolve("registry").toString())
                .replace("trees: 500", "trees: 80"));
        TrainingJob.Result res = new TrainingJob(ConfigReader.read(cfg), tmp, s -> { }).run();
        var bundle = new ModelRegistry(tmp.resolve("registry")).load(res.published());
        assertEquals(6, bundle.spec().normalizer().orElseThrow().regimeCount());
        double model = res.metrics().at("/model/rmseCappedTruth").asDouble();
        double mean = res.metrics().at("/baselines/mean-rul/rmseCappedTruth").asDouble();
        assertTrue(model < 0.6 * mean, "model " + model + " vs mean-RUL baseline " + mean);
    }
}
