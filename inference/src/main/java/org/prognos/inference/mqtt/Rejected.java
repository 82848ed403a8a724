package org.prognos.inference.mqtt;

import org.prognos.PrognosException;
import org.prognos.live.device.InvalidDeviceMessageException;

/**
 * A message the service cannot use, with the reason it is counted and dead-lettered under.
 */
final class Rejected extends PrognosException {
    private static final long serialVersionUID = 1L;

    /** Reasons, as they appear in {@code prognos_mqtt_rejected_total{reason}} and dead-letter topics. */
    static final String MALFORMED = InvalidDeviceMessageException.MALFORMED;
    static final String UNKNOWN_FIELD = InvalidDeviceMessageException.UNKNOWN_FIELD;
    static final String INVALID = InvalidDeviceMessageException.INVALID;
    static final String OUT_OF_ORDER = InvalidDeviceMessageException.OUT_OF_ORDER;
    static final String FUTURE = "future_time";
    static final String MODEL_CONFLICT = "model_conflict";
    static final String UNKNOWN_MODEL = "unknown_model";
    static final String ASSET_NAME = InvalidDeviceMessageException.INVALID_ASSET;
    static final String NO_ROUTE = "no_subscription";

    private final String reason;
    private final String asset;

    Rejected(String reason, String asset, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
        this.asset = asset;
    }

    String reason() {
        return reason;
    }

    /** The asset the message was about, or "" when unknown. */
    String asset() {
        return asset;
    }
}
