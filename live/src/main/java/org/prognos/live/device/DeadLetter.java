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
 * What a dead-letter topic receives for a message that could not be used, published to
 * {@code {deadLetterTopic}/{reason}}: the service and the Flink job write the same document, so one consumer reads
 * both. Written as JSON by the transport (field names are the record's).
 *
 * @param reason          why the message was rejected (a topic level: {@code malformed_payload}, {@code seq_gap}, ...)
 * @param detail          what is wrong, for people
 * @param topic           the topic it came on
 * @param asset           the asset it named, "" if none
 * @param receivedAt      when it was received (UTC, ISO-8601)
 * @param payload         the payload, as text when it is UTF-8, else Base64
 * @param payloadEncoding {@code utf-8} or {@code base64}
 */
public record DeadLetter(String reason, String detail, String topic, String asset, String receivedAt, String payload,
                         String payloadEncoding) {
    public DeadLetter {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(topic, "topic");
        asset = asset == null ? "" : asset;
    }

    /** The dead letter of {@code payload} received on {@code topic} at {@code receivedAt}. */
    public static DeadLetter of(String topic, byte[] payload, String reason, String detail, String asset, Instant receivedAt) {
        Optional<String> text = utf8(payload);
        return new DeadLetter(reason, detail, topic, asset, receivedAt.toString(),
                text.orElseGet(() -> Base64.getEncoder().encodeToString(payload)), text.isPresent() ? "utf-8" : "base64");
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
