package org.prognos.inference;

/**
 * A request body that is not JSON (415): a POST with a body whose {@code Content-Type} is missing, or is neither
 * {@code application/json} nor an {@code application/*+json} type, or names a charset other than UTF-8.
 */
public final class UnsupportedMediaTypeException extends InvalidRequestException {
    public UnsupportedMediaTypeException(String message) {
        super(message);
    }
}
