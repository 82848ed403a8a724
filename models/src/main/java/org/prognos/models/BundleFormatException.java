package org.prognos.models;

import org.prognos.PrognosException;

/** A model bundle that cannot be read as one: an unsupported {@code format}, a malformed or inconsistent manifest, a payload its adapter cannot load. The message names the bundle file and what was expected. */
public final class BundleFormatException extends PrognosException {
    public BundleFormatException(String message) {
        super(message);
    }

    public BundleFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
