package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;
import org.prognos.inference.UnknownAssetException;
import org.prognos.inference.api.IngestResponse;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.WindowSchema;
import org.prognos.inference.tenant.AssetKey;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.answer.AnomalyOutlook;
import org.prognos.training.nab.NabDetector;
import org.prognos.training.nab.NabDetectors;
import org.prognos.training.nab.NabRunner;
import org.prognos.training.nab.NabSeries;

/**
 * The service's adaptive anomaly score equals the NAB runner's, on the bundled NAB machine-temperature file (22,695
 * records): the runner's batch path (batch extraction, one {@link AdaptiveScorer} fed every row) against the service's
 * per-reading path (readings sent in seeded random chunks of 1 to 40, the asset's answer read after each chunk), to
 * {@value #TOLERANCE}, with the model the runner fits on the file's probation published as a bundle scored adaptively
 * ({@code prognosKnnOnline}: online neighbours over the last 2000 rows, range check, rest until quiet). A restart in
 * the middle (the state snapshotted, a new service restoring it from the store) changes nothing. The same model with a
 * warm-up of NAB's learning period ({@value #WARM_UP} rows) is published beside it, and an asset that appears half-way
 * through the file (a new machine: empty history, empty ranges) scores 0 through its warm-up and then as the batch
 * path scores its own rows, to the same tolerance.
 */
class AdaptiveServiceParityTest {
    static final double TOLERANCE = NabServiceFixture.TOLERANCE;
    static final String MACHINE = NabServiceFixture.MACHINE;
    static final String MODEL = "machine-temperature-adaptive";
    static final int MAX_CHUNK = NabServiceFixture.MAX_CHUNK;
    static final String WARM_MODEL = "machine-temperature-adaptive-warm";
    /** NAB's learning period on this file (its probation, capped at 750 records). */
    static final int WARM_UP = 750;
    static final String WARM_TIME_MODEL = "machine-temperature-adaptive-warm-time";
    /** A warm-up in time: the asset's first two days (about 576 readings at this file's 5 minutes). */
    static final long WARM_UP_TICKS = 2L * 24 * 3_600_000_000L;

    @TempDir
    static Path dir;
    static NabSeries series;
    static AnomalyModel model;
    static AdaptiveScorer.Step[] expected;
    static NabRunner runner;
    static NabServiceFixture fixture;

    @BeforeAll
    static void fitAndPublish() throws IOException {
        FeatureSpec spec = SpecJson.read(NabServiceFixture.SPEC);
        runner = new NabRunner(spec, 42);
        NabDetector detector = NabDetectors.named("prognosKnnOnline");
        series = NabSeries.read(NabServiceFixture.NAB, MACHINE);
        assertEquals(WARM_UP, series.probation());
        double[][] rows = runner.rows(series, NabRunner.Extraction.BATCH);
        model = runner.fit(series, detector, rows);
        expected = AdaptiveScorer.scoreAll(model, model.adaptive().orElseThrow(), rows);
        // the runner's own result is these steps, 0 in the probation
        double[] nab = runner.score(series, detector, NabRunner.Extraction.BATCH);
        for (int i = series.probation(); i < nab.length; i++) {
            assertEquals(expected[i].score(), nab[i], 0.0, "row " + i);
        }
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        NabServiceFixture.publish(registry, MODEL, spec, model, detector, "ab");
        NabServiceFixture.publish(registry, WARM_MODEL, spec, warm(), detector, "ab");
        NabServiceFixture.publish(registry, WARM_TIME_MODEL, spec, warmTime(), detector, "ab");
        fixture = new NabServiceFixture(dir.resolve("registry"), List.of(MODEL, WARM_MODEL, WARM_TIME_MODEL));
    }

    /** The fitted model with a warm-up of two days of the asset's time, and none in rows. */
    private static AnomalyModel warmTime() {
        return model.withScoring(new AnomalyScoring.Adaptive(model.adaptive().orElseThrow().withWarmUp(0)
                .withWarmUpTime(WARM_UP_TICKS)));
    }

    /** The fitted model with a warm-up of {@value #WARM_UP} rows. */
    private static AnomalyModel warm() {
        return model.withScoring(new AnomalyScoring.Adaptive(model.adaptive().orElseThrow().withWarmUp(WARM_UP)));
    }

    /**
     * Streams the whole file in random chunks, optionally restarting the service once {@code restartAt} readings were
     * sent ({@code checkpoint}: after a snapshot of every asset; otherwise the restart replays the journal); checks
     * every answer against the batch steps and returns how many were compared.
     */
    private static int stream(Path state, long seed, int restartAt, boolean checkpoint) {
        return stream(state, seed, restartAt, checkpoint, MODEL, AssetKey.of("machine-1"), series, expected);
    }

    /** As above, {@code streamed} as {@code asset} of {@code modelName}, its answers checked against {@code want}. */
    private static int stream(Path state, long seed, int restartAt, boolean checkpoint, String modelName, AssetKey asset,
                              NabSeries streamed, AdaptiveScorer.Step[] steps) {
        return fixture.stream(state, seed, restartAt, checkpoint, modelName, asset, streamed, (i, answer, ingested) -> {
            AnomalyOutlook.Adaptive a = answer.anomaly().orElseThrow().adaptive().orElseThrow();
            AdaptiveScorer.Step want = steps[i - 1];
            assertEquals(i, a.rows(), "rows seen after reading " + i);
            assertEquals(want.score(), a.score(), TOLERANCE, "score after reading " + i);
            assertEquals(want.likelihood(), a.likelihood(), TOLERANCE, "likelihood after reading " + i);
            assertEquals(want.score(), answer.risk().score(), TOLERANCE, "risk after reading " + i);
            if (Double.isNaN(want.raw())) {
                assertTrue(a.rawScore().isEmpty(), "raw after reading " + i);
            } else {
                assertEquals(want.raw(), a.rawScore().getAsDouble(), TOLERANCE, "raw after reading " + i);
            }
            assertTrue(ingested.stateBytes() > 8L * 2000 * model.columns().size(),
                    "the asset's bytes count its scorer's 2000 rows: " + ingested.stateBytes());
        });
    }

    @Test
    void streamed_adaptive_answers_equal_the_nab_runners_batch_path_for_any_chunking() {
        int compared = stream(dir.resolve("uninterrupted"), 7, Integer.MAX_VALUE, false);
        assertTrue(compared > times() / MAX_CHUNK, "answers compared: " + compared);
        assertTrue(Arrays.stream(expected).anyMatch(s -> s.score() >= 0.999), "the file raises alarms: a real run");
    }

    @Test
    void a_restart_after_a_snapshot_in_the_middle_gives_the_uninterrupted_scores() {
        stream(dir.resolve("snapshotted"), 11, times() / 2, true);
    }

    @Test
    void a_restart_that_replays_the_journal_gives_the_uninterrupted_scores() {
        stream(dir.resolve("replayed"), 13, times() / 3, false);
    }

    @Test
    void an_asset_that_appears_half_way_warms_up_then_scores_as_the_batch_path_scores_its_rows() throws IOException {
        NabSeries late = lateHalf();
        double[][] rows = runner.rows(late, NabRunner.Extraction.BATCH);
        AnomalyModel warm = warm();
        AdaptiveScorer.Step[] want = AdaptiveScorer.scoreAll(warm, warm.adaptive().orElseThrow(), rows);
        AdaptiveScorer.Step[] bare = AdaptiveScorer.scoreAll(model, model.adaptive().orElseThrow(), rows);
        double alarm = model.adaptive().orElseThrow().alarmLevel();
        assertTrue(Arrays.stream(bare, 0, WARM_UP).anyMatch(s -> s.score() >= alarm),
                "without a warm-up the new asset alarms on its first rows (why the warm-up exists)");
        assertTrue(Arrays.stream(want, 0, WARM_UP).allMatch(s -> s.score() == 0), "the warm-up never alarms");
        assertTrue(Arrays.stream(want, WARM_UP, want.length).anyMatch(s -> s.score() >= alarm), "it alarms after: a real run");
        int compared = stream(dir.resolve("late"), 17, WARM_UP / 2, true, WARM_MODEL, AssetKey.of("machine-late"), late, want);
        assertTrue(compared > late.size() / MAX_CHUNK, "answers compared: " + compared);
    }

    @Test
    void an_asset_that_appears_half_way_with_a_warm_up_in_time_scores_as_the_batch_path_at_the_rows_times() throws IOException {
        NabSeries late = lateHalf();
        double[][] rows = runner.rows(late, NabRunner.Extraction.BATCH);
        long[] rowTimes = late.streamTimes();
        assertEquals(rowTimes.length, rows.length, "one row a reading");
        AnomalyModel warm = warmTime();
        AdaptiveScorer.Step[] want = AdaptiveScorer.scoreAll(warm, warm.adaptive().orElseThrow(), rowTimes, rows);
        int within = 0;
        while (rowTimes[within] - rowTimes[0] < WARM_UP_TICKS) {
            within++;
        }
        assertTrue(within > 500 && within < 600, "two days of 5-minute readings: " + within);
        AdaptiveScorer.Step[] counted = AdaptiveScorer.scoreAll(model, model.adaptive().orElseThrow().withWarmUp(within), rows);
        for (int i = 0; i < rows.length; i++) {
            assertEquals(counted[i], want[i], "a warm-up of two days is one of the " + within + " rows in them, row " + i);
        }
        int compared = stream(dir.resolve("late-time"), 19, within / 2, true, WARM_TIME_MODEL, AssetKey.of("machine-late-time"),
                late, want);
        assertTrue(compared > late.size() / MAX_CHUNK, "answers compared: " + compared);
    }

    @Test
    void a_reset_starts_the_assets_scorer_afresh_and_a_delete_forgets_it() {
        AssetKey asset = AssetKey.of("machine-2");
        long[] times = series.streamTimes();
        double[] values = series.values();
        try (NabServiceFixture.Service service = fixture.open(dir.resolve("reset"))) {
            WindowSchema schema = service.streaming().schema(MODEL);
            service.streaming().ingest(asset, MODEL, new ReadingWindow(schema, Optional.of(asset.asset()),
                    Arrays.copyOfRange(times, 0, 300), Arrays.copyOfRange(values, 0, 300), List.of(), Map.of(),
                    OptionalLong.empty(), List.of()));
            assertEquals(300, service.streaming().score(asset).anomaly().orElseThrow().adaptive().orElseThrow().rows());
            service.streaming().reset(asset);
            IngestResponse after = service.streaming().ingest(asset, MODEL, new ReadingWindow(schema, Optional.of(asset.asset()),
                    Arrays.copyOfRange(times, 300, 310), Arrays.copyOfRange(values, 300, 310), List.of(), Map.of(),
                    OptionalLong.empty(), List.of()));
            assertEquals(10, service.streaming().score(asset).anomaly().orElseThrow().adaptive().orElseThrow().rows(),
                    "the scorer saw only the readings after the reset");
            assertTrue(after.stateBytes() > 8L * 2000 * model.columns().size(), "the fresh scorer is counted: " + after.stateBytes());
            service.streaming().delete(asset);
            assertThrows(UnknownAssetException.class, () -> service.streaming().score(asset));
        }
    }

    @Test
    void the_published_bundle_carries_its_adaptive_settings() {
        try (org.prognos.models.runtime.LoadedModel loaded = org.prognos.models.runtime.LoadedModel.load(
                new ModelRegistry(dir.resolve("registry")), MODEL)) {
            assertEquals(NabDetectors.named("prognosKnnOnline").adaptive(),
                    loaded.adaptiveAnomaly().orElseThrow().adaptive().orElseThrow());
        }
    }

    /** The file's second half as the series of a machine that appears half-way through it. */
    private static NabSeries lateHalf() {
        int from = times() / 2;
        return new NabSeries(MACHINE, series.timestamps().subList(from, times()),
                Arrays.copyOfRange(series.values(), from, times()), Arrays.copyOfRange(series.times(), from, times()));
    }

    private static int times() {
        return series.size();
    }
}
