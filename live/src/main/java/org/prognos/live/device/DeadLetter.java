package org.prognos.live.device;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * What a dead-letter topic receives for a message that could not be used: the service and the Flink job write the
 * same document, on MQTT (published to {@code {deadLetterTopic}/{reason}}) and on Kafka (keyed by the record's key),
 * so one consumer reads them all. Written as JSON by the transport (field names are the record's).
 *
 * <p>A message read from Kafka also says where it was, so that it can be found and sent again: {@code key},
 * {@code partition}, {@code offset}. On MQTT, where there are no such coordinates, they are {@code ""}, {@code -1} and
 * {@code -1}, Kafka's own "none" for a partition and an offset. One document rather than one per transport: the
 * fields a consumer counts and inspects by (reason, detail, asset, payload) are the same, and a second record would
 * be a second definition to keep in step.
 *
 * @param reason          why the message was rejected (a topic level: {@code malformed_payload}, {@code seq_gap}, ...)
 * @param detail          what is wrong, for people
 * @param topic           the topic it came on
 * @param asset           the asset it named, "" if none
 * @param receivedAt      when it was received (UTC, ISO-8601)
 * @param payload         the payload, as text when it is UTF-8, else Base64
 * @param payloadEncoding {@code utf-8} or {@code base64}
 * @param key             (Kafka) the record's key as UTF-8 text: the asset id, or a Sparkplug topic; {@code ""} on MQTT
 * @param partition       (Kafka) the record's partition; {@code -1} on MQTT or for a message refused after decoding
 * @param offset          (Kafka) the record's offset in its partition; {@code -1} on MQTT or after decoding
 */
public record DeadLetter(String reason, String detail, String topic, String asset, String receivedAt, String payload,
                         String payloadEncoding, String key, int partition, long offset) {
    /** The encoding of a payload written as it was, UTF-8 text. */
    public static final String UTF_8 = "utf-8";
    /** The encoding of a payload that is not UTF-8 text, written as Base64. */
    public static final String BASE64 = "base64";

    public DeadLetter {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(topic, "topic");
        asset = asset == null ? "" : asset;
        key = key == null ? "" : key;
        if (partition < -1 || offset < -1) {
            throw new IllegalArgumentException("partition and offset are -1 when unknown, found " + partition + "@" + offset);
        }
    }

    /** The dead letter of {@code payload} received on {@code topic} at {@code receivedAt} (MQTT: no Kafka coordinates). */
    public static DeadLetter of(String topic, byte[] payload, String reason, String detail, String asset, Instant receivedAt) {
        return ofRecord(topic, "", -1, -1, payload, reason, detail, asset, receivedAt);
    }

    /**
     * The dead letter of a Kafka record: {@code payload} read at {@code offset} of {@code partition} of {@code topic},
     * under {@code key}.
     */
    public static DeadLetter ofRecord(String topic, String key, int partition, long offset, byte[] payload, String reason,
                                      String detail, String asset, Instant receivedAt) {
        Optional<String> text = utf8(payload);
        return new DeadLetter(reason, detail, topic, asset, receivedAt.toString(),
                text.orElseGet(() -> Base64.getEncoder().encodeToString(payload)), text.isPresent() ? UTF_8 : BASE64,
                key, partition, offset);
    }

    /** The payload's bytes as they were received (decoding {@code payload} by {@code payloadEncoding}). */
    public byte[] payloadBytes() {
        return payloadEncoding.equals(BASE64) ? Base64.getDecoder().decode(payload)
                : payload.getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<String> utf8(byte[] b) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
