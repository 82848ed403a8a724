package org.prognos.live.device;

import org.prognos.PrognosException;

/**
 * A device message that cannot be used, with the reason a transport dead-letters and counts it under. The reasons are
 * the service's ({@code prognos_mqtt_rejected_total{reason}}, {@code {deadLetterTopic}/{reason}}), so that a consumer
 * of dead letters reads the service's and a Flink job's alike.
 */
public final class InvalidDeviceMessageException extends PrognosException {
    private static final long serialVersionUID = 1L;

    /** Not JSON at all (or empty). */
    public static final String MALFORMED = "malformed_payload";
    /** JSON with a key the format does not define. */
    public static final String UNKNOWN_FIELD = "unknown_field";
    /** JSON of the right shape with a value that cannot be used (a bad time, a value not a number). */
    public static final String INVALID = "invalid_payload";
    /** No asset to apply the message to: a blank asset id (a Kafka record without a key, say). */
    public static final String INVALID_ASSET = "invalid_asset";
    /**
     * Readings not after the asset's last applied one: refused by the per-asset state, not by a decoder, and listed
     * here so that every transport dead-letters them under the same reason.
     */
    public static final String OUT_OF_ORDER = "out_of_order";

    private final String reason;
    private final String asset;

    /**
     * @param reason one of the constants here (or a decoder's own, such as Sparkplug's)
     * @param asset  the asset the message was about, "" when unknown
     * @param detail what is wrong, for people
     */
    public InvalidDeviceMessageException(String reason, String asset, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
        this.asset = asset;
    }

    /** Why, as a short label fit for a topic level and a metric label. */
    public String reason() {
        return reason;
    }

    /** The asset the message was about, or "" when unknown. */
    public String asset() {
        return asset;
    }
}
