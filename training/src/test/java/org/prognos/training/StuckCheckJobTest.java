package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prognos.training.AdaptiveJobFixture.JOBS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.telemetry.Dataset;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.StuckValueCheck;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.training.AdaptiveJobFixture.Served;
import org.prognos.training.config.TaskConfig;
import org.prognos.training.config.TrainingConfig;

/**
 * {@code jobs/nab-machine-temperature-stuck.yaml} (the context job with the stuck-value check,
 * {@code task.scoring.stuck}, on an edited copy of NAB's machine-temperature file whose 2014-01-05 is held at one value,
 * {@code nab/edited/machine_temperature_stuck.csv}): the published payload carries the check, the job's adaptive
 * figures are those of {@link AdaptiveScorer#scoreAll} on the file streamed from its first row, the held day's
 * crossing row scores 1 where the same settings without the check alarm nowhere in the held day, and no row before it
 * differs; a check naming a column the spec lacks fails the job before anything is fitted, naming the job, the key
 * and the spec's columns. The job's metrics with and without the check are written to
 * {@code target/nab-machine-temperature-stuck-metrics.json} and {@code …-without-metrics.json} for training/ANOMALY.md.
 */
class StuckCheckJobTest {
    private static final String JOB = "nab-machine-temperature-stuck";
    /** The first reading of the held day; the 11th equal latest value is the first run longer than 10. */
    private static final String HELD_FROM = "2014-01-05 00:00:00";
    private static final String CROSSING = "2014-01-05 00:50:00";
    private static final int HELD_ROWS = 288;

    @TempDir
    Path tmp;

    private TrainingConfig job(TaskConfig task, String registry) {
        return AdaptiveJobFixture.job(JOB, task, tmp.resolve(registry));
    }

    private TaskConfig.Anomaly withSettings(AdaptiveScoring s) {
        TaskConfig.Anomaly t = (TaskConfig.Anomaly) job(null, "r").task();
        return new TaskConfig.Anomaly(t.normal(), t.falseAlarmRate(), new AnomalyScoring.Adaptive(s));
    }

    @Test
    void the_stuck_job_publishes_the_check_and_alarms_on_the_held_day_where_the_same_job_without_it_does_not()
            throws Exception {
        TrainingJob.Result r = new TrainingJob(job(null, "registry"), JOBS, s -> { }).run();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", JOB + "-metrics.json"), r.metrics().toPrettyString());
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(tmp.resolve("registry")), JOB + "@candidate")) {
            Served served = Served.read(m, job(null, "r").data().train());
            AdaptiveScoring settings = served.settings();
            assertEquals(new StuckValueCheck("value_seq_9", 0.05, 10), settings.stuck().orElseThrow());
            FeatureTable rows = served.rows();
            Dataset file = served.file();
            AdaptiveScorer.Step[] steps = served.score(settings);
            assertEquals(served.alarms(steps, settings), r.metrics().at("/evaluation/adaptive/alarmRows").asLong(),
                    "alarming rows: the job's against the batch path's");
            AdaptiveScoring without = AdaptiveJobFixture.withoutCheck(settings, settings.forecast());
            AdaptiveScorer.Step[] alone = served.score(without);
            int crossing = row(rows, file.axis().parse(CROSSING));
            assertEquals(1.0, steps[crossing].score(), "the held day's crossing row, " + CROSSING);
            long heldFrom = file.axis().parse(HELD_FROM);
            long aloneOnHeldDay = IntStream.range(row(rows, heldFrom), row(rows, heldFrom) + HELD_ROWS)
                    .filter(i -> alone[i].score() >= settings.alarmLevel()).count();
            assertEquals(0, aloneOnHeldDay, "without the check no row of the held day alarms");
            for (int i = 0; i < served.x().length; i++) {
                assertEquals(alone[i].likelihood(), steps[i].likelihood(), "the check leaves the likelihood, row " + i);
                if (steps[i].score() != alone[i].score()) {
                    assertTrue(i >= crossing, "nothing before the crossing differs: row " + i);
                }
            }
            TrainingJob.Result plain = new TrainingJob(job(withSettings(without), "plain"), JOBS, s -> { }).run();
            Files.writeString(Path.of("target", JOB + "-without-metrics.json"), plain.metrics().toPrettyString());
            assertEquals(served.alarms(alone, settings), plain.metrics().at("/evaluation/adaptive/alarmRows").asLong(),
                    "alarming rows without the check: the job's against the batch path's");
        }
    }

    private static int row(FeatureTable rows, long time) {
        return IntStream.range(0, rows.size()).filter(i -> rows.time(i) == time).findFirst().orElseThrow();
    }

    @Test
    void a_check_on_a_column_the_spec_lacks_fails_the_job_naming_the_columns() {
        TaskConfig.Anomaly t = (TaskConfig.Anomaly) job(null, "r").task();
        AdaptiveScoring s = ((AnomalyScoring.Adaptive) t.scoring()).settings()
                .withStuckCheck(new StuckValueCheck("value_seq_10", 0.05, 10));
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> new TrainingJob(job(withSettings(s), "registry"), JOBS, m -> { }).run());
        assertTrue(e.getMessage().contains("job 'nab-machine-temperature-stuck', at 'task.scoring.stuck.column': the"
                + " spec has no column 'value_seq_10'; its columns are [value_seq_0,"), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("registry").resolve(JOB)), "nothing published");
    }
}
