package org.prognos.live.alert;

import java.util.Objects;

/** A change of an asset's alert: it opened or closed. Each carries the alert as it is after the change. */
public sealed interface AlertTransition {
    /** The alert after the change. */
    Alert alert();

    /** The event's name in messages and headers: {@code opened} or {@code closed}. */
    String event();

    /** The data time of the change. */
    DataTime time();

    /**
     * The alert opened.
     *
     * @param alert the new open alert
     */
    record Opened(Alert alert) implements AlertTransition {
        public Opened {
            Objects.requireNonNull(alert, "alert");
            if (!alert.isOpen()) {
                throw new IllegalArgumentException("an opened alert cannot be closed: " + alert.id());
            }
        }

        @Override
        public String event() {
            return "opened";
        }

        @Override
        public DataTime time() {
            return alert.opened();
        }
    }

    /**
     * The alert closed.
     *
     * @param alert the alert, with its closing time
     */
    record Closed(Alert alert) implements AlertTransition {
        public Closed {
            Objects.requireNonNull(alert, "alert");
            if (alert.isOpen()) {
                throw new IllegalArgumentException("a closed alert needs its closing time: " + alert.id());
            }
        }

        @Override
        public String event() {
            return "closed";
        }

        @Override
        public DataTime time() {
            return alert.closed().orElseThrow();
        }
    }
}
