package org.prognos;

/**
 * Root of every exception Prognos throws on purpose. Library exceptions (I/O, ND4J, XGBoost) are wrapped
 * at module boundaries into a subclass, so callers such as the HTTP layer map one family to responses.
 */
public class PrognosException extends RuntimeException {
    public PrognosException(String message) {
        super(message);
    }

    public PrognosException(String message, Throwable cause) {
        super(message, cause);
    }
}
