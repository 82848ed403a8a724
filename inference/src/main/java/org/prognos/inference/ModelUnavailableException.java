package org.prognos.inference;

import org.prognos.PrognosException;

/**
 * A request for a model the service is configured to serve but does not serve now (503): its bundle was refused at
 * start or when it was first found (a checksum, format or signature problem, or its reference names no version). The
 * message names the reason; the registry watcher loads the model once its bundle changes.
 */
public final class ModelUnavailableException extends PrognosException {
    public ModelUnavailableException(String message) {
        super(message);
    }
}
