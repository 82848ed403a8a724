package org.prognos.flink.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.prognos.flink.job.ScoringJob;
import org.prognos.flink.score.AlertEvent;
import org.prognos.flink.score.AssetWindow;
import org.prognos.flink.score.ScoreRow;
import org.prognos.flink.score.ScoringConfig;

/**
 * The scoring job on Kafka topics: device records from the readings topic, read in their format, through
 * {@link ScoringJob}; scores, alert changes and dead letters to their topics.
 *
 * <pre>
 * StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
 *         ScoringJob.checkpointing("s3://bucket/prognos/checkpoints", Duration.ofSeconds(30)));
 * KafkaScoring.attach(env, KafkaConfig.defaults("kafka:9092"), ScoringConfig.defaults(model, attributes));
 * env.execute("prognos scoring on kafka");
 * </pre>
 *
 * <p>Guarantees. The source's offsets are Flink state: each checkpoint holds the offset of every partition it read, and
 * a restore goes on from there, so with the keyed state restored from the same checkpoint every reading is applied
 * once (offsets committed to the group are for monitoring only). The sinks deliver at least once: on each checkpoint
 * they wait until everything sent so far is acknowledged by the brokers, and after a restore what was written since
 * the checkpoint is written again, the same values under the same keys. That is chosen over Kafka transactions
 * (exactly once) because every output is idempotent by its key, a score by asset and row time and an alert change by
 * its stable delivery key, so a consumer that de-duplicates or a compacted topic loses nothing; while transactions would
 * hold every alert back from {@code read_committed} consumers until the next checkpoint completes (30 s by default),
 * and a job abandoned with a transaction open blocks those consumers until the transaction times out.
 */
public final class KafkaScoring {
    /** The source's uid: checkpoints and savepoints find its partition offsets by it. */
    public static final String SOURCE_UID = "prognos-kafka-readings";

    private KafkaScoring() {
    }

    /**
     * The windows read from a device topic and the records that could not be read.
     *
     * @param windows     one per device message, each partition's in order
     * @param deadLetters records that could not be read, with their reasons
     */
    public record Devices(DataStream<AssetWindow> windows, DataStream<DeadLetter> deadLetters) {
    }

    /**
     * Wires the whole job: the readings topic through {@link ScoringJob#score} into the output topics, windows the
     * keyed state did not apply (a reading not after the asset's last) to the dead-letter topic as
     * {@link DeadLetter#OUT_OF_ORDER}.
     */
    public static ScoringJob.Outputs attach(StreamExecutionEnvironment env, KafkaConfig kafka, ScoringConfig scoring) {
        return attach(env, source(kafka).build(), kafka, scoring);
    }

    /** As {@link #attach(StreamExecutionEnvironment, KafkaConfig, ScoringConfig)}, reading from {@code source}. */
    public static ScoringJob.Outputs attach(StreamExecutionEnvironment env, KafkaSource<DeviceRecord> source,
                                            KafkaConfig kafka, ScoringConfig scoring) {
        DataStream<DeviceRecord> records = env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka " + kafka.readingsTopic())
                .uid(SOURCE_UID);
        Devices devices = read(records, kafka.format());
        ScoringJob.Outputs out = ScoringJob.score(devices.windows(), scoring);
        out.scores().sinkTo(scores(kafka)).uid("prognos-kafka-scores").name("kafka " + kafka.scoresTopic());
        out.alerts().sinkTo(alerts(kafka)).uid("prognos-kafka-alerts").name("kafka " + kafka.alertsTopic());
        devices.deadLetters().union(out.rejected().map(DeadLetter::outOfOrder).name("out of order"))
                .sinkTo(deadLetters(kafka)).uid("prognos-kafka-dead-letters").name("kafka " + kafka.deadLetterTopic());
        return out;
    }

    /**
     * A source of the readings topic: from the group's committed offsets when the job starts without a checkpoint
     * (the earliest where there are none), from the checkpoint's offsets when it is restored. Unbounded; a caller may
     * bound it ({@code setBounded}) before building.
     */
    @SuppressWarnings("deprecation")   // the connector's committedOffsets still takes Kafka's OffsetResetStrategy
    public static KafkaSourceBuilder<DeviceRecord> source(KafkaConfig kafka) {
        return KafkaSource.<DeviceRecord>builder()
                .setProperties(kafka.properties())
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(kafka.readingsTopic())
                .setGroupId(kafka.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setDeserializer(new DeviceRecords());
    }

    /** The records read in {@code format}, chained to their source so that each partition's order is kept. */
    public static Devices read(DataStream<DeviceRecord> records, DeviceFormat format) {
        SingleOutputStreamOperator<AssetWindow> windows = records.process(new DecodeDevices(format))
                .setParallelism(records.getParallelism()).uid("prognos-kafka-decode").name("decode " + format.getClass().getSimpleName());
        return new Devices(windows, windows.getSideOutput(DecodeDevices.DEAD_LETTERS));
    }

    /** Scores as JSON, keyed by asset (so one asset's scores stay in one partition, in order). */
    public static KafkaSink<ScoreRow> scores(KafkaConfig kafka) {
        return sink(kafka, kafka.scoresTopic(), ScoreRow::asset);
    }

    /** Alert changes as JSON, keyed by {@link AlertEvent#deliveryKey()}: what a consumer de-duplicates by. */
    public static KafkaSink<AlertEvent> alerts(KafkaConfig kafka) {
        return sink(kafka, kafka.alertsTopic(), AlertEvent::deliveryKey);
    }

    /** Dead letters as JSON, keyed by the record's own key. */
    public static KafkaSink<DeadLetter> deadLetters(KafkaConfig kafka) {
        return sink(kafka, kafka.deadLetterTopic(), DeadLetter::key);
    }

    /** The key of an output record, as text. */
    private interface Key<T> extends java.io.Serializable {
        String of(T element);
    }

    private static <T> KafkaSink<T> sink(KafkaConfig kafka, String topic, Key<T> key) {
        SerializationSchema<T> keys = element -> key.of(element).getBytes(StandardCharsets.UTF_8);
        KafkaRecordSerializationSchema<T> records = KafkaRecordSerializationSchema.<T>builder()
                .setTopic(topic)
                .setKeySerializationSchema(keys)
                .setValueSerializationSchema(new JsonValue<T>())
                .build();
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(kafka.properties())
                .setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(records)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
