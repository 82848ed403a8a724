package org.prognos.models.predict;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.prognos.models.BundleFormatException;
import org.prognos.models.baseline.BaselinePredictor;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.dl4j.Dl4jPredictor;
import org.prognos.models.tribuo.TribuoPredictor;

/**
 * Picks the adapter for a bundle by its payload kind. {@link #standard()} knows every kind of this module:
 * {@code tribuo-protobuf}, {@code dl4j-zip} and {@code baseline-json}; a caller replaces or adds one with
 * {@link #with} (the scoring service swaps in a direct XGBoost path). Immutable.
 */
public final class Predictors {
    private static final Predictors STANDARD = new Predictors(Map.of(
            PayloadKind.TRIBUO_PROTOBUF, TribuoPredictor::load,
            // a lambda, not a method reference: ND4J's native backend loads only when a DL4J bundle does
            PayloadKind.DL4J_ZIP, bundle -> Dl4jPredictor.load(bundle),
            PayloadKind.BASELINE_JSON, BaselinePredictor::load));

    private final Map<PayloadKind, PredictorFactory> factories;

    private Predictors(Map<PayloadKind, PredictorFactory> factories) {
        TreeMap<PayloadKind, PredictorFactory> sorted = new TreeMap<>((a, b) -> a.id().compareTo(b.id()));
        sorted.putAll(factories);
        this.factories = Collections.unmodifiableMap(sorted);
    }

    /** The adapters of this module: Tribuo protobuf models, DL4J sequence models and JSON baselines. */
    public static Predictors standard() {
        return STANDARD;
    }

    /** Loads a bundle with the {@link #standard()} adapters. */
    public static Predictor load(LoadedBundle bundle) {
        return STANDARD.create(bundle);
    }

    /** These adapters plus (or with a replaced) {@code factory} for {@code kind}. */
    public Predictors with(PayloadKind kind, PredictorFactory factory) {
        if (kind == null || factory == null) {
            throw new BundleFormatException("a payload kind and a factory are required");
        }
        TreeMap<PayloadKind, PredictorFactory> more = new TreeMap<>((a, b) -> a.id().compareTo(b.id()));
        more.putAll(factories);
        more.put(kind, factory);
        return new Predictors(more);
    }

    /** The payload kinds these adapters load. */
    public Set<PayloadKind> kinds() {
        return factories.keySet();
    }

    /**
     * Makes a predictor for {@code bundle}.
     *
     * @throws BundleFormatException when no adapter handles its payload kind, or the adapter refuses the payload
     */
    public Predictor create(LoadedBundle bundle) {
        PayloadKind kind = bundle.manifest().payload().kind();
        PredictorFactory factory = factories.get(kind);
        if (factory == null) {
            throw new BundleFormatException(bundle + ": no adapter loads payload kind '" + kind + "'; known kinds: "
                    + kinds());
        }
        return factory.create(bundle);
    }
}
