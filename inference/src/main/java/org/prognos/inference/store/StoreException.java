package org.prognos.inference.store;

import org.prognos.PrognosException;

/** The durable store could not be opened, read or written (disk full, permissions, a corrupt or locked database). */
public final class StoreException extends PrognosException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
