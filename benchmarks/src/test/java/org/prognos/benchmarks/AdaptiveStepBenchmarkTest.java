package org.prognos.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.prognos.features.spec.SpecJson;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.training.nab.NabDetector;
import org.prognos.training.nab.NabDetectors;
import org.prognos.training.nab.NabRunner;
import org.prognos.training.nab.NabSeries;

/**
 * The adaptive step benchmark measures what it says: its fixture is the NAB runner's (the same feature rows, the same
 * fitted model and settings, on the bundled machine-temperature file), and the timed block is real work on a moving
 * state (the restored scorer answers as {@link AdaptiveScorer#scoreAll} does, and its rings change).
 */
class AdaptiveStepBenchmarkTest {
    private static AdaptiveFixture fixture(AdaptiveFixture.Settings which) {
        return AdaptiveFixture.machineTemperature(AdaptiveFixture.dataRoot(), which);
    }

    @ParameterizedTest
    @EnumSource(AdaptiveFixture.Settings.class)
    void fixture_is_the_nab_runners_rows_model_and_settings(AdaptiveFixture.Settings which) throws IOException {
        AdaptiveFixture f = fixture(which);
        NabRunner runner = new NabRunner(SpecJson.read(AdaptiveFixture.dataRoot().resolve("specs/nab-value-lags.json")), 42);
        NabSeries series = NabSeries.read(AdaptiveFixture.dataRoot().resolve("nab/data"), AdaptiveFixture.FILE);
        NabDetector detector = NabDetectors.named(which == AdaptiveFixture.Settings.NEIGHBOURS ? "prognosKnnOnline"
                : "prognosKnnContextForget2000");
        double[][] rows = runner.rows(series, NabRunner.Extraction.STREAMING);

        assertEquals(AdaptiveFixture.PROBATION, series.probation());
        assertTrue(Arrays.deepEquals(rows, f.rows()), "feature rows differ from the runner's");
        assertEquals(runner.fit(series, detector, rows), f.model());
        assertEquals(f.model().adaptive().orElseThrow(), f.settings());
        assertEquals(which == AdaptiveFixture.Settings.CONTEXTUAL, f.settings().context().isPresent());
    }

    @ParameterizedTest
    @EnumSource(AdaptiveFixture.Settings.class)
    void the_timed_block_is_answered_as_the_batch_path_answers_it(AdaptiveFixture.Settings which) {
        AdaptiveFixture f = fixture(which);
        int end = AdaptiveStepBenchmark.WARM_ROWS + AdaptiveStepBenchmark.BLOCK;
        AdaptiveScorer.Step[] batch = AdaptiveScorer.scoreAll(f.model(), f.settings(), Arrays.copyOf(f.rows(), end));
        byte[] warm = f.fedWith(AdaptiveStepBenchmark.WARM_ROWS).snapshot();

        AdaptiveScorer restored = AdaptiveScorer.restore(f.model(), f.settings(), warm);
        AdaptiveScorer.Step[] timed = new AdaptiveScorer.Step[AdaptiveStepBenchmark.BLOCK];
        for (int i = 0; i < timed.length; i++) {
            timed[i] = restored.next(f.rows()[AdaptiveStepBenchmark.WARM_ROWS + i]);
        }
        assertArrayEquals(Arrays.copyOfRange(batch, AdaptiveStepBenchmark.WARM_ROWS, end), timed);
        double sum = 0;
        for (AdaptiveScorer.Step s : timed) {
            sum += s.raw() + s.likelihood() + s.score();
        }
        assertEquals(sum, AdaptiveStepBenchmark.feedBlock(AdaptiveScorer.restore(f.model(), f.settings(), warm), f.rows()));
    }

    @ParameterizedTest
    @EnumSource(AdaptiveFixture.Settings.class)
    void the_state_moves_through_the_timed_block(AdaptiveFixture.Settings which) {
        AdaptiveFixture f = fixture(which);
        AdaptiveScorer scorer = f.fedWith(AdaptiveStepBenchmark.WARM_ROWS);
        byte[] before = scorer.snapshot();
        Set<Double> raws = new HashSet<>();
        Set<Double> likelihoods = new HashSet<>();
        for (int r = AdaptiveStepBenchmark.WARM_ROWS; r < AdaptiveStepBenchmark.WARM_ROWS + AdaptiveStepBenchmark.BLOCK; r++) {
            AdaptiveScorer.Step s = scorer.next(f.rows()[r]);
            assertTrue(Double.isFinite(s.raw()), "row " + r + ": the neighbour ring is full, the raw score finite");
            raws.add(s.raw());
            likelihoods.add(s.likelihood());
        }
        assertTrue(raws.size() > AdaptiveStepBenchmark.BLOCK / 2, raws.size() + " distinct raw scores");
        assertTrue(likelihoods.size() > AdaptiveStepBenchmark.BLOCK / 2, likelihoods.size() + " distinct likelihoods");
        assertFalse(Arrays.equals(before, scorer.snapshot()));
    }
}
