package org.prognos.inference;

import org.prognos.PrognosException;

/** The service cannot answer now (503): not ready, or shutting down. */
public final class ServiceUnavailableException extends PrognosException {
    public ServiceUnavailableException(String message) {
        super(message);
    }
}
