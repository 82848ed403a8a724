package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prognos.training.AdaptiveJobFixture.JOBS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ForecastMember;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.training.AdaptiveJobFixture.Served;
import org.prognos.training.config.TaskConfig;
import org.prognos.training.config.TrainingConfig;

/**
 * {@code jobs/nab-machine-temperature-forecast.yaml} (the context job with the forecast-residual member,
 * {@code task.scoring.forecast}): the published payload carries the member, the job's adaptive figures are those of
 * {@link AdaptiveScorer#scoreAll} on the file streamed from its first row, the member changes them against the same
 * settings without it, and a member naming a column the spec lacks fails the job before anything is fitted, naming
 * the job, the key and the spec's columns. The figures are written to
 * {@code target/nab-machine-temperature-forecast-metrics.json} for training/ANOMALY.md.
 */
class ForecastMemberJobTest {
    private static final String JOB = "nab-machine-temperature-forecast";

    @TempDir
    Path tmp;

    private TrainingConfig job(TaskConfig task) {
        return AdaptiveJobFixture.job(JOB, task, tmp.resolve("registry"));
    }

    @Test
    void the_forecast_job_publishes_the_member_and_evaluates_the_score_it_serves() throws Exception {
        TrainingConfig job = job(null);
        TrainingJob.Result r = new TrainingJob(job, JOBS, s -> { }).run();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", JOB + "-metrics.json"), r.metrics().toPrettyString());
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(tmp.resolve("registry")), JOB + "@candidate")) {
            Served served = Served.read(m, job.data().train());
            AdaptiveScoring settings = served.settings();
            assertEquals(ForecastMember.remembering("value_seq_9", 2000), settings.forecast().orElseThrow());
            AdaptiveScorer.Step[] steps = served.score(settings);
            assertEquals(served.alarms(steps, settings), r.metrics().at("/evaluation/adaptive/alarmRows").asLong(),
                    "alarming rows: the job's against the batch path's");
            AdaptiveScoring without = AdaptiveJobFixture.withoutCheck(settings, Optional.empty());
            AdaptiveScorer.Step[] alone = served.score(without);
            long moved = IntStream.range(0, served.x().length).filter(i -> steps[i].likelihood() > alone[i].likelihood())
                    .count();
            assertTrue(moved > 0, "the member raises some likelihoods above the neighbours' alone: a real run");
        }
    }

    @Test
    void a_member_on_a_column_the_spec_lacks_fails_the_job_naming_the_columns() {
        TaskConfig.Anomaly t = (TaskConfig.Anomaly) job(null).task();
        AdaptiveScoring s = ((AnomalyScoring.Adaptive) t.scoring()).settings()
                .withForecast(ForecastMember.remembering("value_seq_10", 2000));
        TaskConfig.Anomaly wrong = new TaskConfig.Anomaly(t.normal(), t.falseAlarmRate(), new AnomalyScoring.Adaptive(s));
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> new TrainingJob(job(wrong), JOBS, m -> { }).run());
        assertTrue(e.getMessage().contains("job 'nab-machine-temperature-forecast', at 'task.scoring.forecast.column': the"
                + " spec has no column 'value_seq_10'; its columns are [value_seq_0,"), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("registry").resolve(JOB)), "nothing published");
    }
}
