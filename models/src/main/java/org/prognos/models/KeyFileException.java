package org.prognos.models;

import org.prognos.PrognosException;

/** A signing or trusted key file that cannot be read or written: missing, not PEM, not an Ed25519 key, the wrong kind of key (private where a public one is expected), or a file that would be overwritten. The message names the file. */
public final class KeyFileException extends PrognosException {
    public KeyFileException(String message) {
        super(message);
    }

    public KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
