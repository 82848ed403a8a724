package org.prognos.flink.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * A record value as JSON: the record's components by name ({@code ScoreRow}, {@code AlertEvent}, the live module's
 * {@code DeadLetter}). The mapper is made on the task, not shipped with the job graph.
 */
final class JsonValue<T> implements SerializationSchema<T> {
    private transient ObjectMapper json;

    @Override
    public void open(InitializationContext context) {
        json = new ObjectMapper();
    }

    @Override
    public byte[] serialize(T element) {
        if (json == null) {
            json = new ObjectMapper();
        }
        try {
            return json.writeValueAsBytes(element);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + element.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
