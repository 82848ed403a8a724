package org.prognos.inference;

import org.prognos.PrognosException;

/**
 * A caller over one of its quotas (429): its requests or readings per second, or its requests in flight. The answer
 * carries {@code Retry-After}: whole seconds, rounded up, after which the same request would be admitted if nothing
 * else is sent meanwhile.
 */
public final class TooManyRequestsException extends PrognosException {
    private final long retryAfterSeconds;

    public TooManyRequestsException(String message, long retryAfterSeconds) {
        super(message);
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("Retry-After must be at least one second, found " + retryAfterSeconds);
        }
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds to wait before trying again (at least 1). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
