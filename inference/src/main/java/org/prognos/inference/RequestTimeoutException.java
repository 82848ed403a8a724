package org.prognos.inference;

import org.prognos.PrognosException;

/**
 * A request that did not arrive in time (408): its body came slower than {@code clients.minRequestBytesPerSecond},
 * or the whole of it took longer than {@code clients.readDeadlineSeconds}. The connection is closed after the answer.
 */
public final class RequestTimeoutException extends PrognosException {
    public RequestTimeoutException(String message) {
        super(message);
    }
}
