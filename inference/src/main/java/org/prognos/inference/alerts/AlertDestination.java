package org.prognos.inference.alerts;

/**
 * Somewhere alert events go: a webhook, an MQTT topic. The outbox calls {@link #deliver} on one of its worker
 * threads, one event of an asset at a time and in order; an implementation blocks until the destination has taken
 * the event (a 2xx answer, a PUBACK) and throws otherwise, and the outbox retries with this destination's
 * {@link #retry()} policy, then dead-letters. Delivery is at least once: the same event may arrive again (after a
 * lost answer, a restart), always with the same {@link AlertMessage#deliveryId()} and alert id.
 *
 * <p>Thread-safe: several workers may call it at once, for different assets.
 */
public interface AlertDestination {
    /**
     * The destination's name: in metrics ({@code destination} label), in the alert's deliveries and in the outbox's
     * keys, so it must stay the same across restarts for pending events to find it again.
     */
    String name();

    /**
     * Delivers one event.
     *
     * @param message the event
     * @param attempt 1 for the first attempt, counting on across restarts
     * @throws Exception anything that means the destination did not take it (it is retried)
     */
    void deliver(AlertMessage message, int attempt) throws Exception;

    /** How often and how patiently to retry. */
    default RetryPolicy retry() {
        return RetryPolicy.defaults();
    }
}
