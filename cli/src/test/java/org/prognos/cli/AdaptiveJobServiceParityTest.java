package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.io.Datasets;
import org.prognos.features.telemetry.Dataset;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.drift.DriftMonitor;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.WindowSchema;
import org.prognos.inference.state.StreamingService;
import org.prognos.inference.tenant.AssetKey;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.answer.AnomalyOutlook;
import org.prognos.training.TrainingJob;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.config.TrainingConfig;

/**
 * The adaptive job's figures are the service's: {@code jobs/nab-machine-temperature-adaptive.yaml} trained and
 * published, then the file's readings (as the job reads them: the repeated hour skipped, like
 * {@code benchmarks/nab/stream_service.py}) streamed into a {@link StreamingService} over the published bundle, one
 * reading per request, the asset's answer read after each. The rows the service scores from the cutoff on, and the
 * ones among them that alarm ({@code anomaly.adaptive.alarm}), are those of the job's {@code evaluation.adaptive}; the
 * rows before warm its scorer up as the job's {@code priorRows} say.
 */
class AdaptiveJobServiceParityTest {
    static final Path JOBS = Path.of("../notebooks-data/jobs").toAbsolutePath().normalize();
    static final String JOB = "nab-machine-temperature-adaptive";
    /** The job's {@code split.cutoff}. */
    static final String CUTOFF = "2013-12-14 16:50:00";

    @TempDir
    Path dir;

    @Test
    void the_service_streaming_the_file_alarms_on_the_rows_the_job_counts() throws Exception {
        TrainingConfig c = ConfigReader.read(JOBS.resolve(JOB + ".yaml"));
        TrainingConfig job = new TrainingConfig(c.name(), c.data(), c.spec(), c.task(), c.model(), c.split(), c.costs(),
                dir.resolve("registry").toString(), c.seed());
        TrainingJob.Result trained = new TrainingJob(job, JOBS, s -> { }).run();
        JsonNode adaptive = trained.metrics().at("/evaluation/adaptive");
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        registry.promote(trained.published().name(), trained.published().version(), "production");

        Dataset file = Datasets.open(JOBS.resolve(c.data().train()), null);
        List<Long> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        file.telemetry().forEach((a, t, v) -> {
            times.add(t);
            values.add(v[0]);
        });
        long cutoff = file.axis().parse(CUTOFF);
        ServiceMetrics metrics = new ServiceMetrics();
        AssetKey asset = AssetKey.of("m2");
        long evaluated = 0;
        long alarms = 0;
        long before = 0;
        try (ModelCatalog catalog = ModelCatalog.open(registry, List.of(JOB), Predictors.standard(), metrics)) {
            ServiceConfig config = ServiceConfig.defaults();
            StreamingService service = new StreamingService(catalog, metrics, config, System::nanoTime, Optional.empty(),
                    new DriftMonitor(catalog, metrics, config.drift(), Clock.systemUTC()));
            WindowSchema schema = service.schema(JOB);
            for (int i = 0; i < times.size(); i++) {
                service.ingest(asset, JOB, new ReadingWindow(schema, Optional.of(asset.asset()), new long[] {times.get(i)},
                        new double[] {values.get(i)}, List.of(), Map.of(), OptionalLong.empty(), List.of()));
                AnomalyOutlook.Adaptive a = service.score(asset).anomaly().orElseThrow().adaptive().orElseThrow();
                assertEquals(i + 1, a.rows(), "one feature row per reading");
                if (times.get(i) >= cutoff) {
                    evaluated++;
                    alarms += a.alarm() ? 1 : 0;
                } else {
                    before++;
                }
            }
        }
        assertEquals(adaptive.path("priorRows").asLong(), before, "rows before the cutoff: " + adaptive);
        assertEquals(adaptive.path("rows").asLong(), evaluated, "rows evaluated: " + adaptive);
        assertEquals(adaptive.path("alarmRows").asLong(), alarms, "alarming rows: the service's against the job's " + adaptive);
        assertTrue(alarms > 0, "the served score alarms on this file: a real run");
    }
}
