package org.prognos.inference.alerts;

import java.util.Objects;

/**
 * An event waiting for a destination, as the outbox keeps it.
 *
 * @param key         its outbox key as text ({@link AlertKeys#text}): its lane, then its place in the lane
 * @param destination the destination's name
 * @param message     the event
 * @param attempts    failed attempts so far
 */
record OutboxEntry(String key, String destination, AlertMessage message, int attempts) {
    OutboxEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(message, "message");
    }

    /** The destination and asset whose events go one at a time, in key order. */
    String lane() {
        return AlertKeys.lane(AlertKeys.key(key));
    }

    /** This entry after one more failed attempt. */
    OutboxEntry failedOnce() {
        return new OutboxEntry(key, destination, message, attempts + 1);
    }
}
