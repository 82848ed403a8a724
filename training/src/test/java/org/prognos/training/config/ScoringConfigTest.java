package org.prognos.training.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ContextMember;
import org.prognos.models.anomaly.ForecastMember;
import org.prognos.models.anomaly.StuckValueCheck;
import org.prognos.models.anomaly.context.ContextRange;
import org.prognos.training.nab.NabDetector;
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
    void the_warm_up_is_given_in_rows_in_time_or_both() throws IOException {
        long hour = 3_600_000_000L;
        AdaptiveScoring time = ((AnomalyScoring.Adaptive) task("  scoring: {mode: adaptive, warmUp: 2d}\n").scoring()).settings();
        assertEquals(0, time.warmUp(), "a duration alone: no bound in rows");
        assertEquals(48 * hour, time.warmUpTicks());
        AdaptiveScoring both = ((AnomalyScoring.Adaptive) task("  scoring: {mode: adaptive, warmUp: {rows: 750, time: 36h}}\n")
                .scoring()).settings();
        assertEquals(750, both.warmUp());
        assertEquals(36 * hour, both.warmUpTicks());
        AdaptiveScoring iso = ((AnomalyScoring.Adaptive) task("  scoring: {mode: adaptive, warmUp: {time: PT90M}}\n")
                .scoring()).settings();
        assertEquals(0, iso.warmUp());
        assertEquals(90 * hour / 60, iso.warmUpTicks());
        assertEquals(0, ((AnomalyScoring.Adaptive) task("  scoring: {mode: adaptive, warmUp: 750}\n").scoring()).settings()
                .warmUpTicks(), "rows alone: no bound in time");
    }

    @Test
    void a_bad_warm_up_names_the_field_and_the_forms() throws IOException {
        InvalidSpecException unit = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, warmUp: 2 weeks}\n"));
        assertTrue(unit.getMessage().contains("at 'task.scoring.warmUp': expected a duration such as 3h"), unit.getMessage());
        InvalidSpecException field = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, warmUp: {days: 2}}\n"));
        assertTrue(field.getMessage().contains("'task.scoring.warmUp.days' is not a warm-up field; known: [rows, time]"),
                field.getMessage());
        InvalidSpecException empty = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, warmUp: {}}\n"));
        assertTrue(empty.getMessage().contains("must be rows (750), a duration (2d) or {rows: 750, time: 2d}"),
                empty.getMessage());
        InvalidSpecException zero = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, warmUp: {rows: 10, time: 0h}}\n"));
        assertTrue(zero.getMessage().contains("at 'task.scoring.warmUp.time': a warm-up in time must be longer than 0"),
                zero.getMessage());
        InvalidSpecException rows = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, warmUp: {rows: 7.5}}\n"));
        assertTrue(rows.getMessage().contains("'task.scoring.warmUp.rows' must be a whole number of rows"), rows.getMessage());
    }

    @Test
    void learn_scaling_is_off_unless_asked_for_and_needs_a_warm_up() throws IOException {
        assertTrue(!((AnomalyScoring.Adaptive) task("  scoring: adaptive\n").scoring()).settings().learnScaling());
        AdaptiveScoring on = ((AnomalyScoring.Adaptive) task("  scoring: {mode: adaptive, warmUp: 400, learnScaling: true}\n")
                .scoring()).settings();
        assertTrue(on.learnScaling());
        assertEquals(400, on.warmUp());
        assertTrue(((AnomalyScoring.Adaptive) task("  scoring: {mode: adaptive, warmUp: 2d, learnScaling: true}\n")
                .scoring()).settings().learnScaling(), "a warm-up in time is one to learn in");
        InvalidSpecException none = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, warmUp: 0, learnScaling: true}\n"));
        assertTrue(none.getMessage().contains("'task.scoring.learnScaling' needs a warm-up to learn the asset's scaling in: "
                + "'task.scoring.warmUp' is 0"), none.getMessage());
        InvalidSpecException text = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, learnScaling: yes please}\n"));
        assertTrue(text.getMessage().contains("'task.scoring.learnScaling' must be true or false"), text.getMessage());
    }

    @Test
    void a_warm_up_in_time_is_refused_on_cycles_and_read_on_timestamps() throws IOException {
        TaskConfig.Anomaly t = task("  scoring: {mode: adaptive, warmUp: 2d}\n");
        InvalidSpecException cycles = assertThrows(InvalidSpecException.class, () -> t.labeler(new TimeAxis.Cycles()));
        assertTrue(cycles.getMessage().contains("at 'task.scoring.warmUp': a warm-up in time needs data on timestamps"),
                cycles.getMessage());
        t.labeler(TimeAxis.Timestamps.utc());
        task("  scoring: {mode: adaptive, warmUp: 30}\n").labeler(new TimeAxis.Cycles());
    }

    @Test
    void the_shipped_adaptive_job_runs_the_nab_runs_online_neighbours_with_nabs_learning_period_as_warm_up() {
        TaskConfig.Anomaly t = (TaskConfig.Anomaly) ConfigReader.read(JOBS.resolve("nab-machine-temperature-adaptive.yaml")).task();
        assertEquals(new AnomalyScoring.Adaptive(NabDetectors.named("prognosKnnOnline").adaptive().withWarmUp(750)),
                t.scoring());
    }

    @Test
    void the_shipped_context_job_runs_the_nab_runs_forgetting_blend_with_nabs_learning_period_as_warm_up() {
        TaskConfig.Anomaly t = (TaskConfig.Anomaly) ConfigReader.read(JOBS.resolve("nab-machine-temperature-context.yaml")).task();
        NabDetector forget = NabDetectors.named("prognosKnnContextForget2000");
        assertEquals(new AnomalyScoring.Adaptive(forget.adaptive().withWarmUp(750)
                .withContext(forget.member("value_seq_9", 750).orElseThrow())), t.scoring());
    }

    @Test
    void the_contextual_member_takes_configuration_58s_defaults_and_learns_on_the_warm_up() throws IOException {
        AdaptiveScoring s = ((AnomalyScoring.Adaptive) task("  scoring: {mode: adaptive, warmUp: 300, context: {column: v}}\n")
                .scoring()).settings();
        assertEquals(new ContextMember("v", 2000, 0.5, 300), s.context().orElseThrow());
        AdaptiveScoring named = ((AnomalyScoring.Adaptive) task(
                "  scoring: {mode: adaptive, warmUp: 2d, context: {column: v, memory: 500, margin: 1, learning: 40}}\n")
                .scoring()).settings();
        assertEquals(new ContextMember("v", 500, 1.0, 40), named.context().orElseThrow());
        assertTrue(((AnomalyScoring.Adaptive) task("  scoring: adaptive\n").scoring()).settings().context().isEmpty());
    }

    @Test
    void a_bad_contextual_member_names_the_file_the_line_and_the_field() throws IOException {
        InvalidSpecException column = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, context: {memory: 10}}\n"));
        assertTrue(column.getMessage().contains("'task.scoring.context.column' must name the feature column"),
                column.getMessage());
        assertTrue(column.getMessage().contains("job.yaml: line 6, column "), column.getMessage());
        InvalidSpecException field = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, context: {column: v, memmory: 10}}\n"));
        assertTrue(field.getMessage().contains("'task.scoring.context.memmory' is not a contextual member field; known:"
                + " [column, memory, margin, learning, range, bins]"), field.getMessage());
        InvalidSpecException learning = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, warmUp: 2d, context: {column: v}}\n"));
        assertTrue(learning.getMessage().contains("'task.scoring.context.learning' is needed"), learning.getMessage());
        InvalidSpecException margin = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, context: {column: v, margin: -1}}\n"));
        assertTrue(margin.getMessage().contains("at 'task.scoring.context': contextual member 'margin' must be finite and"
                + " at least 0, found -1.0"), margin.getMessage());
        InvalidSpecException memory = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, context: {column: v, memory: lots}}\n"));
        assertTrue(memory.getMessage().contains("'task.scoring.context.memory' must be a whole number of rows"),
                memory.getMessage());
    }

    @Test
    void open_bins_make_a_member_whose_learned_bins_stay_and_widening_is_the_default() throws IOException {
        AdaptiveScoring open = ((AnomalyScoring.Adaptive) task(
                "  scoring: {mode: adaptive, warmUp: 300, context: {column: v, bins: open}}\n").scoring()).settings();
        assertEquals(ContextMember.openBins("v", 2000, 0.5, 300), open.context().orElseThrow());
        AdaptiveScoring widening = ((AnomalyScoring.Adaptive) task(
                "  scoring: {mode: adaptive, warmUp: 300, context: {column: v, bins: widening, margin: 1}}\n").scoring())
                .settings();
        assertEquals(new ContextMember("v", 2000, 1.0, 300), widening.context().orElseThrow());
        assertEquals(NabDetectors.named("prognosKnnContextOpen2000").member("v", 300).orElseThrow(),
                open.context().orElseThrow(), "the job's member is NAB's configuration 61's");
    }

    @Test
    void bad_bins_name_the_file_the_line_and_the_field() throws IOException {
        for (String bad : List.of("closed", "OPEN", "1", "[open]")) {
            InvalidSpecException e = assertThrows(InvalidSpecException.class,
                    () -> task("  scoring: {mode: adaptive, warmUp: 300, context: {column: v, bins: " + bad + "}}\n"), bad);
            assertTrue(e.getMessage().contains("'task.scoring.context.bins' must be open or widening, found "),
                    bad + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("job.yaml: line 6, column "), bad + ": " + e.getMessage());
        }
        InvalidSpecException declared = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, context: {column: v, bins: open, range: [0, 100]}}\n"));
        assertTrue(declared.getMessage().contains("'task.scoring.context.bins' opens a learned range's bins; with"
                + " 'task.scoring.context.range' declared"), declared.getMessage());
        assertTrue(declared.getMessage().contains("job.yaml: line 6, column "), declared.getMessage());
    }

    @Test
    void a_declared_range_makes_a_member_that_starts_on_it_with_no_margin() throws IOException {
        AdaptiveScoring s = ((AnomalyScoring.Adaptive) task(
                "  scoring: {mode: adaptive, warmUp: 300, context: {column: v, range: [0, 100]}}\n").scoring()).settings();
        assertEquals(ContextMember.declared("v", 2000, 300, new ContextRange(0, 100)), s.context().orElseThrow());
        AdaptiveScoring named = ((AnomalyScoring.Adaptive) task("  scoring: {mode: adaptive, context: {column: v,"
                + " memory: 500, learning: 40, range: [-40.5, 125]}}\n").scoring()).settings();
        assertEquals(ContextMember.declared("v", 500, 40, new ContextRange(-40.5, 125)), named.context().orElseThrow());
    }

    @Test
    void a_bad_declared_range_names_the_file_the_line_and_the_field() throws IOException {
        for (String bad : List.of("[100, 0]", "[5, 5]", "[0]", "[0, 1, 2]", "[0, high]", "100", "{low: 0, high: 1}",
                "[0, 1e999]")) {
            InvalidSpecException e = assertThrows(InvalidSpecException.class,
                    () -> task("  scoring: {mode: adaptive, context: {column: v, range: " + bad + "}}\n"), bad);
            assertTrue(e.getMessage().contains("'task.scoring.context.range' must be "), bad + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("job.yaml: line 6, column "), bad + ": " + e.getMessage());
        }
        // YAML's own infinity is refused by the YAML reader before the check, still naming the place
        InvalidSpecException inf = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, context: {column: v, range: [0, .inf]}}\n"));
        assertTrue(inf.getMessage().contains("job.yaml: line 6, column ") && inf.getMessage().contains(".inf"),
                inf.getMessage());
        InvalidSpecException order = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, context: {column: v, range: [100, 0]}}\n"));
        assertTrue(order.getMessage().contains("must be finite with low < high, found [100.0, 0.0]"), order.getMessage());
        InvalidSpecException margin = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, context: {column: v, margin: 0.5, range: [0, 100]}}\n"));
        assertTrue(margin.getMessage().contains("'task.scoring.context.margin' widens a learned range; with"
                + " 'task.scoring.context.range' declared"), margin.getMessage());
        assertTrue(margin.getMessage().contains("job.yaml: line 6, column "), margin.getMessage());
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
    @Test
    void the_forecast_member_takes_a_column_and_a_memory_of_2000_rows_unless_named() throws IOException {
        AdaptiveScoring s = ((AnomalyScoring.Adaptive) task("  scoring: {mode: adaptive, forecast: {column: v}}\n")
                .scoring()).settings();
        assertEquals(ForecastMember.remembering("v", 2000), s.forecast().orElseThrow());
        AdaptiveScoring plain = ((AnomalyScoring.Adaptive) task("  scoring: adaptive\n").scoring()).settings();
        assertTrue(plain.forecast().isEmpty(), "off unless named");
        assertEquals(plain.withForecast(ForecastMember.remembering("v", 2000)), s, "the other settings unchanged");
        AdaptiveScoring named = ((AnomalyScoring.Adaptive) task("  scoring: {mode: adaptive, warmUp: 300,"
                + " context: {column: v}, forecast: {column: w, memory: 250}}\n").scoring()).settings();
        assertEquals(new ForecastMember("w", 1 - 1.0 / 250), named.forecast().orElseThrow());
        assertEquals(new ContextMember("v", 2000, 0.5, 300), named.context().orElseThrow(), "beside the contextual member");
    }

    @Test
    void the_shipped_forecast_job_is_the_context_job_with_configuration_62s_member() {
        AdaptiveScoring context = ((AnomalyScoring.Adaptive) ((TaskConfig.Anomaly) ConfigReader.read(
                JOBS.resolve("nab-machine-temperature-context.yaml")).task()).scoring()).settings();
        AdaptiveScoring forecast = ((AnomalyScoring.Adaptive) ((TaskConfig.Anomaly) ConfigReader.read(
                JOBS.resolve("nab-machine-temperature-forecast.yaml")).task()).scoring()).settings();
        NabDetector c62 = NabDetectors.named("prognosKnnContextForecast2000");
        assertEquals(context.withForecast(c62.adaptive().forecast().orElseThrow()), forecast);
    }

    @Test
    void a_bad_forecast_member_names_the_file_the_line_and_the_field() throws IOException {
        InvalidSpecException column = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, forecast: {memory: 10}}\n"));
        assertTrue(column.getMessage().contains("'task.scoring.forecast.column' must name the feature column the member"
                + " predicts"), column.getMessage());
        assertTrue(column.getMessage().contains("job.yaml: line 6, column "), column.getMessage());
        InvalidSpecException field = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, forecast: {column: v, forgetting: 0.9}}\n"));
        assertTrue(field.getMessage().contains("'task.scoring.forecast.forgetting' is not a forecast member field; known:"
                + " [column, memory]"), field.getMessage());
        for (String bad : List.of("1", "0", "-5")) {
            InvalidSpecException memory = assertThrows(InvalidSpecException.class,
                    () -> task("  scoring: {mode: adaptive, forecast: {column: v, memory: " + bad + "}}\n"), bad);
            assertTrue(memory.getMessage().contains("'task.scoring.forecast.memory' must be at least 2 rows"),
                    bad + ": " + memory.getMessage());
        }
        InvalidSpecException words = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, forecast: {column: v, memory: lots}}\n"));
        assertTrue(words.getMessage().contains("'task.scoring.forecast.memory' must be a whole number of rows"),
                words.getMessage());
        InvalidSpecException shape = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, forecast: v}\n"));
        assertTrue(shape.getMessage().contains("'task.scoring.forecast' must be {column: …, memory: 2000}"),
                shape.getMessage());
        InvalidSpecException statically = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: static, forecast: {column: v}}\n"));
        assertTrue(statically.getMessage().contains("'task.scoring' with mode static takes no other field"),
                statically.getMessage());
    }

    @Test
    void the_stuck_check_takes_a_column_and_a_minimum_run_of_10_unless_named_and_configuration_63s_widening()
            throws IOException {
        AdaptiveScoring s = ((AnomalyScoring.Adaptive) task("  scoring: {mode: adaptive, stuck: {column: v}}\n")
                .scoring()).settings();
        assertEquals(new StuckValueCheck("v", 0.05, 10), s.stuck().orElseThrow());
        AdaptiveScoring plain = ((AnomalyScoring.Adaptive) task("  scoring: adaptive\n").scoring()).settings();
        assertTrue(plain.stuck().isEmpty(), "off unless named");
        assertEquals(plain.withStuckCheck(new StuckValueCheck("v", 0.05, 10)), s, "the other settings unchanged");
        AdaptiveScoring named = ((AnomalyScoring.Adaptive) task("  scoring: {mode: adaptive, forecast: {column: w},"
                + " stuck: {column: v, minRun: 30}}\n").scoring()).settings();
        assertEquals(new StuckValueCheck("v", 0.05, 30), named.stuck().orElseThrow());
        assertEquals(ForecastMember.remembering("w", 2000), named.forecast().orElseThrow(), "beside the forecast member");
    }

    @Test
    void the_shipped_stuck_job_is_the_context_job_with_configuration_63s_check() {
        AdaptiveScoring context = ((AnomalyScoring.Adaptive) ((TaskConfig.Anomaly) ConfigReader.read(
                JOBS.resolve("nab-machine-temperature-context.yaml")).task()).scoring()).settings();
        AdaptiveScoring stuck = ((AnomalyScoring.Adaptive) ((TaskConfig.Anomaly) ConfigReader.read(
                JOBS.resolve("nab-machine-temperature-stuck.yaml")).task()).scoring()).settings();
        NabDetector c63 = NabDetectors.named("prognosKnnContextStuck2000");
        assertEquals(context.withStuckCheck(c63.adaptive().stuck().orElseThrow()), stuck);
    }

    @Test
    void a_bad_stuck_check_names_the_file_the_line_and_the_field() throws IOException {
        InvalidSpecException column = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, stuck: {minRun: 10}}\n"));
        assertTrue(column.getMessage().contains("'task.scoring.stuck.column' must name the feature column whose raw"
                + " values the check watches"), column.getMessage());
        assertTrue(column.getMessage().contains("job.yaml: line 6, column "), column.getMessage());
        InvalidSpecException field = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, stuck: {column: v, widening: 0.1}}\n"));
        assertTrue(field.getMessage().contains("'task.scoring.stuck.widening' is not a stuck-value check field; known:"
                + " [column, minRun]"), field.getMessage());
        for (String bad : List.of("0", "-5")) {
            InvalidSpecException minRun = assertThrows(InvalidSpecException.class,
                    () -> task("  scoring: {mode: adaptive, stuck: {column: v, minRun: " + bad + "}}\n"), bad);
            assertTrue(minRun.getMessage().contains("'task.scoring.stuck.minRun' must be at least 1 value"),
                    bad + ": " + minRun.getMessage());
        }
        InvalidSpecException words = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, stuck: {column: v, minRun: 2.5}}\n"));
        assertTrue(words.getMessage().contains("'task.scoring.stuck.minRun' must be a whole number of rows"),
                words.getMessage());
        InvalidSpecException shape = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: adaptive, stuck: v}\n"));
        assertTrue(shape.getMessage().contains("'task.scoring.stuck' must be {column: …, minRun: 10}"),
                shape.getMessage());
        InvalidSpecException statically = assertThrows(InvalidSpecException.class,
                () -> task("  scoring: {mode: static, stuck: {column: v}}\n"));
        assertTrue(statically.getMessage().contains("'task.scoring' with mode static takes no other field"),
                statically.getMessage());
    }
}
