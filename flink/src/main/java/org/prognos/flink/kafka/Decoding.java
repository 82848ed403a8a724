package org.prognos.flink.kafka;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.prognos.flink.score.AssetWindow;
import org.prognos.live.device.DeadLetter;

/** What a {@link DeviceFormat}'s reader made of one record: windows to score, or a refusal to dead-letter. */
public sealed interface Decoding {
    /** Hands what was read of {@code record} on: windows to {@code windows}, a refusal as a dead letter. */
    void route(DeviceRecord record, Consumer<AssetWindow> windows, Consumer<DeadLetter> deadLetters);

    /**
     * The record was read.
     *
     * @param windows the device messages it carried, in order (none for a Sparkplug birth or death without values)
     */
    record Read(List<AssetWindow> windows) implements Decoding {
        public Read {
            windows = List.copyOf(windows);
        }

        @Override
        public void route(DeviceRecord record, Consumer<AssetWindow> to, Consumer<DeadLetter> deadLetters) {
            windows.forEach(to);
        }
    }

    /**
     * The record cannot be used; nothing of it was.
     *
     * @param reason a stable snake_case label (the service's dead-letter reasons: {@code malformed_payload},
     *               {@code unknown_field}, {@code invalid_payload}, {@code invalid_asset}, or a Sparkplug
     *               {@code RejectReason} label)
     * @param asset  the asset the record was about, {@code ""} when not known (a Sparkplug record refused before its
     *               device was named)
     * @param detail a sentence for people, naming the field or message at fault
     */
    record Refused(String reason, String asset, String detail) implements Decoding {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(asset, "asset");
            Objects.requireNonNull(detail, "detail");
        }

        /**
         * Sends the service's dead-letter document with the record's Kafka coordinates. Its time is the record's
         * timestamp, not the clock's, so that a record read again after a restore makes the same dead letter.
         */
        @Override
        public void route(DeviceRecord record, Consumer<AssetWindow> windows, Consumer<DeadLetter> deadLetters) {
            deadLetters.accept(DeadLetter.ofRecord(record.topic(), record.key(), record.partition(), record.offset(),
                    record.value(), reason, detail, asset, Instant.ofEpochMilli(record.timestamp())));
        }
    }
}
