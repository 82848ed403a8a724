package org.prognos.flink.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.prognos.flink.score.AlertEvent;
import org.prognos.flink.score.AssetWindow;
import org.prognos.flink.score.ScoreRow;
import org.prognos.live.device.DeadLetter;
import org.prognos.live.device.InvalidDeviceMessageException;

/**
 * The scoring job's Kafka ends: a source of device records from the readings topic and their reading in the topic's
 * format, and sinks of scores, alert changes and dead letters. The job package wires them around the keyed scoring
 * ({@code ScoringJobs}, from a job config with {@code source.type: kafka} and {@code sinks.type: kafka}); this package
 * knows no job, so that the two do not depend on each other.
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

    /**
     * The dead letter of a window the keyed state did not apply: a reading not after the asset's last one, as a record
     * sent twice makes. It has no payload and no Kafka coordinates (the window was read from a record whose
     * coordinates the keyed state does not keep); the detail names the asset and the readings' times, and its time is
     * when it was refused.
     */
    public static DeadLetter outOfOrder(AssetWindow window) {
        long[] t = window.sampleMillis();
        String times = t.length == 0 ? "no readings" : "readings at " + t[0] + (t.length > 1 ? ".." + t[t.length - 1] : "")
                + " (epoch ms)";
        return DeadLetter.ofRecord("", window.asset(), -1, -1, new byte[0], InvalidDeviceMessageException.OUT_OF_ORDER,
                "asset " + window.asset() + ": " + times + " not after the asset's last reading; not applied",
                window.asset(), Instant.now());
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
