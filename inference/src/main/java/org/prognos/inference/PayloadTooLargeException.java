package org.prognos.inference;

/** A request body over the configured size limit (413). */
public final class PayloadTooLargeException extends InvalidRequestException {
    public PayloadTooLargeException(String message) {
        super(message);
    }
}
