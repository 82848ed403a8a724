package org.prognos.inference.alerts;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one event of an alert stands with one destination.
 *
 * @param destination the destination's name
 * @param event       the event
 * @param outcome     pending (in the outbox), delivered, or dead (dead-lettered after its last attempt)
 * @param attempts    attempts made so far
 * @param at          when the outcome was last updated (service clock)
 * @param error       the last attempt's error, when it failed
 */
public record DeliveryStatus(String destination, AlertEvent event, Outcome outcome, int attempts, Instant at,
                             Optional<String> error) {
    /** Longest error kept, in characters. */
    static final int MAX_ERROR = 300;

    /** Where a delivery stands. The order is part of the stored format: append only. */
    public enum Outcome {
        /** In the outbox, to be attempted (again). */
        PENDING,
        /** The destination took it. */
        DELIVERED,
        /** Every attempt failed: dead-lettered, kept here for an operator. */
        DEAD;

        /** The outcome's name in JSON and query parameters. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The outcome named {@code text} ({@code pending}, {@code delivered} or {@code dead}). */
        public static Optional<Outcome> parse(String text) {
            for (Outcome o : values()) {
                if (o.label().equalsIgnoreCase(text.trim())) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }
    }

    public DeliveryStatus {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        error = error.map(e -> e.length() > MAX_ERROR ? e.substring(0, MAX_ERROR) + "…" : e);
    }
}
