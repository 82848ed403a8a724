package org.prognos.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.prognos.live.alert.WebhookSignature;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.prognos.flink.job.ScoringJob;
import org.prognos.flink.score.ScoreRow;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.flink.job.JobConfig;
import org.prognos.flink.job.JobYaml;
import org.prognos.flink.job.ScoringJobs;
import org.prognos.flink.score.AssetWindow;
import org.prognos.flink.score.ModelSource;
import org.prognos.live.sparkplug.SparkplugEncoder;
import org.prognos.live.testing.Mosquitto;
import org.prognos.models.TestModels;

/**
 * The submitted job (its YAML config, {@link ScoringJobs}) on Flink's MiniCluster against a real Mosquitto: the
 * bundled Azure readings of machines 3 and 5 published as the service's JSON payload and machine 12's as Sparkplug B
 * (NBIRTH, DBIRTH, DDATA) score on the scores topic exactly as the batch path and runtime score the same readings
 * (1e-9); malformed messages before and among them reach the dead-letter topic with their reasons, and stop nothing.
 * Alerts (K = 2) reach the alert topic and a webhook, signed as the service signs its webhooks.
 * A failure injected after a checkpoint (a map that throws once) restarts the job from it: the broker sends again what
 * no completed checkpoint had acknowledged, every row is scored, and each asset's state applies each reading once.
 */
class MqttJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    static final double TOLERANCE = 1e-9;
    static final String SPARKPLUG_MACHINE = "12";

    @TempDir
    static Path dir;
    static Mosquitto mosquitto;
    static ModelSource model;
    static HttpServer webhook;
    /** What the webhook received: headers (lower-case names) and body. */
    static final ConcurrentLinkedQueue<Post> POSTS = new ConcurrentLinkedQueue<>();
    static final String SECRET = "webhook-secret-for-tests";

    record Post(String path, Map<String, String> headers, byte[] body) {
    }

    @BeforeAll
    static void start() throws Exception {
        mosquitto = Mosquitto.start(Files.createDirectories(dir.resolve("broker")));
        model = AzureStream.publish(Files.createDirectories(dir.resolve("registry")));
        Files.writeString(dir.resolve("webhook-secret"), SECRET + "\n");
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            POSTS.add(new Post(exchange.getRequestURI().getPath(), headers, exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterAll
    static void stop() {
        if (mosquitto != null) {
            mosquitto.close();
        }
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    /** The job's YAML, as a user writes it. */
    static JobConfig config(String clientId, String checkpoints) throws Exception {
        return JobYaml.read(dir.resolve(clientId + ".yaml"), """
                model:
                  registry: %s
                  reference: %s
                mqtt:
                  url: %s
                  clientId: %s
                source:
                  type: mqtt
                  subscriptions:
                    - {topic: "devices/{asset}/readings", format: json}
                    - {topic: "spBv1.0/plant/#", format: sparkplug}
                  deadLetterTopic: prognos/dead-letter
                sinks:
                  type: mqtt
                  scoreTopic: "prognos/scores/{asset}"
                  alertTopic: "prognos/%s/alerts/{asset}"
                  webhook: {url: "http://127.0.0.1:%d/hook/%s", secretFile: %s}
                checkpoints:
                  directory: %s
                  interval: 100ms
                alerts: {consecutive: 2, hysteresis: 0.2}
                attributes:
                %s""".formatted(model.registry(), model.reference(), mosquitto.url(), clientId, clientId, webhook.getAddress().getPort(), clientId,
                dir.resolve("webhook-secret"), checkpoints, JobYaml.attributes(AzureStream.attributes())));
    }

    /** The alert changes ({@code id/event}) received on the parity test's alert topic. */
    static Set<String> alertKeys(List<Broker.Message> all) {
        Set<String> out = new HashSet<>();
        for (Broker.Message m : all) {
            if (m.topic().startsWith("prognos/parity/alerts/")) {
                out.add(m.json().get("id").asText() + "/" + m.json().get("event").asText());
            }
        }
        return out;
    }

    /** The alert changes posted to the webhook by the parity job ({@code X-Prognos-Delivery}). */
    static Set<String> webhookKeys() {
        Set<String> out = new HashSet<>();
        POSTS.stream().filter(p -> p.path().equals("/hook/parity")).forEach(p -> out.add(p.headers().get("x-prognos-delivery")));
        return out;
    }

    /** Cancels a running job; one that failed throws its failure. */
    static void stop(JobClient job) throws Exception {
        if (job.getJobStatus().get() == org.apache.flink.api.common.JobStatus.FAILED) {
            job.getJobExecutionResult().get();
        }
        job.cancel().get();
    }

    /** The scores received, by {@code asset@ticks}; a row delivered twice must carry the same risk. */
    static Map<String, Double> scores(List<Broker.Message> messages) {
        TimeAxis axis = TestModels.azureSpec().time().toAxis();
        return Delivered.byKey(messages.stream().map(Broker.Message::json).toList(),
                s -> s.get("asset").asText() + "@" + axis.parse(s.get("time").asText()), s -> s.get("risk").asDouble());
    }

    @Test
    void json_and_sparkplug_readings_score_as_the_batch_path_and_a_bad_message_is_dead_lettered() throws Exception {
        List<AssetWindow> windows = AzureStream.messages(TestModels.azureSpec().time().toAxis().parse("2015-10-09 00:00:00"));
        Map<String, Double> expected = AzureStream.batchRisks(model, windows.get(windows.size() - 1).sampleMillis()[0] * 1000);
        JobConfig config = config("parity", dir.resolve("checkpoints-parity").toUri().toString());

        try (Broker test = new Broker(mosquitto.url())) {
            test.subscribe("prognos/scores/#");
            test.subscribe("prognos/dead-letter/#");
            test.subscribe("prognos/parity/alerts/#");
            StreamExecutionEnvironment env = ScoringJobs.environment(config);
            env.setParallelism(2);
            ScoringJobs.build(env, config);
            JobClient job = env.executeAsync("mqtt parity");
            try {
                // an edge case first, which also tells that the job's subscriber is there: a device sends half a document
                // (sent again each second until its dead letter comes: what is sent before the job subscribed is lost)
                for (int tries = 0; tries < 60 && test.received(t -> t.startsWith("prognos/dead-letter/")).isEmpty(); tries++) {
                    test.publish("devices/5/readings", "{\"readings\": [{\"time\": ".getBytes(StandardCharsets.UTF_8));
                    test.await(all -> all.stream().anyMatch(m -> m.topic().startsWith("prognos/dead-letter/")), 1);
                }
                SparkplugEncoder node = new SparkplugEncoder("plant", "gateway-1", 0);
                test.publish(node.nodeBirth(windows.get(0).sampleMillis()[0], Map.of()));
                Set<String> born = new HashSet<>();
                for (int i = 0; i < windows.size(); i++) {
                    AssetWindow w = windows.get(i);
                    if (w.asset().equals(SPARKPLUG_MACHINE)) {
                        test.publish(born.add(w.asset())
                                ? node.deviceBirth(w.asset(), w.sampleMillis()[0], Broker.values(w, 0), Broker.events(w))
                                : node.deviceData(w.asset(), Broker.samples(w), Broker.events(w)));
                    } else {
                        test.publish("devices/" + w.asset() + "/readings", Broker.json(w));
                    }
                    if (i == windows.size() / 2) {   // and one mid-stream: a key the payload does not define
                        test.publish("devices/3/readings", "{\"readings\": [], \"valeus\": {}}".getBytes(StandardCharsets.UTF_8));
                    }
                }
                test.await(all -> scores(all.stream().filter(m -> m.topic().startsWith("prognos/scores/")).toList()).size()
                        >= expected.size(), 60);
                assertEquals(org.apache.flink.api.common.JobStatus.RUNNING, job.getJobStatus().get(), "the job runs on");
                test.await(all -> !alertKeys(all).isEmpty() && alertKeys(all).equals(webhookKeys()), 20);
            } finally {
                stop(job);
            }

            Map<String, Double> scored = scores(test.received(t -> t.startsWith("prognos/scores/")));
            assertTrue(expected.size() > 100, "rows to compare: " + expected.size());
            assertEquals(expected.keySet(), scored.keySet(), "rows scored by the job over MQTT and by the batch path");
            expected.forEach((key, risk) -> assertEquals(risk, scored.get(key), TOLERANCE, key));
            assertTrue(scored.keySet().stream().anyMatch(k -> k.startsWith(SPARKPLUG_MACHINE + "@")), "Sparkplug rows scored");

            // alerts, at least once: the same changes on the alert topic and at the webhook, each post signed as the
            // service signs its webhooks
            Set<String> alerts = alertKeys(test.received(t -> true));
            assertTrue(alerts.stream().anyMatch(k -> k.endsWith("/opened")), "alerts opened: " + alerts);
            assertEquals(alerts, webhookKeys(), "alert changes on MQTT and at the webhook");
            WebhookSignature signer = new WebhookSignature(SECRET.getBytes(StandardCharsets.UTF_8));
            for (Post p : POSTS) {
                assertEquals(signer.sign(p.headers().get("x-prognos-timestamp"), p.body()), p.headers().get("x-prognos-signature"));
                JsonNode body = Broker.JSON.readTree(p.body());
                assertEquals(body.get("id").asText(), p.headers().get("x-prognos-alert-id"));
            }
            List<Broker.Message> letters = test.received(t -> t.startsWith("prognos/dead-letter/"));
            List<String> topics = letters.stream().map(Broker.Message::topic).toList();
            assertEquals("prognos/dead-letter/malformed_payload", topics.get(0), "dead letters: " + topics);
            assertEquals(List.of("prognos/dead-letter/unknown_field"), topics.stream().filter(t -> !t.equals(topics.get(0))).toList(),
                    "dead letters: " + topics);
            JsonNode malformed = letters.get(0).json();
            assertEquals("malformed_payload", malformed.get("reason").asText());
            assertEquals("devices/5/readings", malformed.get("topic").asText());
            assertEquals("5", malformed.get("asset").asText());
            assertTrue(malformed.get("detail").asText().startsWith("not JSON"), malformed.toString());
            assertEquals("{\"readings\": [{\"time\": ", malformed.get("payload").asText());
            JsonNode unknown = letters.get(topics.indexOf("prognos/dead-letter/unknown_field")).json();
            assertEquals("3", unknown.get("asset").asText());
            assertTrue(unknown.get("detail").asText().contains("unknown key 'valeus'"), unknown.toString());
        }
    }

    /** After this many messages and 20 more (and two completed checkpoints) the map throws, once. */
    static final int FAIL_AFTER = 200;
    static final AtomicInteger FAILURES = new AtomicInteger();
    static final AtomicInteger CHECKPOINTS = new AtomicInteger();

    @Test
    void a_failure_after_a_checkpoint_loses_no_reading_and_applies_none_twice(@TempDir Path out) throws Exception {
        List<AssetWindow> windows = AzureStream.messages(TestModels.azureSpec().time().toAxis().parse("2015-10-09 00:00:00"));
        Map<String, Double> expected = AzureStream.batchRisks(model, windows.get(windows.size() - 1).sampleMillis()[0] * 1000);
        JobConfig config = config("failover", out.resolve("checkpoints").toUri().toString());

        try (Broker test = new Broker(mosquitto.url())) {
            test.subscribe("prognos/scores/#");
            test.subscribe("prognos/dead-letter/#");
            Configuration conf = ScoringJob.checkpointing(config.checkpoints().directory(), config.checkpoints().duration());
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            DataStream<AssetWindow> windowsIn = ScoringJobs.windows(env, config).map(new FailOnce()).setParallelism(1);
            ScoringJob.Outputs job = ScoringJobs.scoreAndDeliver(windowsIn, config);
            job.scores().sinkTo(new FileSink<>(out.resolve("scores").toString()));
            JobClient client = env.executeAsync("mqtt failover");
            try {
                for (int tries = 0; tries < 60 && test.received(t -> t.startsWith("prognos/dead-letter/")).isEmpty(); tries++) {
                    test.publish("devices/probe/readings", new byte[0]);    // dead-lettered once the job subscribed
                    test.await(all -> all.stream().anyMatch(m -> m.topic().startsWith("prognos/dead-letter/")), 1);
                }
                // the first FAIL_AFTER messages, then, once two checkpoints completed, the rest: the failure comes
                // after a checkpoint, among messages emitted that no checkpoint covers yet
                for (AssetWindow w : windows.subList(0, FAIL_AFTER)) {
                    test.publish("devices/" + w.asset() + "/readings", Broker.json(w));
                }
                test.await(all -> CHECKPOINTS.get() >= 2, 30);
                for (AssetWindow w : windows.subList(FAIL_AFTER, windows.size())) {
                    test.publish("devices/" + w.asset() + "/readings", Broker.json(w));
                }
                test.await(all -> FAILURES.get() == 1 && scores(all.stream().filter(m -> m.topic().startsWith("prognos/scores/"))
                        .toList()).size() >= expected.size(), 60);
            } finally {
                stop(client);
            }

            assertEquals(1, FAILURES.get(), "the injected failure happened once");
            Map<String, Double> scored = scores(test.received(t -> t.startsWith("prognos/scores/")));
            assertEquals(expected.keySet(), scored.keySet(), "every row scored: no reading lost");
            expected.forEach((key, risk) -> assertEquals(risk, scored.get(key), TOLERANCE, key));

            // each row carries the count of readings its asset's state had applied: the same in every copy of the
            // row, and off by one constant from the count of the asset's messages up to the row's time (a reading lost
            // or applied twice would shift the rows after it)
            List<ScoreRow> rows = FileSink.written(out.resolve("scores"));
            Map<String, Long> readings = Delivered.byKey(rows, r -> r.asset() + "@" + r.time(), ScoreRow::readings);
            Set<Long> offsets = new HashSet<>();
            for (ScoreRow r : rows) {
                long sentUpTo = windows.stream().filter(w -> w.asset().equals(r.asset()) && w.sampleMillis()[0] * 1000 <= r.time())
                        .count();
                offsets.add(r.readings() - sentUpTo);
            }
            assertEquals(expected.size(), readings.size(), "rows written");
            assertEquals(1, offsets.size(), "readings applied against messages sent, row by row: " + offsets);
        }
    }

    /** Passes messages through, and throws once: after {@link #FAIL_AFTER} + 20, once two checkpoints completed. */
    static final class FailOnce implements MapFunction<AssetWindow, AssetWindow>, CheckpointListener {
        private int seen;

        @Override
        public AssetWindow map(AssetWindow w) {
            if (++seen > FAIL_AFTER + 20 && CHECKPOINTS.get() >= 2 && FAILURES.compareAndSet(0, 1)) {
                throw new IllegalStateException("injected failure after " + seen + " messages");
            }
            return w;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTS.incrementAndGet();
        }
    }
}
