package org.prognos.models.anomaly.context;

import java.util.LinkedHashMap;
import java.util.Map;
import org.prognos.PrognosException;

/**
 * The hyperparameters of a {@link ContextDetector}, the original's constructor arguments.
 *
 * @param threshold     a score at least this starts the rest (the original's {@code baseThreshold}, 0.75)
 * @param rest          steps whose scores are remembered for the rest (the original's {@code restPeriod}); at least 1
 * @param maxLeftLength the longest crossed left semi-context that may seed a new context (7)
 * @param maxActive     active contexts that become facts of the next step (15)
 * @param bits          bits of the quantised value: 2^bits bins over the range (3)
 */
public record ContextSettings(double threshold, int rest, int maxLeftLength, int maxActive, int bits) {
    public ContextSettings {
        require(threshold > 0 && threshold <= 1, "threshold", threshold, "in (0, 1]");
        require(rest >= 1, "rest", rest, "at least 1");
        require(maxLeftLength >= 1, "maxLeftLength", maxLeftLength, "at least 1");
        require(maxActive >= 1, "maxActive", maxActive, "at least 1");
        require(bits >= 1 && bits <= 16, "bits", bits, "in 1 … 16");
    }

    /**
     * The original's defaults, with the rest NAB's harness gives it: a fifth of the learning period
     * ({@code int(learning / 5.0)}, at least 1).
     */
    public static ContextSettings forLearningPeriod(int learningRows) {
        return new ContextSettings(0.75, Math.max(1, (int) (learningRows / 5.0)), 7, 15, 3);
    }

    /** The settings by name, for provenance. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threshold", threshold);
        m.put("rest", rest);
        m.put("maxLeftLength", maxLeftLength);
        m.put("maxActive", maxActive);
        m.put("bits", bits);
        return m;
    }

    private static void require(boolean ok, String name, Object value, String what) {
        if (!ok) {
            throw new PrognosException("context setting '" + name + "' must be " + what + ", found " + value);
        }
    }
}
