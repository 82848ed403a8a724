package org.prognos.inference.api;

import java.util.Optional;
import org.prognos.inference.InvalidRequestException;

/**
 * The optional body of an alert's acknowledgement.
 *
 * @param note what the operator has to say (up to {@value #MAX_NOTE} characters), or null
 * @param by   who acknowledges (up to {@value #MAX_BY} characters), or null: the key's role is recorded
 */
public record AckRequest(String note, String by) {
    /** Longest note. */
    public static final int MAX_NOTE = 1000;
    /** Longest name. */
    public static final int MAX_BY = 64;

    public AckRequest {
        check("note", note, MAX_NOTE, "\n\t");
        check("by", by, MAX_BY, "");
    }

    /** No note, no name. */
    public static AckRequest empty() {
        return new AckRequest(null, null);
    }

    /** The note, when one was given. */
    public Optional<String> noteText() {
        return Optional.ofNullable(note).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** The name, when one was given. */
    public Optional<String> byName() {
        return Optional.ofNullable(by).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** Null, or at most {@code max} characters without control characters other than {@code allowed}. */
    private static void check(String field, String v, int max, String allowed) {
        if (v == null) {
            return;
        }
        if (v.length() > max) {
            throw new InvalidRequestException("'" + field + "' must be at most " + max + " characters, found " + v.length());
        }
        if (v.chars().anyMatch(c -> Character.isISOControl(c) && allowed.indexOf(c) < 0)) {
            throw new InvalidRequestException("'" + field + "' must not hold control characters");
        }
    }
}
