package org.prognos.models.predict;

import java.time.Instant;
import java.util.List;
import org.prognos.models.bundle.Manifest;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.bundle.Task;

/**
 * What a loaded predictor is, for scores ("which model said this?") and for the service's model endpoint.
 *
 * @param name            the model name
 * @param version         the registry version
 * @param task            what it predicts
 * @param featureColumns  the columns of a feature row, in order
 * @param featureSpecHash the hash of the feature spec that computes those columns
 * @param payloadKind     the kind of payload behind it
 * @param createdAt       when the bundle was written
 */
public record ModelInfo(String name, int version, Task task, List<String> featureColumns, String featureSpecHash,
                        PayloadKind payloadKind, Instant createdAt) {
    public ModelInfo {
        featureColumns = List.copyOf(featureColumns);
    }

    /** The info of the bundle with {@code manifest}. */
    public static ModelInfo of(Manifest manifest) {
        return new ModelInfo(manifest.name(), manifest.version(), manifest.task(), manifest.featureColumns(),
                manifest.featureSpecHash(), manifest.payload().kind(), manifest.createdAt());
    }

    /** {@code name:version}. */
    public String reference() {
        return name + ":" + version;
    }
}
