package org.prognos.inference;

import org.prognos.PrognosException;

/**
 * A request that conflicts with the service's state (409): a reload whose bundle was refused (the previous
 * version keeps serving), or readings for an asset whose state follows another model.
 */
public final class ConflictException extends PrognosException {
    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
