package org.prognos.inference.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.prognos.live.alert.Alert;

/**
 * An alert as the service keeps it: the rule's alert (for an open one, its peak so far), when the service recorded
 * its opening and closing, its acknowledgement, and its deliveries.
 *
 * @param alert           the alert
 * @param openedAt        when the service recorded the opening (service clock; the data times are in the alert)
 * @param closedAt        when it recorded the closing
 * @param acknowledgement who acknowledged it, if anyone
 * @param deliveries      each event's status with each destination, opened first
 */
public record AlertRecord(Alert alert, Instant openedAt, Optional<Instant> closedAt, Optional<Acknowledgement> acknowledgement,
                          List<DeliveryStatus> deliveries) {
    public AlertRecord {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(closedAt, "closedAt");
        Objects.requireNonNull(acknowledgement, "acknowledgement");
        deliveries = List.copyOf(deliveries);
    }

    /** The alert's id. */
    public String id() {
        return alert.id();
    }

    /** Whether the alert is still open. */
    public boolean isOpen() {
        return alert.isOpen();
    }

    /** {@code open} or {@code closed}. */
    public String state() {
        return isOpen() ? "open" : "closed";
    }

    /** The last time the service changed it: opened, closed or acknowledged. */
    public Instant updatedAt() {
        Instant t = closedAt.filter(c -> c.isAfter(openedAt)).orElse(openedAt);
        return acknowledgement.map(Acknowledgement::at).filter(a -> a.isAfter(t)).orElse(t);
    }

    /** This record with {@code ack}. */
    AlertRecord acknowledged(Acknowledgement ack) {
        return new AlertRecord(alert, openedAt, closedAt, Optional.of(ack), deliveries);
    }
}
