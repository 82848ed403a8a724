package org.prognos.flink.kafka;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.prognos.flink.score.AssetWindow;

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
     * @param detail a sentence for people, naming the field or message at fault
     */
    record Refused(String reason, String detail) implements Decoding {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public void route(DeviceRecord record, Consumer<AssetWindow> windows, Consumer<DeadLetter> deadLetters) {
            deadLetters.accept(DeadLetter.of(record, this));
        }
    }
}
