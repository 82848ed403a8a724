package org.prognos.models.predict;

import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.prognos.models.BundleFormatException;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.PayloadKind;

/**
 * Picks the adapter for a bundle by its payload kind. {@link #standard()} holds every {@link PredictorFactory} on
 * the class path ({@link ServiceLoader}, looked up once): in this module {@code tribuo-protobuf} (an XGBoost model
 * scored by its booster, or by walking its trees, whenever that equals Tribuo's own path bit for bit),
 * {@code dl4j-zip} and {@code baseline-json}. A caller replaces or adds one with {@link #with}. Immutable.
 */
public final class Predictors {
    private static final Comparator<PayloadKind> BY_ID = Comparator.comparing(PayloadKind::id);
    private static final Predictors STANDARD = discover();

    private final Map<PayloadKind, PredictorFactory> factories;

    private Predictors(Map<PayloadKind, PredictorFactory> factories) {
        TreeMap<PayloadKind, PredictorFactory> sorted = new TreeMap<>(BY_ID);
        sorted.putAll(factories);
        this.factories = Collections.unmodifiableMap(sorted);
    }

    private static Predictors discover() {
        TreeMap<PayloadKind, PredictorFactory> found = new TreeMap<>(BY_ID);
        for (PredictorFactory f : ServiceLoader.load(PredictorFactory.class, Predictors.class.getClassLoader())) {
            PredictorFactory other = found.put(f.kind(), f);
            if (other != null) {
                throw new IllegalStateException("two adapters load payload kind '" + f.kind() + "': "
                        + other.getClass().getName() + " and " + f.getClass().getName());
            }
        }
        return new Predictors(found);
    }

    /**
     * The adapters on the class path: Tribuo protobuf models (XGBoost through its direct path when exact), DL4J
     * sequence models and JSON baselines. What the scoring service, the report and the evaluation all load with.
     */
    public static Predictors standard() {
        return STANDARD;
    }

    /** Loads a bundle with the {@link #standard()} adapters. */
    public static Predictor load(LoadedBundle bundle) {
        return STANDARD.create(bundle);
    }

    /** These adapters plus (or with a replaced) {@code factory} for {@code kind}. */
    public Predictors with(PayloadKind kind, Function<? super LoadedBundle, ? extends Predictor> factory) {
        return with(PredictorFactory.of(kind, factory));
    }

    /** These adapters plus (or with a replaced) {@code factory} for its kind. */
    public Predictors with(PredictorFactory factory) {
        TreeMap<PayloadKind, PredictorFactory> more = new TreeMap<>(BY_ID);
        more.putAll(factories);
        more.put(factory.kind(), factory);
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
