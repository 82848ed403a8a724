package org.prognos.models;

import java.util.regex.Pattern;
import org.prognos.PrognosException;

/**
 * A bundle refused by a trust list: unsigned, signed by a key the list does not hold, signed over other bytes than
 * its manifest, or holding a file its manifest does not cover. {@link #reason()} names the case in one word for logs
 * and metric labels; the message names the bundle, the key id and what to do.
 */
public final class BundleSignatureException extends PrognosException {
    private static final Pattern REASON = Pattern.compile("[a-z][a-z-]{0,39}");

    private final String reason;

    /**
     * @param reason  the case, e.g. {@code unsigned}, {@code unknown-key}, {@code bad-signature}
     * @param message what was refused and why
     */
    public BundleSignatureException(String reason, String message) {
        super(message);
        if (reason == null || !REASON.matcher(reason).matches()) {
            throw new IllegalArgumentException("a refusal reason is one lower-case word, found " + reason);
        }
        this.reason = reason;
    }

    /** The case in one lower-case word ({@code unsigned}, {@code unknown-key}, {@code bad-signature}, ...). */
    public String reason() {
        return reason;
    }
}
