package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.LibraryVersions;
import org.prognos.models.bundle.Provenance;
import org.prognos.models.bundle.Task;
import org.prognos.models.registry.ModelRegistry;

/**
 * The Azure knn anomaly fixture of {@link TestModels} scored adaptively, as the adaptive HTTP, reload, restore and
 * report tests publish it, Azure machine 57's real readings as they stream them into asset {@code m57}, and the twin
 * servers (one reloaded, one never) the reload tests compare ({@link Twins}). Each test
 * keeps its own model name and its own assertions; this holds only what they set up alike.
 */
public final class AdaptiveAzureKnn {
    /** A short likelihood history (100 rows, the last 20 recent), alarm at 0.999, no range check, no warm-up. */
    public static final AdaptiveScoring SETTINGS = new AdaptiveScoring(0, 3, 0, 5, 100, 20, 0.999, 10,
            AdaptiveScoring.NO_RANGE_CHECK);
    /** The warm-up of {@link #WARMED}, in rows. */
    public static final int WARM_UP = 30;
    /** {@link #SETTINGS} with a range check of 5 % and a warm-up of {@value #WARM_UP} rows (the reload and restore tests'). */
    public static final AdaptiveScoring WARMED = SETTINGS.withRangeCheck(0.05).withWarmUp(WARM_UP);
    /** Machine 57's readings start here, in the Azure data's time axis. */
    public static final String FROM = "2015-10-10 06:00:00";
    static final long HOUR = 3_600_000_000L;

    private AdaptiveAzureKnn() {
    }

    /** Publishes the fixture scored with {@code settings} as {@code name}, promoted to production; its version. */
    public static int publish(ModelRegistry registry, String name, AdaptiveScoring settings) {
        return publish(registry, name, TestModels.azureAnomaly().withScoring(new AnomalyScoring.Adaptive(settings)));
    }

    /** Publishes {@code model} (the fixture, changed) as {@code name}, promoted to production; its version. */
    public static int publish(ModelRegistry registry, String name, AnomalyModel model) {
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        metrics.putObject("decision").put("threshold", 1 - TestModels.ANOMALY_FALSE_ALARM_RATE);
        var ref = registry.publish(BundleContents.of(name, new Task.Anomaly("knn", TestModels.ANOMALY_FALSE_ALARM_RATE),
                TestModels.azureAnomalySpec(), new Provenance("sha256:" + "ef".repeat(32), "machines 1-20 (test fixture)", 42L,
                        Map.of(), LibraryVersions.current()), metrics, model.payload()));
        registry.promote(ref.name(), ref.version(), "production");
        return ref.version();
    }

    /** Machine 57's readings over {@code days} days from {@value #FROM}. */
    static List<Map<String, Object>> machine57(int days) {
        long from = TimeAxis.Timestamps.utc().parse(FROM);
        return TestModels.azureReadings("57", from, from + days * 24 * HOUR);
    }

    /** Sends {@code chunk} of machine 57's readings as asset m57 of {@code model}; the ingest must answer 200. */
    static void ingest(Http http, String model, List<Map<String, Object>> chunk) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("readings", chunk);
        body.put("attributes", TestModels.azureAttributes("57"));
        Http.Response r = http.post("/v1/assets/m57/readings?model=" + model, body);
        assertEquals(200, r.status(), r.body());
    }

    /** {@link #ingest}, then asset m57's adaptive answer after the chunk. */
    static JsonNode send(Http http, String model, List<Map<String, Object>> chunk) {
        ingest(http, model, chunk);
        return http.get("/v1/assets/m57/score").json().at("/anomaly/adaptive");
    }

    /**
     * Two servers on one registry, as the reload tests run them: {@code reference} never reloads, {@code reloaded} is
     * the one a test reloads; each with a client.
     */
    record Twins(Server reference, Server reloaded, Http ref, Http rel) implements AutoCloseable {
        /** Starts both on {@code registry}. */
        static Twins start(Path registry) {
            Server reference = TestServers.start(registry);
            try {
                Server reloaded = TestServers.start(registry);
                return new Twins(reference, reloaded, new Http(reference.port()), new Http(reloaded.port()));
            } catch (RuntimeException e) {
                reference.close();
                throw e;
            }
        }

        /** Sends {@code readings} [0, {@code to}) to both as asset m57 of {@code model}, {@code chunk} at a time; both answer alike. */
        void sendAlike(String model, List<Map<String, Object>> readings, int to, int chunk) {
            for (int i = 0; i < to; i += chunk) {
                assertEquals(send(ref, model, readings.subList(i, i + chunk)), send(rel, model, readings.subList(i, i + chunk)));
            }
        }

        @Override
        public void close() {
            try {
                reference.close();
            } finally {
                reloaded.close();
            }
        }
    }
}
