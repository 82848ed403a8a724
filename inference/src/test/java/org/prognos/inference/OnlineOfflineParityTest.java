package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.InMemoryTelemetry;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.predict.Prediction;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;

/**
 * Same numbers online and offline: the service's score over HTTP equals the offline prediction of the same bundle
 * on the same data, where the offline feature vector comes from BatchExtractor (the training path) over the same
 * readings and events and the prediction from Predictors.
 */
class OnlineOfflineParityTest {
    static final double TOLERANCE = 1e-9;
    static final long HOUR = 3_600_000_000L;

    @TempDir
    static Path dir;
    static Server server;
    static Http http;
    static ModelRegistry registry;

    @BeforeAll
    static void start() {
        registry = new ModelRegistry(dir.resolve("registry"));
        TestModels.publishAzure(registry);
        server = TestServers.start(dir.resolve("registry"));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @CsvSource({"51, 2015-11-02 06:00:00", "57, 2015-12-15 21:00:00", "64, 2015-10-20 12:00:00", "70, 2015-12-30 03:00:00"})
    void http_score_equals_offline_batch_prediction(String machine, String at) throws IOException {
        TimeAxis axis = TestModels.azureSpec().time().toAxis();
        long t = axis.parse(at);
        Map<String, Object> body = ScoreEndpointTest.azureRequest(machine, at);
        JsonNode online = http.post("/v1/models/azure-24h/score?explain=false", body).json();

        // offline: the training path (BatchExtractor) on the same readings, plus the reading at T that emits T's row
        InMemoryTelemetry tel = new InMemoryTelemetry("parity", axis, TestModels.azureData().telemetry().channels());
        TestModels.azureData().telemetry().forEach((a, time, v) -> {
            if (a.equals(machine) && time >= t - 27 * HOUR && time <= t) {
                tel.add(machine, time, v.clone());
            }
        });
        Dataset data = new Dataset(tel, new EventLog(TestModels.azureData().events().of(machine)),
                new AssetAttributes(Map.of(machine, TestModels.azureAttributes(machine))));
        LoadedBundle bundle = registry.load("azure-24h@production");
        FeatureExtractor ex = new FeatureExtractor(bundle.spec());
        double[][] row = {null};
        new BatchExtractor(ex).run(data, (a, time, v) -> {
            if (time == t) {
                row[0] = v.clone();
            }
        });
        assertNotNull(row[0], "the batch path emits a row at " + at);
        try (Predictor p = Predictors.standard().create(bundle)) {
            Prediction.Probabilities offline = (Prediction.Probabilities) p.predict(row[0]);
            List<String> classes = offline.classes();
            double[] probs = offline.probabilities();
            assertEquals(1 - probs[0], online.at("/failure/any").asDouble(), TOLERANCE);
            for (int c = 1; c < classes.size(); c++) {
                assertEquals(probs[c], online.at("/failure/byComponent/" + classes.get(c)).asDouble(), TOLERANCE, classes.get(c));
            }
        }
    }
}
