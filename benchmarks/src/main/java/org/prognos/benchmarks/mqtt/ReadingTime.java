package org.prognos.benchmarks.mqtt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.OptionalLong;
import org.prognos.features.telemetry.TimeAxis;

/**
 * The time a message on the score topic answers, on the data's axis: a score's top-level {@code "time"} (the service
 * scores just after the asset's last reading), or, for the floor's echo of a readings message, its {@code "time"} (one
 * reading) or the last {@code readings[].time} (a batch). Event times are never taken. One streaming pass, no tree.
 */
final class ReadingTime {
    private static final JsonFactory JSON = new JsonFactory();

    private ReadingTime() {
    }

    /** The time {@code payload} answers; empty when it holds none (an echoed message of events only) or is no JSON. */
    static OptionalLong of(byte[] payload, TimeAxis axis) {
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return OptionalLong.empty();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("time") && value == JsonToken.VALUE_STRING) {
                    return OptionalLong.of(axis.parse(p.getText()));
                }
                if (field.equals("readings") && value == JsonToken.START_ARRAY) {
                    return lastReading(p, axis);
                }
                p.skipChildren();
            }
            return OptionalLong.empty();
        } catch (IOException | IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong lastReading(JsonParser p, TimeAxis axis) throws IOException {
        String last = null;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("time") && value == JsonToken.VALUE_STRING) {
                    last = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        }
        return last == null ? OptionalLong.empty() : OptionalLong.of(axis.parse(last));
    }
}
