package org.prognos.inference.alerts;

import java.util.Arrays;
import java.util.Objects;

/**
 * One alert event for one destination: the ids a receiver needs to de-duplicate (events are delivered at least once,
 * and a retry or a restart may repeat one) and the JSON document, fixed when the event happened, so every attempt
 * sends the same bytes.
 *
 * <p>An MQTT destination publishes {@link #body()} to {@code {prefix}/alerts/{asset}}, retained when {@link #current()},
 * so the topic holds the asset's current alert; {@link #open()} says whether that alert is still open.
 *
 * @param deliveryId stable across attempts and restarts: a name-based UUID of the alert id, event and destination
 * @param event      what happened
 * @param alertId    the alert's stable id
 * @param asset      the asset
 * @param model      the model name
 * @param open       whether the alert is open after this event
 * @param body       the JSON document: {@code {"event": "opened", "alert": {...}}}
 */
public record AlertMessage(String deliveryId, AlertEvent event, String alertId, String asset, String model, boolean open,
                           byte[] body) {
    public AlertMessage {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(model, "model");
        body = body.clone();
    }

    /**
     * Whether this message shows the asset's latest alert state: an opening or a closing, or the acknowledgement of an
     * alert still open. The acknowledgement of an alert that closed already is not (a newer alert may be open): an MQTT
     * destination publishes it without retaining it.
     */
    public boolean current() {
        return event != AlertEvent.ACKED || open;
    }

    /** A copy of the JSON document. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlertMessage m && deliveryId.equals(m.deliveryId) && event == m.event && alertId.equals(m.alertId)
                && asset.equals(m.asset) && model.equals(m.model) && open == m.open && Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deliveryId, event, alertId, asset, model, open) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "AlertMessage[" + event.label() + " " + alertId + " of " + asset + " by " + model + ", delivery " + deliveryId
                + ", " + body.length + " bytes]";
    }
}
