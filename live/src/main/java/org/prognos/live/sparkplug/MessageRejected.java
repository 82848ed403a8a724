package org.prognos.live.sparkplug;

/**
 * Thrown inside the decoder to abandon a message, and turned into {@link Decoded.Rejected} before
 * {@link SparkplugDecoder#decode} returns; it never reaches a caller. Carries no stack trace: it is an outcome, not
 * a fault.
 */
final class MessageRejected extends Exception {
    private static final long serialVersionUID = 1L;
    private final RejectReason reason;

    MessageRejected(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Decoded.Rejected result() {
        return new Decoded.Rejected(reason, getMessage());
    }
}
