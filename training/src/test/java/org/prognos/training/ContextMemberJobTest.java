package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prognos.training.AdaptiveJobFixture.JOBS;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ContextMember;
import org.prognos.models.anomaly.context.ContextRange;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.training.AdaptiveJobFixture.Served;
import org.prognos.training.config.TaskConfig;
import org.prognos.training.config.TrainingConfig;

/**
 * {@code jobs/nab-machine-temperature-context.yaml} (the NAB machine-temperature file, adaptive scoring with the
 * contextual member): the published payload carries the member, the job's adaptive figures are those of
 * {@link AdaptiveScorer#scoreAll} on the file streamed from its first row, and a member naming a column the spec lacks
 * fails the job before anything is fitted, naming the job, the field and the spec's columns; a declared range is
 * published and evaluated as served. The figures are written to {@code target/nab-machine-temperature-context-metrics.json}
 * (and {@code …-declared-metrics.json}) for training/ANOMALY.md.
 */
class ContextMemberJobTest {
    private static final String JOB = "nab-machine-temperature-context";

    @TempDir
    Path tmp;

    private TrainingConfig job(TaskConfig task) {
        return AdaptiveJobFixture.job(JOB, task, tmp.resolve("registry"));
    }

    @Test
    void the_context_job_publishes_the_member_and_evaluates_the_served_blend() throws Exception {
        TrainingConfig job = job(null);
        TrainingJob.Result r = new TrainingJob(job, JOBS, s -> { }).run();
        JsonNode adaptive = r.metrics().at("/evaluation/adaptive");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", JOB + "-metrics.json"), r.metrics().toPrettyString());
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(tmp.resolve("registry")), JOB + "@candidate")) {
            Served served = Served.read(m, job.data().train());
            AdaptiveScoring settings = served.settings();
            assertEquals(new ContextMember("value_seq_9", 2000, 0.5, 750), settings.context().orElseThrow());
            AdaptiveScorer.Step[] steps = served.score(settings);
            assertEquals(served.alarms(steps, settings), adaptive.path("alarmRows").asLong(), "alarming rows: the job's against the batch path's");
            AdaptiveScoring neighboursAlone = new AdaptiveScoring(settings.memory(), settings.neighbours(),
                    settings.exclude(), settings.recent(), settings.history(), settings.minHistory(), settings.alarmLevel(),
                    settings.rest(), settings.rangeTolerance(), settings.restRule(), settings.reference(),
                    settings.neighbourhood(), settings.extremes(), settings.slowRecent(), settings.warmUp(),
                    settings.warmUpTicks());
            AdaptiveScorer.Step[] alone = served.score(neighboursAlone);
            long raised = IntStream.range(0, served.x().length).filter(i -> steps[i].score() > alone[i].score()).count();
            assertTrue(raised > 0, "the member raises some scores above the neighbours' alone");
        }
    }

    /** A declared range (limits picked for the test, not a datasheet's) reaches the bundle and the job's evaluation. */
    @Test
    void a_declared_range_is_published_and_evaluated_as_served() throws Exception {
        TaskConfig.Anomaly t = (TaskConfig.Anomaly) job(null).task();
        ContextMember declared = ContextMember.declared("value_seq_9", 2000, 750, new ContextRange(0, 120));
        AdaptiveScoring s = ((AnomalyScoring.Adaptive) t.scoring()).settings().withContext(declared);
        TrainingConfig job = job(new TaskConfig.Anomaly(t.normal(), t.falseAlarmRate(), new AnomalyScoring.Adaptive(s)));
        TrainingJob.Result r = new TrainingJob(job, JOBS, m -> { }).run();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", JOB + "-declared-metrics.json"), r.metrics().toPrettyString());
        try (LoadedModel m = LoadedModel.load(new ModelRegistry(tmp.resolve("registry")), JOB + "@candidate")) {
            Served served = Served.read(m, job.data().train());
            assertEquals(s, served.settings(), "the payload keeps the declared range");
            AdaptiveScorer.Step[] steps = served.score(s);
            assertEquals(served.alarms(steps, s), r.metrics().at("/evaluation/adaptive").path("alarmRows").asLong(),
                    "alarming rows: the job's against the batch path's");
        }
    }

    @Test
    void a_member_on_a_column_the_spec_lacks_fails_the_job_naming_the_columns() {
        TaskConfig.Anomaly t = (TaskConfig.Anomaly) job(null).task();
        AdaptiveScoring s = ((AnomalyScoring.Adaptive) t.scoring()).settings()
                .withContext(new ContextMember("value_seq_10", 2000, 0.5, 750));
        TaskConfig.Anomaly wrong = new TaskConfig.Anomaly(t.normal(), t.falseAlarmRate(), new AnomalyScoring.Adaptive(s));
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> new TrainingJob(job(wrong), JOBS, m -> { }).run());
        assertTrue(e.getMessage().contains("job 'nab-machine-temperature-context', at 'task.scoring.context.column': the spec"
                + " has no column 'value_seq_10'; its columns are [value_seq_0,"), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("registry").resolve(JOB)), "nothing published");
    }
}
