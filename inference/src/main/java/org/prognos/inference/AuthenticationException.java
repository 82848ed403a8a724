package org.prognos.inference;

import org.prognos.PrognosException;

/** No API key, or one the service does not know (401). The message never repeats the key. */
public final class AuthenticationException extends PrognosException {
    public AuthenticationException(String message) {
        super(message);
    }
}
