package org.prognos.inference.drift;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.prognos.inference.DriftConfig;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.catalog.ServedModel;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.models.drift.DriftMeasure;
import org.prognos.models.drift.DriftThresholds;
import org.prognos.models.drift.DriftVerdict;
import org.prognos.models.drift.ReferenceProfile;
import org.prognos.models.runtime.LoadedModel;

/**
 * Per served model, a window of the last live input vectors and their comparison with the bundle's training profile.
 *
 * <p>{@link #record} is on the scoring path: a map look-up, an identity check and one array copy under the model's
 * window lock. The window belongs to the loaded model version it was filled for; the first vector of a reloaded
 * version starts a fresh one, so a new bundle is never judged on its predecessor's inputs against its own profile.
 *
 * <p>{@link #drift} judges on request; {@link #evaluate} judges every served model, publishes the gauges and tells the
 * listeners. Neither fits anything: the reference is the profile the training job wrote.
 */
public final class DriftMonitor {
    /** A model version's window. */
    private record Tracked(LoadedModel model, int version, Optional<ReferenceProfile> profile, DriftWindow window) {
    }

    private final ModelCatalog catalog;
    private final ServiceMetrics metrics;
    private final int capacity;
    private final DriftThresholds thresholds;
    private final Clock clock;
    private final java.util.function.Predicate<String> counted;
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private final List<DriftListener> listeners = new CopyOnWriteArrayList<>();
    /** The feature names each model's gauges were last published under, so a reload can withdraw them. */
    private final Map<String, List<String>> published = new ConcurrentHashMap<>();

    /**
     * A monitor of {@code catalog}'s models.
     *
     * @param config the window size, thresholds and features set aside
     * @param clock  the time an evaluation is stamped with (drift alerts' data time)
     */
    public DriftMonitor(ModelCatalog catalog, ServiceMetrics metrics, DriftConfig config, Clock clock) {
        this.catalog = catalog;
        this.metrics = metrics;
        this.capacity = config.window();
        this.thresholds = config.thresholds();
        this.clock = clock;
        this.counted = config::counts;
    }

    /** Adds a listener told of every {@link #evaluate}. */
    public void listen(DriftListener listener) {
        listeners.add(listener);
    }

    /** Records one input vector {@code m} scored. O(features), no allocation once the version's window exists. */
    public void record(ServedModel m, double[] vector) {
        Tracked t = tracked.get(m.name());
        if (t == null || t.model() != m.loaded()) {
            t = track(m);
        }
        t.window().record(vector);
    }

    private Tracked track(ServedModel m) {
        return tracked.compute(m.name(), (name, old) -> old != null && old.model() == m.loaded() ? old
                : new Tracked(m.loaded(), m.version(), m.loaded().profile(),
                        new DriftWindow(capacity, m.manifest().featureColumns().size())));
    }

    /**
     * The drift of {@code model}'s current version now.
     *
     * @throws org.prognos.models.ModelNotFoundException when no model of that name is served
     */
    public ModelDrift drift(String model) {
        ServedModel m = catalog.peek(model);
        Tracked t = tracked.get(m.name());
        if (t == null || t.model() != m.loaded()) {
            t = track(m);
        }
        double[][] rows = t.window().snapshot();
        DriftVerdict verdict = t.profile().isEmpty() ? new DriftVerdict.NoProfile(rows.length)
                : DriftMeasure.judge(t.profile().get(), rows, thresholds, countedFor(m));
        return new ModelDrift(m.name(), t.version(), capacity, t.window().recorded(), t.profile().map(ReferenceProfile::source)
                .orElse(""), thresholds, verdict, clock.instant());
    }

    /**
     * The features that count towards {@code m}'s status: those {@code drift.ignore} does not set aside, less the
     * columns that describe the asset rather than its readings (attributes, age, time since an event — see
     * {@link org.prognos.features.extract.FeatureExtractor#assetColumns}), which follow the fleet's make-up and are
     * shown but never counted.
     */
    private java.util.function.Predicate<String> countedFor(ServedModel m) {
        java.util.Set<String> asset = m.loaded().extractor().assetColumns();
        return f -> counted.test(f) && !asset.contains(f);
    }

    /**
     * Judges every served model, publishes {@code prognos_feature_drift_psi} and {@code prognos_model_drift_features},
     * and tells the listeners. Run periodically ({@code drift.evaluateSeconds}); safe to run from any thread.
     *
     * @return what was found, per model
     */
    public synchronized List<ModelDrift> evaluate() {
        List<ModelDrift> out = new ArrayList<>();
        for (String name : catalog.names()) {
            ModelDrift d;
            try {
                d = drift(name);
            } catch (org.prognos.models.ModelNotFoundException gone) {   // unloaded meanwhile
                continue;
            }
            publish(d);
            out.add(d);
            for (DriftListener l : listeners) {
                l.evaluated(d);
            }
        }
        tracked.keySet().retainAll(catalog.names());
        for (String gone : new ArrayList<>(published.keySet())) {
            if (!catalog.names().contains(gone)) {
                metrics.forgetDrift(gone, published.remove(gone));
            }
        }
        return out;
    }

    private void publish(ModelDrift d) {
        List<String> before = published.getOrDefault(d.model(), List.of());
        if (d.verdict() instanceof DriftVerdict.Judged j) {
            List<String> now = j.features().stream().map(f -> f.feature()).toList();
            if (!now.equals(before)) {
                metrics.forgetDrift(d.model(), before);
            }
            metrics.drift(d.model(), j);
            published.put(d.model(), now);
        } else if (!before.isEmpty()) {
            metrics.forgetDrift(d.model(), before);
            published.remove(d.model());
        }
    }
}
