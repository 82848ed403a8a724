package org.prognos.models.predict;

import org.prognos.models.bundle.LoadedBundle;

/**
 * Makes a {@link Predictor} from a verified bundle of one payload kind. The extension point for model libraries:
 * the DL4J adapter will be a factory for {@code dl4j-zip} registered with {@link Predictors#with}.
 */
@FunctionalInterface
public interface PredictorFactory {
    /**
     * Loads the bundle's payload.
     *
     * @throws org.prognos.models.BundleFormatException when the payload cannot be loaded or does not fit the manifest
     */
    Predictor create(LoadedBundle bundle);
}
