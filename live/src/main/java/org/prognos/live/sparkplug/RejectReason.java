package org.prognos.live.sparkplug;

import java.util.Locale;

/**
 * Why a Sparkplug message was rejected as a whole. Callers count rejections by {@link #label()} (the service's
 * {@code prognos_mqtt_rejected_total{reason}}), so labels are stable snake_case names.
 */
public enum RejectReason {
    /** The topic is not {@code spBv1.0/{group}/{type}/{edge node}[/{device}]} or {@code spBv1.0/STATE/{host}}. */
    INVALID_TOPIC(false),
    /** The payload is not a Sparkplug B protobuf, or breaks a rule of one (no seq, an alias given twice in a birth). */
    MALFORMED_PAYLOAD(false),
    /** Data or a device message from an edge node or device with no valid birth (never born, dead, or out of step). */
    NO_BIRTH(true),
    /** The payload {@code seq} is not the one after the node's previous message: a message was lost in between. */
    SEQUENCE_GAP(true),
    /** A data message names a metric by an alias its birth did not define. */
    UNKNOWN_ALIAS(true),
    /** A data message names a metric by a name its birth did not define. */
    UNKNOWN_METRIC(true);

    private final boolean rebirthNeeded;

    RejectReason(boolean rebirthNeeded) {
        this.rebirthNeeded = rebirthNeeded;
    }

    /** The snake_case name callers log and count ({@code sequence_gap}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the edge node's state here is out of step with the node, so a host should ask it for a rebirth
     * ({@link SparkplugEncoder#rebirthRequest}); until its {@code NBIRTH} arrives its data is rejected.
     */
    public boolean rebirthNeeded() {
        return rebirthNeeded;
    }
}
