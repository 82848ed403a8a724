package org.prognos.models;

import org.prognos.PrognosException;

/** A model or alias name outside the registry's naming rules, which keep every name a single safe path segment (no path traversal). */
public final class InvalidModelNameException extends PrognosException {
    public InvalidModelNameException(String message) {
        super(message);
    }

    public InvalidModelNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
