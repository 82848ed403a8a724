package org.prognos.inference;

import org.prognos.PrognosException;

/** A known API key without the role a route needs (403). */
public final class AccessDeniedException extends PrognosException {
    public AccessDeniedException(String message) {
        super(message);
    }
}
