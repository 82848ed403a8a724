package org.prognos.inference.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.Http;
import org.prognos.inference.DriftConfig;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.TestServers;
import org.prognos.inference.alerts.AlertQuery;
import org.prognos.inference.alerts.AlertRecord;
import org.prognos.inference.alerts.AlertService;
import org.prognos.inference.alerts.DriftAlertFeed;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.server.Server;
import org.prognos.live.alert.AlertRule;
import org.prognos.models.TestModels;
import org.prognos.models.drift.ProfileFitter;
import org.prognos.models.drift.ReferenceProfile;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;

/**
 * The service's drift: the route on a real server (the {@code azure-24h} test model, its bundle carrying the profile
 * of machines 1–20; the {@code pump} model's bundle carrying none), and the monitor with the real catalog, metrics and
 * alert service: one alert per transition, closed when the inputs are back.
 */
class DriftServiceTest {
    static final String MODEL = TestModels.AZURE;
    /** The defaults, the Azure spec's asset-level columns set aside (see {@link AzureDriftTest}); judged on demand only. */
    static final DriftConfig CONFIG = new DriftConfig(500, 100, 0.1, 0.25, 0.3, 0,
            List.of("model_*", "age", "since_maint_*"));

    @TempDir
    static Path dir;
    static ModelRegistry registry;
    static FeatureExtractor ex;
    static List<FleetReplay.Row> heldOut;

    @BeforeAll
    static void publish() {
        ex = new FeatureExtractor(TestModels.azureSpec());
        List<FleetReplay.Row> train = FleetReplay.rows(TestModels.azureData(), ex,
                a -> AzureDriftTest.machine(a) <= 20, FleetReplay.Fault.none());
        ReferenceProfile profile = ProfileFitter.fit(ex.columns(), train.stream().map(FleetReplay.Row::values)
                .toArray(double[][]::new), "azure machines 1-20");
        registry = new ModelRegistry(dir.resolve("registry"));
        TestModels.publishAzure(registry, Optional.of(profile));
        TestModels.publishPump(registry);
        heldOut = FleetReplay.rows(TestModels.azureData(), ex, a -> AzureDriftTest.machine(a) > 20, FleetReplay.Fault.none());
    }

    @Test
    void the_drift_route_answers_per_model_and_a_problem_for_an_unknown_one() {
        try (Server server = TestServers.start(dir.resolve("registry"), TestServers.config().withDrift(CONFIG))) {
            Http http = new Http(server.port());
            JsonNode d = http.get("/v1/models/" + MODEL + "/drift").json();
            assertEquals("warming-up", d.path("status").asText(), d.toString());
            assertEquals(0, d.path("rows").asInt());
            assertEquals(500, d.path("window").asInt());
            assertEquals("azure machines 1-20", d.path("profileSource").asText());

            TimeAxis axis = TimeAxis.Timestamps.utc();
            long t = axis.parse("2015-11-10 06:00:00");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("asset", "machine-55");
            body.put("readings", TestModels.azureReadings("55", t - 27 * 3_600_000_000L, t));
            body.put("events", TestModels.azureEvents("55", t));
            body.put("attributes", TestModels.azureAttributes("55"));
            body.put("asOf", "2015-11-10 06:00:00");
            assertEquals(200, http.post("/v1/models/" + MODEL + "/score", body).status());
            assertEquals(1, http.get("/v1/models/" + MODEL + "/drift").json().path("recorded").asLong(), "the scored vector");

            assertEquals("no-profile", http.get("/v1/models/" + TestModels.PUMP + "/drift").json().path("status").asText());
            Http.Response unknown = http.get("/v1/models/no-such-model/drift");
            assertEquals(404, unknown.status());
            assertTrue(unknown.contentType().startsWith("application/problem+json"), unknown.contentType());
            assertEquals(401, http.withKey(null).get("/v1/models/" + MODEL + "/drift").status());
        }
    }

    @Test
    void a_stuck_sensor_opens_one_drift_alert_with_gauges_and_it_closes_when_readings_are_back() {
        ServiceMetrics metrics = new ServiceMetrics();
        AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        Clock clock = new Clock() {   // each reading of the clock is a minute later: evaluations are in time order
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.addAndGet(60_000));
            }
        };
        try (ModelCatalog catalog = ModelCatalog.open(registry, List.of(), Predictors.standard(), metrics);
             AlertService alerts = new AlertService(new AlertRule(3, 0.2), Optional.empty(), List.of(), metrics, clock, 1)) {
            DriftMonitor monitor = new DriftMonitor(catalog, metrics, CONFIG, clock);
            monitor.listen(new DriftAlertFeed(alerts, catalog));
            int stdColumn = ex.columns().indexOf("pressure_std_3h");
            List<FleetReplay.Row> normal = heldOut.subList(10_000, 10_500);

            feed(monitor, catalog, normal, -1);
            evaluateTimes(monitor, 3);
            assertEquals(List.of(), open(alerts), "held-out machines as they are: no drift alert");
            String scrape = new String(metrics.scrape(), StandardCharsets.UTF_8);
            assertTrue(scrape.contains("prognos_feature_drift_psi{feature=\"pressure_std_3h\",model=\"azure-24h\"}"), scrape);
            assertTrue(scrape.contains("prognos_model_drift_features{model=\"azure-24h\",status=\"drifted\"} 0.0"), scrape);

            feed(monitor, catalog, normal, stdColumn);    // the pressure sensor stuck: its 3 h spread is 0
            evaluateTimes(monitor, 5);
            List<AlertRecord> opened = open(alerts);
            assertEquals(1, opened.size(), "one alert for the transition, not one per evaluation: " + opened);
            assertEquals(DriftAlertFeed.ASSET_PREFIX + MODEL, opened.get(0).alert().asset());
            assertEquals("pressure_std_3h", opened.get(0).alert().drivers().get(0).feature());
            assertEquals(ex.label("pressure_std_3h"), opened.get(0).alert().drivers().get(0).label(),
                    "named for people, as the report names it");
            assertTrue(!ex.label("pressure_std_3h").equals("pressure_std_3h"), ex.label("pressure_std_3h"));
            scrape = new String(metrics.scrape(), StandardCharsets.UTF_8);
            assertTrue(scrape.contains("prognos_model_drift_features{model=\"azure-24h\",status=\"drifted\"} 1.0"), scrape);

            feed(monitor, catalog, normal, -1);
            evaluateTimes(monitor, 3);
            assertEquals(List.of(), open(alerts), "closed once the inputs are back");
            assertEquals(1, alerts.list(AlertQuery.State.CLOSED, Optional.of(DriftAlertFeed.ASSET_PREFIX + MODEL),
                    Optional.of(MODEL), Optional.empty(), 10).size());
        }
    }

    /** Records {@code rows}; with {@code stuck} ≥ 0, that column is 0 (a frozen sensor's spread). */
    private static void feed(DriftMonitor monitor, ModelCatalog catalog, List<FleetReplay.Row> rows, int stuck) {
        for (FleetReplay.Row r : rows) {
            double[] v = r.values().clone();
            if (stuck >= 0) {
                v[stuck] = 0;
            }
            monitor.record(catalog.peek(MODEL), v);
        }
    }

    private static void evaluateTimes(DriftMonitor monitor, int n) {
        for (int i = 0; i < n; i++) {
            monitor.evaluate();
        }
    }

    private static List<AlertRecord> open(AlertService alerts) {
        return alerts.list(AlertQuery.State.OPEN, Optional.of(DriftAlertFeed.ASSET_PREFIX + MODEL), Optional.of(MODEL),
                Optional.empty(), 10);
    }
}
