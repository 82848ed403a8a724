package org.prognos.flink.score;

import java.io.Serializable;
import java.util.Objects;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;

/**
 * Where each task loads its model from: a registry directory every task manager can read (a shared volume, or one
 * shipped with the job) and a reference in it ({@code name}, {@code name:3}, {@code name@production}).
 *
 * @param registry  the registry's root directory, as a path string (a {@code Path} is not serializable)
 * @param reference the model reference
 */
public record ModelSource(String registry, String reference) implements Serializable {
    public ModelSource {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(reference, "reference");
    }

    /** Loads and verifies the bundle; the caller closes it. */
    public LoadedModel load() {
        return LoadedModel.load(new ModelRegistry(java.nio.file.Path.of(registry)), reference);
    }
}
