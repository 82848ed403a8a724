package org.prognos.flink.kafka;

import java.io.Serializable;
import java.util.Objects;

/**
 * One Kafka record of the device topic as read, before any decoding: where it was (so a dead letter can name it), its
 * key and value bytes. Decoding happens downstream in {@link DecodeDevices}, never in the source's deserializer, so
 * that a record that cannot be read becomes a dead letter instead of failing the source.
 *
 * @param topic      the topic it was read from
 * @param partition  its partition
 * @param offset     its offset in the partition
 * @param timestamp  the record's timestamp, epoch milliseconds
 * @param key        the key as UTF-8 text ({@code ""} when the record has none): the asset id for JSON readings, the
 *                   Sparkplug topic for Sparkplug B
 * @param value      the value bytes (empty when the record has none)
 */
public record DeviceRecord(String topic, int partition, long offset, long timestamp, String key, byte[] value)
        implements Serializable {
    public DeviceRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        value = value.clone();
    }

    /** The value bytes (a copy). */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** Where the record was, for logs and dead letters: {@code topic/partition@offset}. */
    public String where() {
        return topic + "/" + partition + "@" + offset;
    }
}
