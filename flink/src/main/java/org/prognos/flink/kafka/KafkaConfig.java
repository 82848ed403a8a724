package org.prognos.flink.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where the job reads device messages and writes what it makes, on one Kafka cluster.
 *
 * @param bootstrapServers the cluster's bootstrap servers ({@code host:9092,host2:9092})
 * @param readingsTopic    the device topic
 * @param groupId          the consumer group the source commits its offsets under (for monitoring only: the offsets
 *                         the job goes on from are those in its checkpoint)
 * @param format           the device topic's record format
 * @param scoresTopic      scores ({@code ScoreRow} as JSON, keyed by asset)
 * @param alertsTopic      alert changes ({@code AlertEvent} as JSON, keyed by its delivery key)
 * @param deadLetterTopic  records that could not be used (the service's {@code DeadLetter} as JSON, keyed by the
 *                         record's key)
 * @param clientProperties Kafka client properties for source and sinks alike (security, say:
 *                         {@code security.protocol}, {@code sasl.jaas.config})
 */
public record KafkaConfig(String bootstrapServers, String readingsTopic, String groupId, DeviceFormat format,
                          String scoresTopic, String alertsTopic, String deadLetterTopic,
                          Map<String, String> clientProperties) implements java.io.Serializable {
    public KafkaConfig {
        requireText(bootstrapServers, "bootstrapServers");
        requireText(readingsTopic, "readingsTopic");
        requireText(groupId, "groupId");
        Objects.requireNonNull(format, "format");
        requireText(scoresTopic, "scoresTopic");
        requireText(alertsTopic, "alertsTopic");
        requireText(deadLetterTopic, "deadLetterTopic");
        clientProperties = Map.copyOf(clientProperties);
        if (deadLetterTopic.equals(readingsTopic) || scoresTopic.equals(readingsTopic) || alertsTopic.equals(readingsTopic)) {
            throw new IllegalArgumentException("the job would read what it writes: '" + readingsTopic
                    + "' is both the readings topic and an output topic");
        }
    }

    /**
     * The usual topic names ({@code prognos.readings}, {@code prognos.scores}, {@code prognos.alerts},
     * {@code prognos.dead-letters}), group {@code prognos-scoring}, JSON readings with times in UTC.
     */
    public static KafkaConfig defaults(String bootstrapServers) {
        return new KafkaConfig(bootstrapServers, "prognos.readings", "prognos-scoring", DeviceFormat.JsonReadings.utc(),
                "prognos.scores", "prognos.alerts", "prognos.dead-letters", Map.of());
    }

    /** This configuration reading {@code topic} in {@code format}. */
    public KafkaConfig withReadings(String topic, DeviceFormat format) {
        return new KafkaConfig(bootstrapServers, topic, groupId, format, scoresTopic, alertsTopic, deadLetterTopic,
                clientProperties);
    }

    /** This configuration writing to these topics. */
    public KafkaConfig withOutputs(String scores, String alerts, String deadLetters) {
        return new KafkaConfig(bootstrapServers, readingsTopic, groupId, format, scores, alerts, deadLetters,
                clientProperties);
    }

    /** The client properties as {@link Properties}, sorted. */
    Properties properties() {
        Properties p = new Properties();
        p.putAll(new TreeMap<>(clientProperties));
        return p;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
