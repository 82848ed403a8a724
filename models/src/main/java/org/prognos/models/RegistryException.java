package org.prognos.models;

import org.prognos.PrognosException;

/** A registry operation that could not be carried out (registry not writable, I/O failure, a publish that failed part-way). The registry is left as it was: no version is half-written and no alias moves. */
public final class RegistryException extends PrognosException {
    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
