package org.prognos.inference;

import org.prognos.PrognosException;

/** An alert id the service has no record of (404). */
public final class UnknownAlertException extends PrognosException {
    public UnknownAlertException(String message) {
        super(message);
    }
}
