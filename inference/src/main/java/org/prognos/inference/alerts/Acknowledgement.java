package org.prognos.inference.alerts;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Someone saw the alert and is on it.
 *
 * @param by   who: the name the caller gave, else the role of the key that acknowledged
 * @param at   when (service clock)
 * @param note what they wrote, if anything
 */
public record Acknowledgement(String by, Instant at, Optional<String> note) {
    public Acknowledgement {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(note, "note");
    }
}
