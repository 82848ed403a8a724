package org.prognos.inference.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Everything a client needs to call a model, and where it came from.
 *
 * @param name              the model name
 * @param version           the registry version served
 * @param reference         what the service resolves and reloads
 * @param createdAt         when the bundle was written
 * @param loadedAt          when the service loaded it
 * @param task              the task, as in the manifest (type, horizon and classes, or unit and cap)
 * @param timeAxis          {@code timestamps} or {@code cycles}: how to write times
 * @param channels          input channels a reading must carry
 * @param featureColumns    the features computed from them, in model order
 * @param featureLabels     each feature's label for people, in the same order ("vibration, 24 h mean", "days since
 *                          comp3 replaced"), as the at-risk report names drivers
 * @param featureSpecHash   the feature spec's hash
 * @param decisionThreshold the alarm threshold on the risk score
 * @param metrics           the evaluation summary
 * @param provenance        training data fingerprint, split, seed, hyperparameters, library versions
 * @param ownScaledAssets   for an anomaly model that scales each asset by its own normal rows, how many assets have a
 *                          scaling of their own (any other asset is scored on the fleet's, its answers warn); 0, and
 *                          left out of the JSON, when the fleet shares one scaling
 * @param ownDetectorAssets for an anomaly model that gives assets detectors of their own ({@code task.detector: asset}),
 *                          how many assets have one (each of them also has its own scaling; any other asset is scored by
 *                          the fleet's detector, its answers warn); 0, and left out of the JSON, when the fleet shares
 *                          one detector
 */
public record ModelDetails(String name, int version, String reference, Instant createdAt, Instant loadedAt, JsonNode task,
                           String timeAxis, List<String> channels, List<String> featureColumns, List<String> featureLabels,
                           String featureSpecHash,
                           double decisionThreshold, JsonNode metrics, JsonNode provenance,
                           @JsonInclude(JsonInclude.Include.NON_DEFAULT) int ownScaledAssets,
                           @JsonInclude(JsonInclude.Include.NON_DEFAULT) int ownDetectorAssets) {
    public ModelDetails {
        channels = List.copyOf(channels);
        featureColumns = List.copyOf(featureColumns);
        featureLabels = List.copyOf(featureLabels);
        task = task.deepCopy();
        metrics = metrics.deepCopy();
        provenance = provenance.deepCopy();
    }
}
