package org.prognos.inference.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.AlertsConfig;
import org.prognos.inference.Http;
import org.prognos.inference.TestServers;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.registry.ModelRegistry;

/**
 * The live page's fixture: the service with the Azure anomaly model of {@link TestModels} (fitted on the bundled Azure
 * data's machines 1-14), alerts opening on the first score at or past the threshold, and machines of the bundled
 * data (51-70, unseen by the model) streamed to it as assets, two days of hourly readings per call.
 */
final class LiveFleet {
    static final String MODEL = TestModels.AZURE_ANOMALY;
    static final TimeAxis AXIS = TimeAxis.Timestamps.utc();
    static final long HOUR = TimeAxis.Timestamps.MICROS_PER_HOUR;
    /** Hours of readings sent per asset: two days, so every window of the spec is full at the last one. */
    static final int HOURS = 48;

    private LiveFleet() {
    }

    /** Publishes the model into {@code dir/registry} and starts the service on it. */
    static Server start(Path dir) {
        TestModels.publishAzureAnomaly(new ModelRegistry(dir.resolve("registry")));
        return TestServers.start(dir.resolve("registry"), TestServers.config().withAlerts(new AlertsConfig(1, 0.2, List.of(), 1)));
    }

    /** A machine and time the model scores at or past its threshold: the first such hourly row of an unseen machine. */
    record Hot(String machine, long time) {
    }

    static Hot hot() {
        AnomalyModel model = TestModels.azureAnomaly();
        FeatureTable table = TestModels.azureAnomalyTable();
        double threshold = 1 - TestModels.ANOMALY_FALSE_ALARM_RATE;
        long earliest = AXIS.parse("2015-10-04 00:00:00");
        for (int i = 0; i < table.size(); i++) {
            String machine = table.asset(i).replaceAll("\\D", "");
            if (Integer.parseInt(machine) >= 51 && table.time(i) >= earliest
                    && model.score(new double[][] {table.row(i)}).scores()[0] >= threshold) {
                return new Hot(machine, table.time(i));
            }
        }
        throw new AssertionError("no unseen machine crosses the 1 % threshold");
    }

    /** Streams {@code machine}'s readings of the {@value #HOURS} hours up to {@code until} (inclusive) as {@code asset}, one call. */
    static void stream(Http http, String asset, String machine, long until) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("readings", TestModels.azureReadings(machine, until - (HOURS - 1) * HOUR, until + 1));
        body.put("events", TestModels.azureEvents(machine, until + 1));
        body.put("attributes", TestModels.azureAttributes(machine));
        Http.Response r = http.post("/v1/assets/" + asset + "/readings?model=" + MODEL, body);
        assertEquals(200, r.status(), r.body());
    }
}
