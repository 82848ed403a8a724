package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.Datasets;
import org.prognos.features.telemetry.Dataset;
import org.prognos.inference.tenant.AssetKey;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.answer.AnomalyOutlook;
import org.prognos.training.TrainingJob;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.config.TrainingConfig;
import org.prognos.training.nab.NabSeries;

/**
 * A machine-temperature job with one adaptive part switched on by its key ({@code task.scoring.forecast},
 * {@code task.scoring.stuck}; one subclass each) is served as its batch path scores it: the job trained and published,
 * the reference each row of the job's data (batch extraction with the bundle's extractor) through
 * {@link AdaptiveScorer#scoreAll} with the bundle's settings; {@code prognos score} writes that reference's risk,
 * likelihood and rows for every row, and a durable service fed the file in seeded random chunks of 1 to
 * {@value NabServiceFixture#MAX_CHUNK} readings answers it after every chunk, across a restart from a snapshot taken
 * half-way or where the subclass says (the part's state restored from the store), all to {@value #TOLERANCE}. Each
 * subclass shows that its part changes the reference, so that the parity tests it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AdaptiveJobParity {
    static final double TOLERANCE = NabServiceFixture.TOLERANCE;
    static final Path JOBS = Path.of("../notebooks-data/jobs").toAbsolutePath().normalize();

    Path dir;
    Path data;
    AdaptiveScorer.Step[] expected;
    NabSeries readings;
    AnomalyModel served;
    long[] times;
    double[][] rows;

    /** The job under {@code notebooks-data/jobs}, without {@code .yaml}. */
    abstract String job();

    /** The readings sent before the service is snapshotted and restarted: half of them unless a part needs another. */
    int restartAt() {
        return readings.size() / 2;
    }

    /**
     * The reference's steps under the bundle's settings without the forecast member or the stuck-value check (the 18
     * fields before either existed): the job without the part its key switches on.
     */
    AdaptiveScorer.Step[] withoutThePart() {
        AdaptiveScoring s = served.adaptive().orElseThrow();
        return AdaptiveScorer.scoreAll(served, new AdaptiveScoring(s.memory(), s.neighbours(), s.exclude(), s.recent(), s.history(), s.minHistory(),
                s.alarmLevel(), s.rest(), s.rangeTolerance(), s.restRule(), s.reference(), s.neighbourhood(),
                s.extremes(), s.slowRecent(), s.warmUp(), s.warmUpTicks(), s.context(), s.learnScaling()), times, rows);
    }

    @BeforeAll
    void trainAndScoreInBatch(@TempDir Path temp) throws IOException {
        dir = temp;
        TrainingConfig c = ConfigReader.read(JOBS.resolve(job() + ".yaml"));
        TrainingJob.Result trained = new TrainingJob(new TrainingConfig(c.name(), c.data(), c.spec(), c.task(), c.model(),
                c.split(), c.costs(), dir.resolve("registry").toString(), c.seed()), JOBS, s -> { }).run();
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        registry.promote(trained.published().name(), trained.published().version(), "production");
        data = JOBS.resolve(c.data().train()).normalize();
        Dataset file = Datasets.open(data, null);
        try (LoadedModel m = LoadedModel.load(registry, job())) {
            served = m.adaptiveAnomaly().orElseThrow();
            FeatureTable all = new FeatureTable(m.extractor().columns());
            new BatchExtractor(m.extractor()).run(file, all);
            FeatureTable sorted = all.sorted();
            times = IntStream.range(0, sorted.size()).mapToLong(sorted::time).toArray();
            rows = IntStream.range(0, sorted.size()).mapToObj(sorted::row).toArray(double[][]::new);
            expected = AdaptiveScorer.scoreAll(served, served.adaptive().orElseThrow(), times, rows);
        }
        List<Long> t = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        file.telemetry().forEach((a, time, values) -> {
            t.add(time);
            v.add(values[0]);
        });
        readings = new NabSeries(NabServiceFixture.MACHINE, Collections.nCopies(t.size(), ""),
                v.stream().mapToDouble(Double::doubleValue).toArray(), t.stream().mapToLong(Long::longValue).toArray());
        assertEquals(readings.size(), expected.length, "one feature row per reading");
    }

    @Test
    void prognos_score_writes_the_batch_paths_step_for_every_row() throws IOException {
        Path out = dir.resolve("scored.csv");
        CliRun r = CliRun.run("score", "--registry", dir.resolve("registry").toString(), "--model", job(), "--data",
                data.toString(), "--threads", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("scored adaptively, as the service"), r.out());
        List<String> lines = Files.readAllLines(out);
        List<String> header = List.of(lines.get(0).split(",", -1));
        assertEquals(expected.length, lines.size() - 1, "one row per feature row");
        for (int i = 0; i < expected.length; i++) {
            String[] cells = lines.get(i + 1).split(",", -1);
            assertEquals(expected[i].score(), Double.parseDouble(cells[header.indexOf("risk")]), TOLERANCE, "risk, row " + i);
            assertEquals(expected[i].likelihood(), Double.parseDouble(cells[header.indexOf("adaptive_likelihood")]),
                    TOLERANCE, "likelihood, row " + i);
            assertEquals(i + 1, Double.parseDouble(cells[header.indexOf("adaptive_rows")]), 0.0, "rows, row " + i);
        }
    }

    @Test
    void the_service_streaming_in_chunks_with_a_restart_from_a_snapshot_answers_as_the_batch_path() {
        NabServiceFixture fixture = new NabServiceFixture(dir.resolve("registry"), List.of(job()));
        int compared = fixture.stream(dir.resolve("state"), 23, restartAt(), true, job(), AssetKey.of("machine-1"),
                readings, (i, answer, ingested) -> {
                    AnomalyOutlook.Adaptive a = answer.anomaly().orElseThrow().adaptive().orElseThrow();
                    AdaptiveScorer.Step want = expected[i - 1];
                    assertEquals(i, a.rows(), "rows seen after reading " + i);
                    assertEquals(want.score(), a.score(), TOLERANCE, "score after reading " + i);
                    assertEquals(want.likelihood(), a.likelihood(), TOLERANCE, "likelihood after reading " + i);
                });
        assertTrue(compared > readings.size() / NabServiceFixture.MAX_CHUNK, "answers compared: " + compared);
    }
}
