package org.prognos.models.predict;

import java.util.function.Function;
import org.prognos.models.BundleFormatException;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.PayloadKind;

/**
 * Makes a {@link Predictor} from a verified bundle of one payload kind: the extension point for model libraries.
 * Each adapter package names its factory in {@code META-INF/services/org.prognos.models.predict.PredictorFactory},
 * and {@link Predictors#standard()} finds them with {@link java.util.ServiceLoader} once, so this package never
 * imports an adapter. A factory must be cheap to construct: loading a library's native code belongs in
 * {@link #create}, which runs only when a bundle of its kind is loaded.
 */
public interface PredictorFactory {
    /** The payload kind this factory loads. */
    PayloadKind kind();

    /**
     * Loads the bundle's payload.
     *
     * @throws BundleFormatException when the payload cannot be loaded or does not fit the manifest
     */
    Predictor create(LoadedBundle bundle);

    /** A factory for {@code kind} that loads with {@code create}. */
    static PredictorFactory of(PayloadKind kind, Function<? super LoadedBundle, ? extends Predictor> create) {
        if (kind == null || create == null) {
            throw new BundleFormatException("a payload kind and a factory are required");
        }
        return new PredictorFactory() {
            @Override
            public PayloadKind kind() {
                return kind;
            }

            @Override
            public Predictor create(LoadedBundle bundle) {
                return create.apply(bundle);
            }
        };
    }
}
