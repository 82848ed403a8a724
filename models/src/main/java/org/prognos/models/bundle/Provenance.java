package org.prognos.models.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.prognos.models.BundleFormatException;

/**
 * Where a model came from, enough to reproduce it: the training data's fingerprint, how it was split, the
 * seed, the trainer's hyperparameters and the software versions.
 *
 * @param trainingDataFingerprint a stable digest of the training data (e.g. {@code sha256:...} of the inputs)
 * @param split                   how train and test were separated, e.g. {@code "by asset, 20% test, gap 48h"}
 * @param seed                    the seed passed to the trainer and the split
 * @param hyperparameters         the trainer settings, as JSON values by name
 * @param libraries               the software versions
 */
public record Provenance(String trainingDataFingerprint, String split, long seed, Map<String, JsonNode> hyperparameters,
                         LibraryVersions libraries) {
    public Provenance {
        if (trainingDataFingerprint == null || trainingDataFingerprint.isBlank()) {
            throw new BundleFormatException("provenance needs the training data fingerprint");
        }
        if (split == null || split.isBlank()) {
            throw new BundleFormatException("provenance needs a description of the train/test split");
        }
        if (libraries == null) {
            throw new BundleFormatException("provenance needs the library versions");
        }
        hyperparameters = copy(hyperparameters);
    }

    /**
     * The properties of a hyperparameter record (or any Jackson-serializable settings object) as provenance
     * hyperparameters, e.g. {@code hyperparametersOf(new GbtSettings(100, 0.1, 6))}.
     */
    public static Map<String, JsonNode> hyperparametersOf(Object settings) {
        JsonNode tree = ManifestJson.mapper().valueToTree(settings);
        if (tree == null || !tree.isObject()) {
            throw new BundleFormatException("hyperparameters must serialize to a JSON object, found " + tree);
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        tree.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The hyperparameters; a fresh deep copy (JSON nodes are mutable). */
    @Override
    public Map<String, JsonNode> hyperparameters() {
        return copy(hyperparameters);
    }

    private static Map<String, JsonNode> copy(Map<String, JsonNode> in) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (in != null) {
            in.forEach((k, v) -> {
                if (k == null || v == null) {
                    throw new BundleFormatException("hyperparameter names and values must not be null: " + k);
                }
                out.put(k, v.deepCopy());
            });
        }
        return Collections.unmodifiableMap(out);
    }
}
