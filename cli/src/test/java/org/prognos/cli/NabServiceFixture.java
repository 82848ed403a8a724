package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.StateConfig;
import org.prognos.inference.api.IngestResponse;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.drift.DriftMonitor;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.WindowSchema;
import org.prognos.inference.state.Recovery;
import org.prognos.inference.state.StreamingService;
import org.prognos.inference.store.StateDb;
import org.prognos.inference.tenant.AssetKey;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.LibraryVersions;
import org.prognos.models.bundle.Provenance;
import org.prognos.models.bundle.Task;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.answer.ScoreResponse;
import org.prognos.training.nab.NabDetector;
import org.prognos.training.nab.NabSeries;

/**
 * What the service-parity tests of adaptive anomaly scoring on the bundled NAB machine-temperature file set up alike:
 * the file, a model the NAB runner fitted published as a bundle, a durable streaming service over the registry, and
 * the file streamed into it in seeded random chunks of 1 to {@value #MAX_CHUNK} readings with one restart (after a
 * snapshot, or replaying the journal). Each test checks every answer with its own assertions ({@link Answers}).
 *
 * @param registry the registry folder the models are published in
 * @param served   the models the service serves
 */
record NabServiceFixture(Path registry, List<String> served) {
    static final double TOLERANCE = 1e-9;
    static final Path NAB = Path.of("../notebooks-data/nab/data").toAbsolutePath().normalize();
    static final Path SPEC = Path.of("../notebooks-data/specs/nab-value-lags.json").toAbsolutePath().normalize();
    static final String MACHINE = "realKnownCause/machine_temperature_system_failure.csv";
    static final int MAX_CHUNK = 40;

    NabServiceFixture {
        served = List.copyOf(served);
    }

    /** A test's checks of the answer after {@code readings} readings were sent. */
    interface Answers {
        void check(int readings, ScoreResponse answer, IngestResponse ingested);
    }

    /**
     * Publishes {@code model} (fitted by the NAB runner with {@code detector} on {@link #MACHINE}'s probation) as
     * {@code name}, promoted to production; {@code fingerprint} is the two hex digits its data fingerprint repeats.
     */
    static void publish(ModelRegistry registry, String name, FeatureSpec spec, AnomalyModel model, NabDetector detector,
                        String fingerprint) {
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        metrics.putObject("decision").put("threshold", 1 - model.calibration().falseAlarmRate());
        Provenance provenance = new Provenance("sha256:" + fingerprint.repeat(32), "NAB probation of " + MACHINE, 42L,
                Provenance.hyperparametersOf(detector.asMap()), LibraryVersions.current());
        var ref = registry.publish(BundleContents.of(name, new Task.Anomaly(model.detector().family(),
                model.calibration().falseAlarmRate()), spec, provenance, metrics, model.payload()));
        registry.promote(ref.name(), ref.version(), "production");
    }

    /** A service over the published models keeping state in {@code state}, recovered from it. */
    record Service(ModelCatalog catalog, StateDb db, StreamingService streaming) implements AutoCloseable {
        @Override
        public void close() {
            db.close();
            catalog.close();
        }
    }

    /** Opens a service keeping state in {@code state}, recovered from it with nothing skipped. */
    Service open(Path state) {
        ServiceMetrics metrics = new ServiceMetrics();
        ModelCatalog catalog = ModelCatalog.open(new ModelRegistry(registry), served, Predictors.standard(), metrics);
        ServiceConfig config = ServiceConfig.defaults().withState(StateConfig.defaults().withDataDir(state.toString()));
        StateDb db = StateDb.open(state);
        StreamingService s = new StreamingService(catalog, metrics, config, System::nanoTime, Optional.of(db),
                new DriftMonitor(catalog, metrics, config.drift(), Clock.systemUTC()));
        Recovery recovered = s.recover();
        assertEquals(0, recovered.skipped().size(), recovered.skipped().toString());
        return new Service(catalog, db, s);
    }

    /**
     * Streams {@code series} as {@code asset} of {@code model} in random chunks ({@code seed}), restarting the service
     * once {@code restartAt} readings were sent ({@code checkpoint}: after a snapshot of every asset; otherwise the
     * restart replays the journal); hands every answer to {@code answers} and returns how many it was handed.
     */
    int stream(Path state, long seed, int restartAt, boolean checkpoint, String model, AssetKey asset, NabSeries series,
               Answers answers) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] times = series.streamTimes();
        double[] values = series.values();
        Service service = open(state);
        int compared = 0;
        boolean restarted = false;
        try {
            for (int i = 0; i < times.length; ) {
                if (!restarted && i >= restartAt) {
                    if (checkpoint) {
                        assertEquals(1, service.streaming().checkpoint());
                    }
                    service.close();
                    service = open(state);
                    restarted = true;
                }
                int n = Math.min(times.length - i, 1 + rng.nextInt(MAX_CHUNK));
                WindowSchema schema = service.streaming().schema(model);
                ReadingWindow window = new ReadingWindow(schema, Optional.of(asset.asset()), Arrays.copyOfRange(times, i, i + n),
                        Arrays.copyOfRange(values, i, i + n), List.of(), Map.of(), OptionalLong.empty(), List.of());
                IngestResponse ingested = service.streaming().ingest(asset, model, window);
                i += n;
                answers.check(i, service.streaming().score(asset), ingested);
                compared++;
            }
        } finally {
            service.close();
        }
        return compared;
    }
}
