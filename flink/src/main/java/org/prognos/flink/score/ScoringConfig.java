package org.prognos.flink.score;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.prognos.live.alert.AlertRule;

/**
 * What every scoring task is given when the job is built (it travels with the job graph, so it is serializable).
 *
 * @param model       where each task loads the model from
 * @param consecutive the alert rule's K ({@link AlertRule#consecutive()})
 * @param hysteresis  the alert rule's h ({@link AlertRule#hysteresis()})
 * @param topFeatures how many features explain a score at or past the threshold (the service's default is 5)
 * @param attributes  each asset's static attributes (model, age, ...), which its feature state starts from; an asset
 *                    not listed starts with none
 * @param cachedAssets how many assets' decoded state each scoring task keeps in its heap between messages (written to
 *                    keyed state when evicted and at every checkpoint; see {@link AssetScoring}); 0 decodes and
 *                    encodes an asset's state at every message
 */
public record ScoringConfig(ModelSource model, int consecutive, double hysteresis, int topFeatures,
                            Map<String, Map<String, String>> attributes, int cachedAssets) implements Serializable {
    /** The default of {@link #cachedAssets}: about 250 MB of heap per task for the Azure guide spec's state. */
    public static final int DEFAULT_CACHED_ASSETS = 50_000;

    public ScoringConfig {
        Objects.requireNonNull(model, "model");
        new AlertRule(consecutive, hysteresis);     // validates
        if (topFeatures < 0) {
            throw new IllegalArgumentException("topFeatures must not be negative, found " + topFeatures);
        }
        if (cachedAssets < 0) {
            throw new IllegalArgumentException("cachedAssets must not be negative, found " + cachedAssets);
        }
        Map<String, Map<String, String>> copy = new HashMap<>();
        attributes.forEach((asset, a) -> copy.put(asset, Map.copyOf(a)));
        attributes = Map.copyOf(copy);
    }

    /** The service's defaults: {@link AlertRule#defaults()}, 5 features; {@link #DEFAULT_CACHED_ASSETS}. */
    public static ScoringConfig defaults(ModelSource model, Map<String, Map<String, String>> attributes) {
        AlertRule r = AlertRule.defaults();
        return new ScoringConfig(model, r.consecutive(), r.hysteresis(), 5, attributes, DEFAULT_CACHED_ASSETS);
    }

    /** The same configuration with another alert rule. */
    public ScoringConfig withRule(AlertRule rule) {
        return new ScoringConfig(model, rule.consecutive(), rule.hysteresis(), topFeatures, attributes, cachedAssets);
    }

    /** The same configuration with {@code n} assets' decoded state kept per task. */
    public ScoringConfig withCachedAssets(int n) {
        return new ScoringConfig(model, consecutive, hysteresis, topFeatures, attributes, n);
    }

    AlertRule rule() {
        return new AlertRule(consecutive, hysteresis);
    }

    Map<String, String> attributesOf(String asset) {
        return attributes.getOrDefault(asset, Map.of());
    }
}
