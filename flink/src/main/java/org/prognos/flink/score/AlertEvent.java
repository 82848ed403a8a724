package org.prognos.flink.score;

import java.io.Serializable;
import java.util.Objects;
import org.prognos.live.alert.Alert;
import org.prognos.live.alert.AlertTransition;

/**
 * An alert opened or closed, flat for Flink's serializers. Delivered at least once: after a restore from a
 * checkpoint the same change may come again, with the same {@code id} (stable across runs, replays and processes).
 *
 * @param id        the alert's stable id ({@link Alert#idOf})
 * @param event     {@code opened} or {@code closed}
 * @param asset     the asset
 * @param model     the model's name
 * @param time      the data time of the change, in ticks
 * @param timeText  the data time as the model's axis writes it
 * @param value     the value of the score that opened the alert
 * @param peak      the worst value seen while open
 * @param threshold the threshold crossed
 */
public record AlertEvent(String id, String event, String asset, String model, long time, String timeText, double value,
                         double peak, double threshold) implements Serializable {
    public AlertEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeText, "timeText");
    }

    /** The event of a tracker's transition. */
    public static AlertEvent of(AlertTransition t) {
        Alert a = t.alert();
        return new AlertEvent(a.id(), t.event(), a.asset(), a.model(), t.time().tick(), t.time().text(), a.value(),
                a.peak(), a.threshold());
    }

    /** The id and event together: what a consumer de-duplicates redeliveries by. */
    public String deliveryKey() {
        return id + "/" + event;
    }
}
