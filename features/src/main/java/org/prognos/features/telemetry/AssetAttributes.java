package org.prognos.features.telemetry;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Static attributes per asset (model, age, site…), kept as text and interpreted by the feature spec as
 * categorical or numeric.
 */
public record AssetAttributes(Map<String, Map<String, String>> byAsset) {
    public AssetAttributes {
        byAsset = Map.copyOf(byAsset.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue()))));
    }

    /** No attributes for any asset. */
    public static AssetAttributes none() {
        return new AssetAttributes(Map.of());
    }

    /** The attributes of one asset, empty when it has none. */
    public Map<String, String> of(String asset) {
        return byAsset.getOrDefault(asset, Map.of());
    }

    /** One attribute of one asset. */
    public Optional<String> get(String asset, String attribute) {
        return Optional.ofNullable(of(asset).get(attribute));
    }

    public Set<String> assets() {
        return byAsset.keySet();
    }
}
