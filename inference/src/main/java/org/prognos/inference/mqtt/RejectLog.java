package org.prognos.inference.mqtt;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Logs rejected messages at most once a minute per asset and reason, saying how many were suppressed meanwhile: a
 * device stuck on a bad firmware must not flood the log. Bounded: past {@value #MAX_KEYS} keys the memory is cleared.
 */
final class RejectLog {
    private static final System.Logger LOG = System.getLogger(MqttIngest.class.getName());
    private static final long PERIOD_NANOS = 60_000_000_000L;
    private static final int MAX_KEYS = 10_000;

    private final LongSupplier nanoTime;
    private final Map<String, long[]> last = new HashMap<>();

    RejectLog(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Logs {@code r} unless one of its asset and reason was logged in the last minute. Returns whether it logged. */
    synchronized boolean log(Rejected r, String topic) {
        String key = r.asset() + "\u0000" + r.reason();
        long now = nanoTime.getAsLong();
        long[] seen = last.get(key);
        if (seen != null && now - seen[0] < PERIOD_NANOS) {
            seen[1]++;
            return false;
        }
        if (last.size() >= MAX_KEYS) {
            last.clear();
        }
        long suppressed = seen == null ? 0 : seen[1];
        last.put(key, new long[] {now, 0});
        LOG.log(Level.WARNING, "MQTT message on " + topic + " rejected (" + r.reason() + "): " + r.getMessage()
                + (suppressed > 0 ? " [" + suppressed + " more like it in the last minute not logged]" : ""));
        return true;
    }
}
