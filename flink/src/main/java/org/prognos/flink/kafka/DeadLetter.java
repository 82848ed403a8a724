package org.prognos.flink.kafka;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.prognos.flink.score.AssetWindow;

/**
 * A record the job could not use, for the dead-letter topic: where it came from, why, and its bytes, so that it can
 * be inspected and sent again once fixed. Written as JSON, keyed by the record's own key.
 *
 * @param topic     the device topic it was read from ({@code ""} for a window refused after decoding)
 * @param partition its partition ({@code -1} when not known)
 * @param offset    its offset ({@code -1} when not known)
 * @param key       its key (the asset id, or a Sparkplug topic)
 * @param reason    a stable snake_case label to count by ({@link Decoding.Refused#reason()}, or {@code out_of_order})
 * @param detail    a sentence for people
 * @param payload   the record's value bytes, as sent (base64 in the JSON); empty for a window refused after decoding
 */
public record DeadLetter(String topic, int partition, long offset, String key, String reason, String detail, byte[] payload)
        implements Serializable {
    /** The reason of a window whose first reading is not after the asset's last one (not applied again). */
    public static final String OUT_OF_ORDER = "out_of_order";

    public DeadLetter {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        payload = payload.clone();
    }

    /** The payload bytes (a copy). */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The dead letter of a record its format's reader refused. */
    public static DeadLetter of(DeviceRecord record, Decoding.Refused refused) {
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(), refused.reason(),
                refused.detail(), record.value());
    }

    /** The dead letter of a window the keyed state did not apply: a reading not after the asset's last one. */
    public static DeadLetter outOfOrder(AssetWindow window) {
        long[] t = window.sampleMillis();
        String times = t.length == 0 ? "no readings" : "readings at " + t[0] + (t.length > 1 ? ".." + t[t.length - 1] : "")
                + " (epoch ms)";
        return new DeadLetter("", -1, -1, window.asset(), OUT_OF_ORDER, "asset " + window.asset() + ": " + times
                + " not after the asset's last reading; not applied", new byte[0]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d && topic.equals(d.topic) && partition == d.partition && offset == d.offset
                && key.equals(d.key) && reason.equals(d.reason) && detail.equals(d.detail) && Arrays.equals(payload, d.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, key, reason, detail, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "DeadLetter[" + topic + "/" + partition + "@" + offset + " key=" + key + " " + reason + ": " + detail + "]";
    }
}
