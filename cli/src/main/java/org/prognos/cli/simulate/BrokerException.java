package org.prognos.cli.simulate;

import org.prognos.PrognosException;

/** The MQTT broker could not be reached, refused the connection, or dropped it; the message names the broker's URL. */
public final class BrokerException extends PrognosException {
    public BrokerException(String message) {
        super(message);
    }

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
