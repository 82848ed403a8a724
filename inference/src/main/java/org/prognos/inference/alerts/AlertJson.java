package org.prognos.inference.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Writes the JSON document destinations receive, {@code {"event": ..., "alert": {...}}}, the way the API writes
 * alerts (absent optionals left out, times in ISO-8601).
 */
final class AlertJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .build();

    private AlertJson() {
    }

    /** The document of {@code event} for the alert as {@code r} has it. */
    static byte[] message(AlertEvent event, AlertRecord r) {
        try {
            return MAPPER.writeValueAsBytes(new AlertView.Message(event.label(), AlertView.of(r, false)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write alert " + r.id() + " as JSON", e);
        }
    }
}
