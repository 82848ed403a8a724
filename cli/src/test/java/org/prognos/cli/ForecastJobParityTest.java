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
 * A job with the forecast-residual member on ({@code task.scoring.forecast}) is served as its batch path scores it:
 * {@code jobs/nab-machine-temperature-forecast.yaml} trained and published, the reference each row of the job's data
 * (batch extraction with the bundle's extractor) through {@link AdaptiveScorer#scoreAll} with the bundle's settings;
 * {@code prognos score} writes that reference's risk, likelihood and rows for every row, and a durable service fed the
 * file in seeded random chunks of 1 to {@value NabServiceFixture#MAX_CHUNK} readings answers it after every chunk,
 * across a restart from a snapshot taken half-way (the member's state restored from the store), all to
 * {@value #TOLERANCE}.
 */
class ForecastJobParityTest {
    static final double TOLERANCE = NabServiceFixture.TOLERANCE;
    static final Path JOBS = Path.of("../notebooks-data/jobs").toAbsolutePath().normalize();
    static final String JOB = "nab-machine-temperature-forecast";

    @TempDir
    static Path dir;
    static Path data;
    static AdaptiveScorer.Step[] expected;
    static NabSeries readings;
    static AnomalyModel served;
    static long[] times;
    static double[][] rows;

    @BeforeAll
    static void trainAndScoreInBatch() throws IOException {
        TrainingConfig c = ConfigReader.read(JOBS.resolve(JOB + ".yaml"));
        TrainingJob.Result trained = new TrainingJob(new TrainingConfig(c.name(), c.data(), c.spec(), c.task(), c.model(),
                c.split(), c.costs(), dir.resolve("registry").toString(), c.seed()), JOBS, s -> { }).run();
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        registry.promote(trained.published().name(), trained.published().version(), "production");
        data = JOBS.resolve(c.data().train()).normalize();
        Dataset file = Datasets.open(data, null);
        try (LoadedModel m = LoadedModel.load(registry, JOB)) {
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
    void the_bundle_serves_the_member_and_it_moves_the_likelihood() {
        AdaptiveScoring settings = served.adaptive().orElseThrow();
        assertTrue(settings.forecast().isPresent(), "the job's member reached the bundle");
        AdaptiveScorer.Step[] without = AdaptiveScorer.scoreAll(served, new AdaptiveScoring(settings.memory(),
                settings.neighbours(), settings.exclude(), settings.recent(), settings.history(), settings.minHistory(),
                settings.alarmLevel(), settings.rest(), settings.rangeTolerance(), settings.restRule(),
                settings.reference(), settings.neighbourhood(), settings.extremes(), settings.slowRecent(),
                settings.warmUp(), settings.warmUpTicks(), settings.context(), settings.learnScaling()), times, rows);
        long moved = IntStream.range(0, expected.length)
                .filter(i -> Math.abs(expected[i].likelihood() - without[i].likelihood()) > TOLERANCE).count();
        assertTrue(moved > 0, "the member changes no likelihood: the parity below would not test it");
    }

    @Test
    void prognos_score_writes_the_batch_paths_step_for_every_row() throws IOException {
        Path out = dir.resolve("scored.csv");
        CliRun r = CliRun.run("score", "--registry", dir.resolve("registry").toString(), "--model", JOB, "--data",
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
        NabServiceFixture fixture = new NabServiceFixture(dir.resolve("registry"), List.of(JOB));
        int compared = fixture.stream(dir.resolve("state"), 23, readings.size() / 2, true, JOB, AssetKey.of("machine-1"),
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
