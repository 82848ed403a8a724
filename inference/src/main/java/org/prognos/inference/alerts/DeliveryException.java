package org.prognos.inference.alerts;

import org.prognos.PrognosException;

/** A destination refused or did not take an alert event (a non-2xx answer): the outbox retries it. */
public final class DeliveryException extends PrognosException {
    public DeliveryException(String message) {
        super(message);
    }
}
