package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;
import org.prognos.inference.tenant.AssetKey;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.answer.AnomalyOutlook;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.config.TaskConfig;
import org.prognos.training.nab.NabDetector;
import org.prognos.training.nab.NabDetectors;
import org.prognos.training.nab.NabRunner;
import org.prognos.training.nab.NabSeries;

/**
 * The service runs the contextual member as the batch path does: on the bundled NAB machine-temperature file (22,695
 * records), the model the NAB runner fits on the file's probation, served with the scoring of
 * {@code notebooks-data/jobs/nab-machine-temperature-context.yaml} (online neighbours and the contextual member, as
 * {@code prognosKnnContextForget2000}, with a warm-up of 750 rows), streamed in seeded random chunks of 1 to
 * {@value #MAX_CHUNK} readings, answers after every chunk as {@link AdaptiveScorer#scoreAll} on the batch extraction's
 * rows, to {@value #TOLERANCE}, across a restart from a snapshot (the member restored by replay) and across a restart
 * that replays the journal.
 */
class ContextMemberServiceParityTest {
    static final double TOLERANCE = NabServiceFixture.TOLERANCE;
    static final Path JOB = Path.of("../notebooks-data/jobs/nab-machine-temperature-context.yaml").toAbsolutePath().normalize();
    static final String MACHINE = NabServiceFixture.MACHINE;
    static final String MODEL = "machine-temperature-context";
    static final int MAX_CHUNK = NabServiceFixture.MAX_CHUNK;

    @TempDir
    static Path dir;
    static NabSeries series;
    static AnomalyModel served;
    static AdaptiveScorer.Step[] expected;
    static NabServiceFixture fixture;

    @BeforeAll
    static void fitAndPublish() throws IOException {
        FeatureSpec spec = SpecJson.read(NabServiceFixture.SPEC);
        NabRunner runner = new NabRunner(spec, 42);
        NabDetector detector = NabDetectors.named("prognosKnnContextForget2000");
        series = NabSeries.read(NabServiceFixture.NAB, MACHINE);
        double[][] rows = runner.rows(series, NabRunner.Extraction.BATCH);
        AnomalyModel model = runner.fit(series, detector, rows);
        AnomalyScoring job = ((TaskConfig.Anomaly) ConfigReader.read(JOB).task()).scoring();
        AdaptiveScoring settings = ((AnomalyScoring.Adaptive) job).settings();
        assertEquals(model.adaptive().orElseThrow().withWarmUp(750), settings,
                "the job serves the NAB detector's blend, member included, with a warm-up of NAB's learning period");
        served = model.withScoring(job);
        expected = AdaptiveScorer.scoreAll(served, settings, rows);
        NabServiceFixture.publish(new ModelRegistry(dir.resolve("registry")), MODEL, spec, served, detector, "cd");
        fixture = new NabServiceFixture(dir.resolve("registry"), List.of(MODEL));
    }

    /**
     * Streams the whole file in random chunks, restarting the service once {@code restartAt} readings were sent
     * ({@code checkpoint}: after a snapshot of the asset; otherwise the restart replays the journal); checks every
     * answer against the batch steps and returns how many answers were compared.
     */
    private static int stream(Path state, long seed, int restartAt, boolean checkpoint) {
        return fixture.stream(state, seed, restartAt, checkpoint, MODEL, AssetKey.of("machine-1"), series, (i, answer, ingested) -> {
            AnomalyOutlook.Adaptive a = answer.anomaly().orElseThrow().adaptive().orElseThrow();
            AdaptiveScorer.Step want = expected[i - 1];
            assertEquals(i, a.rows(), "rows seen after reading " + i);
            assertEquals(want.score(), a.score(), TOLERANCE, "score after reading " + i);
            assertEquals(want.likelihood(), a.likelihood(), TOLERANCE, "likelihood after reading " + i);
            assertTrue(ingested.stateBytes() > 8L * 2000 * served.columns().size() + 16L * 2000 || i < 750,
                    "the asset's bytes count the member's ring after it learned: " + ingested.stateBytes());
        });
    }

    @Test
    void the_member_raises_scores_the_neighbours_alone_would_not() {
        AdaptiveScorer.Step[] alone = AdaptiveScorer.scoreAll(served,
                NabDetectors.named("prognosKnnOnline").adaptive().withWarmUp(750), rowsOf());
        int raised = 0;
        for (int i = 0; i < expected.length; i++) {
            assertTrue(expected[i].score() >= alone[i].score(), "the blend is never below the neighbours, row " + i);
            raised += expected[i].score() > alone[i].score() ? 1 : 0;
        }
        assertTrue(raised > 0, "the member adds nothing on this file: not a real run");
    }

    private static double[][] rowsOf() {
        try {
            return new NabRunner(SpecJson.read(NabServiceFixture.SPEC), 42).rows(series, NabRunner.Extraction.BATCH);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_restart_after_a_snapshot_in_the_middle_answers_as_the_batch_path() {
        int compared = stream(dir.resolve("snapshotted"), 11, series.size() / 2, true);
        assertTrue(compared > series.size() / MAX_CHUNK, "answers compared: " + compared);
    }

    @Test
    void a_restart_that_replays_the_journal_answers_as_the_batch_path() {
        stream(dir.resolve("replayed"), 13, series.size() / 3, false);
    }
}
