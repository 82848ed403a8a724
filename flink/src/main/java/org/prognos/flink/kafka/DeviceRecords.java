package org.prognos.flink.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The source's deserializer: a Kafka record as a {@link DeviceRecord}, unread. It cannot fail on a record's content
 * (a throwing deserializer would fail the job and, after the restart, the same record again), so every record reaches
 * {@link DecodeDevices}, which reads it or turns it into a dead letter.
 */
final class DeviceRecords implements KafkaRecordDeserializationSchema<DeviceRecord> {
    private static final byte[] NONE = new byte[0];

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<DeviceRecord> out) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        out.collect(new DeviceRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), key,
                record.value() == null ? NONE : record.value()));
    }

    @Override
    public TypeInformation<DeviceRecord> getProducedType() {
        return TypeInformation.of(DeviceRecord.class);
    }
}
