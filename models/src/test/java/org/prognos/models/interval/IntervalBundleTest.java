package org.prognos.models.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.BundleIntegrityException;
import org.prognos.models.Fixtures;
import org.prognos.models.baseline.Baseline;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.BundleReader;
import org.prognos.models.bundle.BundleWriter;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Manifest;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.Scorer;
import org.prognos.models.runtime.answer.RemainingLife;

/**
 * A RUL bundle carries its fitted interval as a digest-checked file, and its answers carry the interval; a bundle
 * without the file (every bundle written before intervals existed) answers with the estimate alone.
 */
class IntervalBundleTest {
    private static final double EXACT = 1e-9;

    @TempDir
    Path tmp;

    private static final RulInterval INTERVAL = new RulInterval(RulInterval.Method.BINNED, 0.9, new double[] {50},
            new double[] {10, 30}, 0, 125, 400, 20, "synthetic calibration");

    private static BundleContents rul() {
        List<String> columns = Fixtures.columns();
        return Fixtures.contents("pump-rul", Fixtures.RUL, new Baseline.LinearDegradation(columns.get(0), 325, -4, 60).payload());
    }

    @Test
    void the_interval_is_listed_with_its_digest_read_back_and_applied_to_answers() throws Exception {
        Path dir = tmp.resolve("b");
        Manifest m = BundleWriter.write(rul().withInterval(INTERVAL), 1, Instant.EPOCH, dir);
        assertTrue(m.files().containsKey(Manifest.INTERVAL_FILE));
        LoadedBundle b = BundleReader.read(dir);
        assertEquals(Optional.of(INTERVAL), b.interval());
        try (LoadedModel model = LoadedModel.load(b)) {
            double[] row = Fixtures.rows(1, 3)[0];
            RemainingLife life = Scorer.score(model, List.of(new FeatureVector(Optional.of("p1"), 10, row, 1, List.of())), 0)
                    .get(0).remainingUsefulLife().orElseThrow();
            RulInterval.Band band = INTERVAL.apply(life.value());
            RemainingLife.Interval iv = life.interval().orElseThrow();
            assertEquals(band.low(), iv.low(), EXACT);
            assertEquals(band.high(), iv.high(), EXACT);
            assertEquals(0.9, iv.coverage(), EXACT);
            assertEquals("binned", iv.method());
        }
    }

    @Test
    void a_changed_interval_file_is_refused() throws Exception {
        Path dir = tmp.resolve("b");
        BundleWriter.write(rul().withInterval(INTERVAL), 1, Instant.EPOCH, dir);
        Files.writeString(dir.resolve(Manifest.INTERVAL_FILE),
                Files.readString(dir.resolve(Manifest.INTERVAL_FILE)).replace("30.0", "3.0"));
        assertThrows(BundleIntegrityException.class, () -> BundleReader.read(dir));
    }

    @Test
    void a_bundle_without_an_interval_answers_with_the_estimate_alone() throws Exception {
        Path dir = tmp.resolve("b");
        Manifest m = BundleWriter.write(rul(), 1, Instant.EPOCH, dir);
        assertFalse(m.files().containsKey(Manifest.INTERVAL_FILE));
        try (LoadedModel model = LoadedModel.load(BundleReader.read(dir))) {
            RemainingLife life = Scorer.score(model, List.of(new FeatureVector(Optional.of("p1"), 10, Fixtures.rows(1, 3)[0], 1,
                    List.of())), 0).get(0).remainingUsefulLife().orElseThrow();
            assertEquals(Optional.empty(), life.interval());
        }
    }
}
