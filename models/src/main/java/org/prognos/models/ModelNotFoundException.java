package org.prognos.models;

import org.prognos.PrognosException;

/** A model reference ({@code name}, {@code name:3}, {@code name@production}) that names nothing in the registry. The message says what does exist. */
public final class ModelNotFoundException extends PrognosException {
    public ModelNotFoundException(String message) {
        super(message);
    }

    public ModelNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
