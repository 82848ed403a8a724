package org.prognos.models.runtime.answer;

import java.util.List;

/**
 * Why the score is what it is (occlusion: see the README).
 *
 * @param method      {@code occlusion}
 * @param references  {@code bundle} when the bundle stores per-column reference values, {@code asset} when they are
 *                    the asset's own normal means (an anomaly model scaling each asset by its own), else {@code default}
 * @param topFeatures the features with the largest |contribution|
 * @param groups      every sensor (and events, attributes) with its contribution, largest |contribution| first
 */
public record Explanation(String method, String references, List<FeatureContribution> topFeatures,
                          List<GroupContribution> groups) {
    public Explanation {
        topFeatures = List.copyOf(topFeatures);
        groups = List.copyOf(groups);
    }
}
