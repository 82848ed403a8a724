package org.prognos.models;

import org.prognos.PrognosException;

/** A bundle file whose bytes are not the ones its manifest vouches for: missing, truncated, altered or replaced by a link. The message names the file and both SHA-256 digests (expected and found). */
public final class BundleIntegrityException extends PrognosException {
    public BundleIntegrityException(String message) {
        super(message);
    }

    public BundleIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
