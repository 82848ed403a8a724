package org.prognos.inference;

import org.prognos.PrognosException;

/** An asset the service holds no streaming state for (404): never fed, or evicted. */
public final class UnknownAssetException extends PrognosException {
    public UnknownAssetException(String message) {
        super(message);
    }
}
