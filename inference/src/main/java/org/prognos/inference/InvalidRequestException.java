package org.prognos.inference;

import java.util.List;
import org.prognos.PrognosException;

/**
 * A request the service cannot act on: malformed JSON, a wrong type, a missing channel, an empty or unordered
 * window, a value out of range. Answered with 400; the message says what was wrong and where
 * ({@code readings[3].time}), and {@link #errors()} lists every problem found when there are several.
 */
public class InvalidRequestException extends PrognosException {
    private final List<String> errors;

    public InvalidRequestException(String message) {
        this(message, List.of());
    }

    public InvalidRequestException(String message, List<String> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
        this.errors = List.of();
    }

    /** Each problem found, when the request had more than one; else empty. */
    public List<String> errors() {
        return errors;
    }
}
