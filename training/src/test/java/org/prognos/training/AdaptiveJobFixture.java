package org.prognos.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.IntStream;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.Datasets;
import org.prognos.features.telemetry.Dataset;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.ForecastMember;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.config.TaskConfig;
import org.prognos.training.config.TrainingConfig;

/**
 * What the adaptive member job tests ({@link ContextMemberJobTest}, {@link ForecastMemberJobTest},
 * {@link StuckCheckJobTest}) share: a bundled NAB job file with its task and registry replaced, and a published
 * bundle's adaptive model beside the job's file streamed through the bundle's extractor from its first row, the rows
 * {@link AdaptiveScorer#scoreAll} scores and a job's adaptive figures must match.
 */
final class AdaptiveJobFixture {
    static final Path JOBS = Path.of("../notebooks-data/jobs").toAbsolutePath().normalize();
    /** The NAB machine-temperature jobs' evaluation cutoff (their {@code split}): rows from it on are counted. */
    static final String CUTOFF = "2013-12-14 16:50:00";

    private AdaptiveJobFixture() {
    }

    /** The bundled job {@code name} ({@code name.yaml}) with {@code task} (null: its own) publishing into {@code registry}. */
    static TrainingConfig job(String name, TaskConfig task, Path registry) {
        TrainingConfig c = ConfigReader.read(JOBS.resolve(name + ".yaml"));
        return new TrainingConfig(c.name(), c.data(), c.spec(), task == null ? c.task() : task, c.model(), c.split(),
                c.costs(), registry.toString(), c.seed());
    }

    /**
     * {@code s} with {@code forecast} as its forecast member and no stuck-value check, the rest (the neighbours, the
     * warm-up, the contextual member, the scaling) unchanged: the same job's settings without the member under test.
     */
    static AdaptiveScoring withoutCheck(AdaptiveScoring s, Optional<ForecastMember> forecast) {
        return new AdaptiveScoring(s.memory(), s.neighbours(), s.exclude(), s.recent(), s.history(), s.minHistory(),
                s.alarmLevel(), s.rest(), s.rangeTolerance(), s.restRule(), s.reference(), s.neighbourhood(), s.extremes(),
                s.slowRecent(), s.warmUp(), s.warmUpTicks(), s.context(), s.learnScaling(), forecast, Optional.empty());
    }

    /**
     * A loaded bundle's adaptive model and published settings, with {@code file}'s rows in time order as its extractor
     * makes them ({@code x}) and the time {@link #CUTOFF} reads as on the file's axis.
     */
    record Served(AnomalyModel model, AdaptiveScoring settings, Dataset file, FeatureTable rows, double[][] x,
            long cutoff) {
        static Served read(LoadedModel m, String data) throws IOException {
            AnomalyModel model = m.adaptiveAnomaly().orElseThrow();
            FeatureTable all = new FeatureTable(m.extractor().columns());
            Dataset file = Datasets.open(JOBS.resolve(data), null);
            new BatchExtractor(m.extractor()).run(file, all);
            FeatureTable rows = all.sorted();
            double[][] x = IntStream.range(0, rows.size()).mapToObj(rows::row).toArray(double[][]::new);
            return new Served(model, model.adaptive().orElseThrow(), file, rows, x, file.axis().parse(CUTOFF));
        }

        /** Every row scored by {@link AdaptiveScorer#scoreAll} under {@code s}. */
        AdaptiveScorer.Step[] score(AdaptiveScoring s) {
            return AdaptiveScorer.scoreAll(model, s, x);
        }

        /** The rows from the cutoff on whose score reaches {@code s}'s alarm level: a job's {@code alarmRows}. */
        long alarms(AdaptiveScorer.Step[] steps, AdaptiveScoring s) {
            return IntStream.range(0, rows.size()).filter(i -> rows.time(i) >= cutoff)
                    .filter(i -> steps[i].score() >= s.alarmLevel()).count();
        }
    }
}
