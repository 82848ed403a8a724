package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.InMemoryTelemetry;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.HealthIndex;
import org.prognos.models.predict.Predictions;
import org.prognos.models.runtime.BandScale;

/**
 * An anomaly bundle (the Azure knn fixture of {@link TestModels}: fitted without labels on machines 1-14, calibrated
 * on 15-20) through the live service: streamed per-asset state answers what the batch path computes on the same
 * readings, to 1e-9; the score endpoints answer the {@code anomaly} part as openapi.json describes it; and a machine
 * whose score crosses the model's threshold opens an alert with an anomaly outlook. Machines 51-70 were never seen
 * by the model.
 */
class AnomalyServiceTest {
    static final double TOLERANCE = 1e-9;
    static final long HOUR = 3_600_000_000L;
    static final TimeAxis AXIS = TimeAxis.Timestamps.utc();
    static final String MODEL = TestModels.AZURE_ANOMALY;

    @TempDir
    static Path dir;
    static Server server;
    static Http http;
    static AnomalyModel model;

    @BeforeAll
    static void start() {
        TestModels.publishAzureAnomaly(new org.prognos.models.registry.ModelRegistry(dir.resolve("registry")));
        model = TestModels.azureAnomaly();
        server = TestServers.start(dir.resolve("registry"), TestServers.config().withAlerts(
                new AlertsConfig(3, 0.2, List.of(), 1)));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Batch rows (training path) of {@code machine} over readings in [from, to], with its events and attributes. */
    static Map<Long, double[]> batchRows(String machine, long from, long to) throws IOException {
        InMemoryTelemetry tel = new InMemoryTelemetry("batch", AXIS, TestModels.azureData().telemetry().channels());
        TestModels.azureData().telemetry().forEach((a, t, v) -> {
            if (a.equals(machine) && t >= from && t <= to) {
                tel.add(machine, t, v.clone());
            }
        });
        Dataset data = new Dataset(tel, new EventLog(TestModels.azureData().events().of(machine)),
                new AssetAttributes(Map.of(machine, TestModels.azureAttributes(machine))));
        Map<Long, double[]> rows = new HashMap<>();
        new BatchExtractor(new FeatureExtractor(TestModels.azureAnomalySpec())).run(data, (a, t, v) -> rows.put(t, v.clone()));
        return rows;
    }

    /**
     * Property: for seeded random chunkings of 8 days of readings (1 to 30 readings a call, events sent with the
     * chunk that reaches their time), every streamed answer equals the batch path's row scored by the same model (the
     * fixture's spec emits after every reading, so the live "now" after the last reading is a batch row's time).
     */
    @Test
    void streamed_anomaly_answers_equal_the_batch_path_for_any_chunking() throws IOException {
        String[] machines = {"51", "58", "63", "70"};
        SplittableRandom rng = new SplittableRandom(2024);
        int compared = 0;
        for (String machine : machines) {
            long from = AXIS.parse("2015-10-02 06:00:00") + rng.nextInt(80) * 24 * HOUR;   // the bundled data: Oct-Dec 2015
            long to = from + 8 * 24 * HOUR;
            String asset = "stream-" + machine;
            List<Map<String, Object>> readings = TestModels.azureReadings(machine, from, to + 1);
            List<Map<String, Object>> events = TestModels.azureEvents(machine, to + 1);
            Map<Long, double[]> batch = batchRows(machine, from, to);
            int sentEvents = 0;
            for (int i = 0; i < readings.size(); ) {
                int n = Math.min(readings.size() - i, 1 + rng.nextInt(30));
                List<Map<String, Object>> chunk = readings.subList(i, i + n);
                long last = AXIS.parse((String) chunk.get(n - 1).get("time"));
                List<Map<String, Object>> due = new ArrayList<>();
                while (sentEvents < events.size() && AXIS.parse((String) events.get(sentEvents).get("time")) <= last) {
                    due.add(events.get(sentEvents++));
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("readings", chunk);
                body.put("events", due);
                body.put("attributes", TestModels.azureAttributes(machine));
                Http.Response r = http.post("/v1/assets/" + asset + "/readings?model=" + MODEL, body);
                assertEquals(200, r.status(), r.body());
                i += n;
                Http.Response live = http.get("/v1/assets/" + asset + "/score");
                JsonNode s = live.json();
                assertEquals(200, live.status(), live.body());
                if (!s.at("/warnings").isEmpty()) {
                    assertTrue(s.at("/warnings").toString().contains("partial windows"), s.toString());
                    continue;      // the first day: windows not full yet, and the batch path emits no row there
                }
                long at = AXIS.parse(s.at("/scoredAt").asText());
                double[] row = batch.get(at);
                assertNotNull(row, machine + ": the batch path emits a row at " + s.at("/scoredAt").asText());
                Predictions.Anomalies b = model.score(new double[][] {row});
                String where = machine + " at " + s.at("/scoredAt").asText();
                assertEquals(b.scores()[0], s.at("/anomaly/score").asDouble(), TOLERANCE, where);
                assertEquals(b.raw()[0], s.at("/anomaly/rawScore").asDouble(), TOLERANCE, where);
                assertEquals(b.scores()[0], s.at("/risk/score").asDouble(), TOLERANCE, where);
                assertEquals(HealthIndex.of(b.scores()[0], TestModels.ANOMALY_FALSE_ALARM_RATE), s.at("/healthIndex").asDouble(), TOLERANCE, where);
                assertEquals(new BandScale.FalseAlarm(TestModels.ANOMALY_FALSE_ALARM_RATE).band(b.scores()[0]).label(),
                        s.at("/risk/band").asText(), where);
                compared++;
            }
            assertAtRiskRowAgreesWithTheAnswer(asset);
        }
        assertTrue(compared >= 40, "compared " + compared + " streamed answers");
    }

    /** The fleet ranking shows an asset's risk, band and health index as its own answer gives them. */
    private static void assertAtRiskRowAgreesWithTheAnswer(String asset) throws IOException {
        JsonNode answer = http.get("/v1/assets/" + asset + "/score").json();
        Http.Response ranking = http.get("/v1/fleet/at-risk?limit=1000");
        assertEquals(200, ranking.status(), ranking.body());
        JsonNode row = null;
        for (JsonNode a : ranking.json().at("/assets")) {
            if (a.at("/asset").asText().equals(asset)) {
                row = a;
            }
        }
        assertNotNull(row, asset + " in " + ranking.body());
        assertEquals(answer.at("/risk/score").asDouble(), row.at("/risk").asDouble(), TOLERANCE, asset);
        assertEquals(answer.at("/risk/band").asText(), row.at("/band").asText(), asset);
        assertEquals(answer.at("/healthIndex").asDouble(), row.at("/healthIndex").asDouble(), TOLERANCE, asset);
    }

    @Test
    void score_and_batch_score_answer_the_anomaly_part_as_openapi_describes_it() throws IOException {
        Map<String, Object> one = ScoreEndpointTest.azureRequest("66", "2015-11-10 09:00:00");
        Http.Response r = http.post("/v1/models/" + MODEL + "/score", one);
        assertEquals(200, r.status(), r.body());
        JsonNode s = r.json();
        JsonNode a = s.at("/anomaly");
        assertTrue(s.at("/failure").isMissingNode() && s.at("/remainingUsefulLife").isMissingNode(), s.toString());
        double score = a.at("/score").asDouble();
        assertEquals(score, s.at("/risk/score").asDouble(), TOLERANCE);
        assertEquals(1 - TestModels.ANOMALY_FALSE_ALARM_RATE, s.at("/risk/threshold").asDouble(), TOLERANCE);
        assertEquals(TestModels.ANOMALY_FALSE_ALARM_RATE, a.at("/falseAlarmRate").asDouble(), TOLERANCE);
        assertEquals(model.calibration().threshold(), a.at("/threshold").asDouble(), TOLERANCE);
        assertEquals(a.at("/rawScore").asDouble() >= a.at("/threshold").asDouble(), a.at("/alarm").asBoolean());
        assertEquals(a.at("/alarm").asBoolean(), s.at("/risk/alarm").asBoolean());
        assertFalse(a.at("/sensors").isEmpty(), a.toString());
        double shares = 0;
        for (JsonNode sensor : a.at("/sensors")) {
            assertEquals(sensor.at("/contribution").asDouble() / a.at("/rawScore").asDouble(), sensor.at("/share").asDouble(), 1e-6);
            shares += sensor.at("/share").asDouble();
        }
        assertTrue(shares <= 1 + 1e-9, "top sensors' shares of the raw score sum to at most 1: " + shares);
        conformsToOpenApi(s);

        Map<String, Object> two = ScoreEndpointTest.azureRequest("52", "2015-12-01 12:00:00");
        Http.Response batch = http.post("/v1/models/" + MODEL + "/score-batch", Map.of("assets", List.of(one, two)));
        assertEquals(200, batch.status(), batch.body());
        JsonNode scores = batch.json().at("/scores");
        assertEquals(2, scores.size());
        assertEquals(a, scores.get(0).at("/anomaly"), "batch and single scoring answer the same anomaly part");
        assertEquals("machine-52", scores.get(1).at("/asset").asText());
        conformsToOpenApi(scores.get(1));
    }

    /** Every field of the anomaly part is a documented property, and every required property is there. */
    static void conformsToOpenApi(JsonNode answer) throws IOException {
        JsonNode doc;
        try (InputStream in = AnomalyServiceTest.class.getResourceAsStream("/org/prognos/inference/openapi.json")) {
            doc = new ObjectMapper().readTree(in);
        }
        JsonNode schema = doc.at("/components/schemas/AnomalyOutlook");
        JsonNode anomaly = answer.at("/anomaly");
        anomaly.fieldNames().forEachRemaining(f -> assertFalse(schema.at("/properties/" + f).isMissingNode(), "undocumented field " + f));
        schema.at("/required").forEach(f -> assertFalse(anomaly.path(f.asText()).isMissingNode(), "missing required " + f));
        JsonNode sensor = schema.at("/properties/sensors/items");
        for (JsonNode s : anomaly.at("/sensors")) {
            s.fieldNames().forEachRemaining(f -> assertFalse(sensor.at("/properties/" + f).isMissingNode(), "undocumented sensor field " + f));
            sensor.at("/required").forEach(f -> assertFalse(s.path(f.asText()).isMissingNode(), "missing sensor field " + f));
        }
        assertFalse(doc.at("/components/schemas/ScoreResponse/properties/anomaly").isMissingNode());
    }

    /**
     * Found on the batch path: the first run of three hourly rows at or past the threshold on an unseen machine;
     * streaming that machine's readings one at a time up to the run's end opens an alert for the anomaly model.
     */
    @Test
    void an_anomaly_crossing_its_threshold_three_times_opens_an_alert() throws IOException {
        FeatureTable table = TestModels.azureAnomalyTable();
        double threshold = 1 - TestModels.ANOMALY_FALSE_ALARM_RATE;
        String machine = null;
        long runEnd = 0;
        int run = 0;
        String previous = "";
        for (int i = 0; i < table.size() && machine == null; i++) {
            String asset = table.asset(i);
            int k = Integer.parseInt(asset.replaceAll("\\D", ""));
            if (k < 51) {
                continue;
            }
            run = asset.equals(previous) ? run : 0;
            previous = asset;
            double s = model.score(new double[][] {table.row(i)}).scores()[0];
            run = s >= threshold ? run + 1 : 0;
            if (run == 3) {
                machine = asset.replaceAll("\\D", "");
                runEnd = table.time(i);
            }
        }
        assertNotNull(machine, "some unseen machine crosses the 1 % threshold three rows in a row");
        String asset = "alert-" + machine;
        // one call per reading (the service scores an asset once per call), as a device that sends every hour
        List<Map<String, Object>> events = TestModels.azureEvents(machine, runEnd + 1);
        long first = runEnd - 30 * HOUR;
        for (long end = first; end <= runEnd; end += HOUR) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("readings", TestModels.azureReadings(machine, end == first ? end - 30 * HOUR : end, end + 1));
            long until = end;
            long since = end == first ? Long.MIN_VALUE : end - HOUR;
            body.put("events", events.stream().filter(e -> {
                long t = AXIS.parse((String) e.get("time"));
                return t > since && t <= until;
            }).toList());
            body.put("attributes", TestModels.azureAttributes(machine));
            Http.Response r = http.post("/v1/assets/" + asset + "/readings?model=" + MODEL, body);
            assertEquals(200, r.status(), r.body());
        }
        JsonNode alerts = http.get("/v1/alerts?asset=" + asset).json();
        assertEquals(1, alerts.at("/count").asInt(), alerts.toString());
        JsonNode alert = alerts.at("/alerts/0");
        assertEquals(MODEL, alert.at("/model/name").asText(), alert.toString());
        assertEquals(threshold, alert.at("/threshold").asDouble(), TOLERANCE, alert.toString());
        assertTrue(alert.at("/anomaly/score").asDouble() >= threshold, alert.toString());
        assertFalse(alert.at("/drivers").isEmpty(), "the alert names what is off: " + alert);
    }
}
