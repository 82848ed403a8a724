package org.prognos.training.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.training.nab.NabDetectors;

/** {@code task.scoring} of an anomaly job: static by default, adaptive with named settings, errors naming the field. */
class ScoringConfigTest {
    static final Path JOBS = Path.of("../notebooks-data/jobs").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private TaskConfig.Anomaly task(String scoring) throws IOException {
        Path p = tmp.resolve("job.yaml");
        Files.writeString(p, """
                name: j
                data: {train: d}
                spec: s.json
                task:
                  type: anomaly
                """ + scoring + """
                model: {family: knn}
                registry: r
                """);
        return (TaskConfig.Anomaly) ConfigReader.read(p).task();
    }

    @Test
    void scoring_is_static_unless_asked_for() throws IOException {
        assertEquals(AnomalyScoring.STATIC, task("").scoring());
        assertEquals(AnomalyScoring.STATIC, task("  scoring: static\n").scoring());
        assertEquals(AnomalyScoring.STATIC, task("  scoring: {mode: static}\n").scoring());
    }

    @Test
    void adaptive_alone_takes_the_likelihood_defaults_with_the_likelihoods_warm_up() throws IOException {
        AdaptiveScoring d = AdaptiveScoring.likelihood();
        assertEquals(new AnomalyScoring.Adaptive(d.withWarmUp(d.minHistory() + d.recent())),
                task("  scoring: adaptive\n").scoring());
    }

    @Test
    void the_warm_up_follows_min_history_and_recent_unless_named() throws IOException {
        AdaptiveScoring followed = ((AnomalyScoring.Adaptive) task("  scoring: {mode: adaptive, minHistory: 200, recent: 10}\n")
                .scoring()).settings();
        assertEquals(210, followed.warmUp());
        AdaptiveScoring named = ((AnomalyScoring.Adaptive) task("  scoring: {mode: adaptive, warmUp: 0}\n").scoring()).settings();
        assertEquals(0, named.warmUp());
        InvalidSpecException negative = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, warmUp: -1}\n"));
        assertTrue(negative.getMessage().contains("'task.scoring': adaptive scoring 'warmUp' must be at least 0, found -1"),
                negative.getMessage());
    }

    @Test
    void the_shipped_adaptive_job_runs_the_nab_runs_online_neighbours_with_nabs_learning_period_as_warm_up() {
        TaskConfig.Anomaly t = (TaskConfig.Anomaly) ConfigReader.read(JOBS.resolve("nab-machine-temperature-adaptive.yaml")).task();
        assertEquals(new AnomalyScoring.Adaptive(NabDetectors.named("prognosKnnOnline").adaptive().withWarmUp(750)),
                t.scoring());
    }

    @Test
    void bad_scoring_names_the_field() throws IOException {
        InvalidSpecException unknown = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, memmory: 10}\n"));
        assertTrue(unknown.getMessage().contains("'task.scoring.memmory' is not a scoring field"), unknown.getMessage());
        InvalidSpecException mode = assertThrows(InvalidSpecException.class, () -> task("  scoring: sometimes\n"));
        assertTrue(mode.getMessage().contains("'task.scoring.mode' must be static or adaptive, found 'sometimes'"),
                mode.getMessage());
        InvalidSpecException rule = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, restRule: never}\n"));
        assertTrue(rule.getMessage().contains("'task.scoring.restRule' must be after-alarm or until-quiet"), rule.getMessage());
        InvalidSpecException range = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, memory: 5, exclude: 10}\n"));
        assertTrue(range.getMessage().contains("'task.scoring': adaptive scoring 'memory' must be more than"), range.getMessage());
    }
}
