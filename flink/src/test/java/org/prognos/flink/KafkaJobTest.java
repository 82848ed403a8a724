package org.prognos.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.flink.job.JobConfig;
import org.prognos.flink.job.JobYaml;
import org.prognos.flink.job.ScoringJob;
import org.prognos.flink.job.ScoringJobs;
import org.prognos.flink.kafka.KafkaConfig;
import org.prognos.flink.kafka.KafkaScoring;
import org.prognos.flink.score.AlertEvent;
import org.prognos.flink.score.AssetWindow;
import org.prognos.flink.score.ModelSource;
import org.prognos.flink.score.ScoreRow;
import org.prognos.live.device.DeadLetter;
import org.prognos.live.device.InvalidDeviceMessageException;
import org.prognos.models.TestModels;

/**
 * The submitted job on Kafka (its YAML config with {@code source.type: kafka} and {@code sinks.type: kafka}, built by
 * {@link ScoringJobs} as {@code Main} builds it): a real broker ({@link KafkaBroker}, Kafka 4.2 in KRaft mode in its own JVM) and Flink's
 * MiniCluster (2 slots). The bundled Azure readings of three machines go to a readings topic of 3 partitions, keyed by
 * asset, each as the service's JSON readings payload; with them a message sent again (an edge case made up from a real
 * message) and two records that cannot be read (made up). The scores on the output topic equal the batch path's to
 * 1e-9; the bad records and the message sent again land on the dead-letter topic with their reasons, as the service's
 * dead-letter document with the records' Kafka coordinates. A failure
 * injected mid-stream after checkpoints restores with no reading lost or applied twice, and alerts delivered at least
 * once with the same ids.
 */
class KafkaJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final double TOLERANCE = 1e-9;
    static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(120);
    static final int PARTITIONS = 3;
    /** The failure comes on this window after two completed checkpoints: mid-stream, with output to write again. */
    static final int FAIL_AFTER = 100;
    static final AtomicInteger FAILURES = new AtomicInteger();
    static final AtomicInteger CHECKPOINTS = new AtomicInteger();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static KafkaBroker broker;
    static ModelSource model;
    static TimeAxis axis;
    static List<AssetWindow> windows;
    static List<ProducerRecord<String, byte[]>> input;
    static byte[] truncated;
    static Outputs calm;
    static boolean calmTried;

    /** What the job wrote to its three topics, Kafka record keys beside the values. */
    record Outputs(List<Keyed<ScoreRow>> scores, List<Keyed<AlertEvent>> alerts, List<Keyed<DeadLetter>> deadLetters) {
    }

    /** An output record: its Kafka key and its value read back. */
    record Keyed<T>(String key, T value) {
    }

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start(java.nio.file.Files.createDirectories(tmp.resolve("kafka")));
        model = AzureStream.publish(java.nio.file.Files.createDirectories(tmp.resolve("registry")));
        axis = TestModels.azureSpec().time().toAxis();
        windows = AzureStream.messages(axis.parse("2015-10-09 00:00:00"));
        input = new ArrayList<>();
        for (AssetWindow w : windows) {
            input.add(new ProducerRecord<>("", w.asset(), payload(w)));
        }
        // made-up edge cases among the real messages: machine 3's message 100 sent again 20 messages later; a payload
        // cut short in transit; a reading with a time no axis reads
        AssetWindow resent = windows.get(100);
        input.add(120, new ProducerRecord<>("", resent.asset(), payload(resent)));
        byte[] whole = payload(windows.get(150));
        truncated = Arrays.copyOf(whole, whole.length / 2);
        input.add(150, new ProducerRecord<>("", windows.get(150).asset(), truncated));
        input.add(160, new ProducerRecord<>("", "12",
                "{\"time\": \"yesterday\", \"values\": {\"volt\": 170.5}}".getBytes(StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void scoresOnTheOutputTopicEqualTheBatchPathAndBadRecordsAreDeadLettered() throws Exception {
        Outputs out = calm();
        long lastReading = windows.get(windows.size() - 1).sampleMillis()[0] * 1000;
        Map<String, Double> expected = AzureStream.batchRisks(model, lastReading);
        assertTrue(expected.size() > 100, "rows to compare: " + expected.size());
        Map<String, ScoreRow> rows = new HashMap<>();
        for (Keyed<ScoreRow> s : out.scores()) {
            assertEquals(s.value().asset(), s.key(), "a score is keyed by its asset");
            assertNull(rows.put(s.value().asset() + "@" + s.value().time(), s.value()), "each row scored once");
        }
        assertEquals(expected.keySet(), rows.keySet(), "rows on the scores topic and rows of the batch path");
        rows.forEach((k, s) -> assertEquals(expected.get(k), s.risk(), TOLERANCE, s.asset() + " at " + s.timeText()));

        Map<String, DeadLetter> letters = out.deadLetters().stream()
                .collect(Collectors.toMap(d -> d.value().reason(), Keyed::value));
        assertEquals(Set.of("malformed_payload", "invalid_payload", InvalidDeviceMessageException.OUT_OF_ORDER), letters.keySet(),
                "dead letters: " + out.deadLetters());
        assertEquals(3, out.deadLetters().size(), "one dead letter each: " + out.deadLetters());
        DeadLetter cut = letters.get("malformed_payload");
        assertEquals("calm.readings", cut.topic());
        assertTrue(cut.offset() >= 0 && cut.partition() >= 0, cut.toString());
        assertEquals(windows.get(150).asset(), cut.key());
        assertEquals(cut.key(), cut.asset());
        assertArrayEquals(truncated, cut.payloadBytes(), "the bytes as sent, to inspect and send again");
        assertTrue(letters.get("invalid_payload").detail().startsWith("at 'time': expected a timestamp"),
                letters.get("invalid_payload").detail());
        assertEquals(windows.get(100).asset(), letters.get(InvalidDeviceMessageException.OUT_OF_ORDER).key());

        assertFalse(out.alerts().isEmpty(), "the machines' risks before their failures open alerts");
        out.alerts().forEach(a -> assertEquals(a.value().deliveryKey(), a.key(), "an alert is keyed by its delivery key"));
    }

    @Test
    void aFailureAfterACheckpointRestoresWithNoReadingLostOrAppliedTwice() throws Exception {
        Outputs expected = calm();
        JobConfig config = config("failing");
        KafkaConfig kafka = config.kafkaConfig();
        broker.createTopics(PARTITIONS, kafka.readingsTopic(), kafka.scoresTopic(), kafka.alertsTopic(), kafka.deadLetterTopic());
        int third = input.size() / 3;
        produce(kafka.readingsTopic(), input.subList(0, third));

        Configuration conf = ScoringJob.checkpointing(config.checkpoints().directory(), config.checkpoints().duration());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        // the configured job's graph (ScoringJobs.build), with a map that throws once between the source and the keyed state
        DataStream<AssetWindow> in = ScoringJobs.windows(env, config).map(new FailOnce()).setParallelism(1);
        ScoringJobs.scoreAndDeliver(in, config);
        JobClient job = env.executeAsync("failing");
        try {
            awaitCheckpoints(2, job);
            // the rest only now, so the failure (on the FAIL_AFTER-th message once two checkpoints completed) comes
            // after checkpoints and mid-stream, whatever the machine's speed
            produce(kafka.readingsTopic(), input.subList(third, input.size()));
            awaitKeys(job, kafka.scoresTopic(), expected.scores().stream().map(s -> rowKey(s.value())).collect(Collectors.toSet()),
                    s -> rowKey(read(s, ScoreRow.class)));
            awaitKeys(job, kafka.alertsTopic(), expected.alerts().stream().map(Keyed::key).collect(Collectors.toSet()),
                    ConsumerRecord::key);
            awaitKeys(job, kafka.deadLetterTopic(), letters(expected), r -> letter(read(r, DeadLetter.class)));
        } finally {
            job.cancel().get();
        }
        Outputs delivered = outputs(kafka);

        assertEquals(1, FAILURES.get(), "the injected failure happened once");
        assertEquals(byKey(expected.scores(), s -> rowKey(s.value())), byKey(delivered.scores(), s -> rowKey(s.value())),
                "rows, risks and the readings each asset's state had applied, with their Kafka keys");
        assertEquals(byKey(expected.alerts(), Keyed::key), byKey(delivered.alerts(), Keyed::key),
                "every alert delivered, same ids");
        assertEquals(letters(expected), letters(delivered), "the same dead letters: nothing applied twice is out of order");
    }

    /** The job without failure, bounded to what the readings topic holds when it starts; run once for both tests. */
    static synchronized Outputs calm() throws Exception {
        if (calm == null) {
            JobConfig config = config("calm");
            KafkaConfig kafka = config.kafkaConfig();
            assertFalse(calmTried, "the run without failure failed before; see the first test that ran it");
            calmTried = true;
            broker.createTopics(PARTITIONS, kafka.readingsTopic(), kafka.scoresTopic(), kafka.alertsTopic(), kafka.deadLetterTopic());
            produce(kafka.readingsTopic(), input);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            // the configured job, its source bounded to what the topic holds now so that the run ends
            ScoringJobs.scoreAndDeliver(ScoringJobs.kafkaWindows(env, config,
                    KafkaScoring.source(kafka).setBounded(OffsetsInitializer.latest()).build()), config);
            env.execute("calm");
            calm = outputs(kafka);
        }
        return calm;
    }

    /**
     * The job's YAML, as a user writes it: topics named after {@code prefix}, JSON readings, checkpoints every 200 ms,
     * K = 2 (the machines' risks before their failures cross the threshold two scores in a row, so alerts open).
     */
    private static JobConfig config(String prefix) throws IOException {
        return JobYaml.read(tmp.resolve(prefix + ".yaml"), """
                model:
                  registry: %s
                  reference: %s
                kafka:
                  bootstrapServers: %s
                  groupId: %s-scoring
                source:
                  type: kafka
                  topic: %s.readings
                  format: json
                  deadLetterTopic: %s.dead
                  parallelism: 2
                sinks:
                  type: kafka
                  scoreTopic: %s.scores
                  alertTopic: %s.alerts
                checkpoints:
                  directory: %s
                  interval: 200ms
                alerts: {consecutive: 2, hysteresis: 0.2}
                attributes:
                %s""".formatted(model.registry(), model.reference(), broker.bootstrap(), prefix, prefix, prefix, prefix, prefix,
                tmp.resolve(prefix + "-checkpoints").toUri(), JobYaml.attributes(AzureStream.attributes())));
    }

    /** The service's JSON readings payload of {@code w}: its one reading, null for a missing value, and its events. */
    private static byte[] payload(AssetWindow w) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("time", axis.format(w.sampleMillis()[0] * 1000));
        Map<String, Double> values = new LinkedHashMap<>();
        for (int c = 0; c < w.channels().length; c++) {
            double v = w.values()[c];
            values.put(w.channels()[c], Double.isNaN(v) ? null : v);
        }
        body.put("values", values);
        List<Map<String, String>> events = new ArrayList<>();
        for (int i = 0; i < w.eventMillis().length; i++) {
            events.add(Map.of("kind", w.eventKinds()[i], "code", w.eventCodes()[i], "time", axis.format(w.eventMillis()[i] * 1000)));
        }
        if (!events.isEmpty()) {
            body.put("events", events);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void produce(String topic, List<ProducerRecord<String, byte[]>> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> r : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, r.key(), r.value())));
            }
            producer.flush();
            for (var f : sent) {
                f.get();   // a record the broker did not take fails the test here, not as a reading missing later
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError("writing the readings to " + topic + " failed", e);
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        c.assign(parts);
        c.seekToBeginning(parts);
        return c;
    }

    /** Every record of {@code topic} up to its end now. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = consumer(topic)) {
            Map<TopicPartition, Long> end = c.endOffsets(c.assignment());
            while (end.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
                c.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    /** Reads {@code topic} until it holds every key of {@code expected} (as {@code key} names records). */
    private static void awaitKeys(JobClient job, String topic, Set<String> expected,
                                  Function<ConsumerRecord<String, byte[]>, String> key) throws Exception {
        Set<String> seen = new java.util.HashSet<>();
        long deadline = System.nanoTime() + OUTPUT_TIMEOUT.toNanos();
        try (KafkaConsumer<String, byte[]> c = consumer(topic)) {
            while (!seen.containsAll(expected)) {
                requireRunning(job);
                if (System.nanoTime() > deadline) {
                    fail(topic + ": " + expected.stream().filter(k -> !seen.contains(k)).sorted().toList()
                            + " of " + expected.size() + " keys missing after " + OUTPUT_TIMEOUT + "; job "
                            + job.getJobStatus().get() + ", " + CHECKPOINTS.get() + " checkpoints, " + FAILURES.get() + " failures");
                }
                c.poll(Duration.ofMillis(200)).forEach(r -> seen.add(key.apply(r)));
            }
        }
    }

    private static void awaitCheckpoints(int n, JobClient job) throws Exception {
        long deadline = System.nanoTime() + OUTPUT_TIMEOUT.toNanos();
        while (CHECKPOINTS.get() < n) {
            requireRunning(job);
            if (System.nanoTime() > deadline) {
                fail("no " + n + " checkpoints completed within " + OUTPUT_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    /** Fails with the job's own error when it has ended (as after more restarts than its strategy allows). */
    private static void requireRunning(JobClient job) throws Exception {
        if (job.getJobStatus().get().isGloballyTerminalState()) {
            try {
                job.getJobExecutionResult().get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError("the job ended: " + e.getCause(), e.getCause());
            }
            fail("the job ended before its output was complete");
        }
    }

    private static Outputs outputs(KafkaConfig kafka) {
        return new Outputs(keyed(kafka.scoresTopic(), ScoreRow.class), keyed(kafka.alertsTopic(), AlertEvent.class),
                keyed(kafka.deadLetterTopic(), DeadLetter.class));
    }

    private static <T> List<Keyed<T>> keyed(String topic, Class<T> type) {
        return readAll(topic).stream().map(r -> new Keyed<>(r.key(), read(r, type))).toList();
    }

    private static <T> T read(ConsumerRecord<String, byte[]> r, Class<T> type) {
        try {
            return JSON.readValue(r.value(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(type.getSimpleName() + " at " + r.topic() + "/" + r.partition() + "@" + r.offset(), e);
        }
    }

    private static String rowKey(ScoreRow s) {
        return s.asset() + "@" + s.time();
    }

    /** The dead letters as what identifies them across topics: key, reason, detail and bytes. */
    private static Set<String> letters(Outputs out) {
        return out.deadLetters().stream().map(d -> letter(d.value())).collect(Collectors.toSet());
    }

    private static String letter(DeadLetter d) {
        return d.key() + " " + d.reason() + " " + d.detail() + " " + Base64.getEncoder().encodeToString(d.payloadBytes());
    }

    /** The records by key, Kafka key and value: a key delivered more than once must carry the same each time. */
    private static <T> Map<String, Keyed<T>> byKey(List<Keyed<T>> records, Function<Keyed<T>, String> key) {
        return Delivered.byKey(records, key, Function.identity());
    }

    /** Passes windows through, and throws once: on the {@link #FAIL_AFTER}-th window after two completed checkpoints. */
    static final class FailOnce implements MapFunction<AssetWindow, AssetWindow>, CheckpointListener {
        private int after;

        @Override
        public AssetWindow map(AssetWindow w) {
            if (CHECKPOINTS.get() >= 2 && ++after >= FAIL_AFTER && FAILURES.compareAndSet(0, 1)) {
                throw new IllegalStateException("injected failure, " + after + " windows after two checkpoints");
            }
            return w;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTS.incrementAndGet();
        }
    }
}
