package org.prognos.features;

import org.prognos.PrognosException;

/** A feature spec (or a job config) that is malformed: the message names the offending field and what was expected. */
public final class InvalidSpecException extends PrognosException {
    public InvalidSpecException(String message) {
        super(message);
    }

    public InvalidSpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
