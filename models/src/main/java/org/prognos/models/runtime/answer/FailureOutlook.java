package org.prognos.models.runtime.answer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failure probabilities within the model's horizon.
 *
 * @param horizon     the horizon as trained, e.g. {@code 24h}
 * @param any         probability that anything fails within the horizon: 1 − P(none)
 * @param byComponent probability per failure class (component), in the model's class order
 */
public record FailureOutlook(String horizon, double any, Map<String, Double> byComponent) {
    public FailureOutlook {
        byComponent = Collections.unmodifiableMap(new LinkedHashMap<>(byComponent));
    }
}
