package org.prognos.inference.api;

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
        byComponent = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byComponent));
    }
}
