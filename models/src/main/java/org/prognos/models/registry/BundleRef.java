package org.prognos.models.registry;

import org.prognos.models.InvalidModelNameException;
import org.prognos.models.bundle.Names;

/**
 * One published version of a model, written {@code name:version}.
 *
 * @param name    the model name
 * @param version the version, from 1
 */
public record BundleRef(String name, int version) {
    public BundleRef {
        Names.requireModelName(name);
        if (version < 1) {
            throw new InvalidModelNameException("model versions start at 1, found " + name + ":" + version);
        }
    }

    @Override
    public String toString() {
        return name + ":" + version;
    }
}
