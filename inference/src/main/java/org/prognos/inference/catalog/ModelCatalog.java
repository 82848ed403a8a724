package org.prognos.inference.catalog;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.prognos.PrognosException;
import org.prognos.inference.ConflictException;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.models.BundleFormatException;
import org.prognos.models.BundleIntegrityException;
import org.prognos.models.ModelNotFoundException;
import org.prognos.models.PredictionException;
import org.prognos.models.bundle.Names;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelReference;
import org.prognos.models.registry.ModelRegistry;

/**
 * The models the service serves, by name, each behind an {@link AtomicReference} to its current
 * {@link ServedModel}.
 *
 * <p><b>Reload.</b> {@link #reload} (the admin call) and {@link #poll} (the registry watcher) re-resolve a
 * model's reference; when it names another version, or the bundle directory's files changed, the new bundle is
 * loaded and verified (checksums, spec, a smoke-test prediction) off to the side, then swapped in atomically.
 * Requests that leased the old version finish on it; its predictor closes when the last one is done. A bundle
 * that fails verification is refused: the reason is logged, {@code prognos_model_reload_failures_total} counts it,
 * and the previous version keeps serving. The watcher does not retry the same broken directory state until it
 * changes again. Reloads of one model are serialized; scoring never waits for a reload.
 */
public final class ModelCatalog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ModelCatalog.class.getName());

    private final ModelRegistry registry;
    private final Predictors predictors;
    private final ServiceMetrics metrics;
    private final boolean everyProduction;   // no list in the config: serve every model with a production alias
    private volatile Map<String, AtomicReference<ServedModel>> current;   // replaced whole when a model is added
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, String> refusedFingerprint = new ConcurrentHashMap<>();

    /** The outcome of a reload: the version before and after, and whether a new bundle was swapped in. */
    public record ReloadOutcome(String model, int previousVersion, int version, boolean changed) {
    }

    private ModelCatalog(ModelRegistry registry, Predictors predictors, ServiceMetrics metrics,
                         Map<String, AtomicReference<ServedModel>> current, boolean everyProduction) {
        this.registry = registry;
        this.everyProduction = everyProduction;
        this.predictors = predictors;
        this.metrics = metrics;
        this.current = current;
    }

    /**
     * Loads the models {@code references} name, or, when it is empty, the {@code production} alias of every model
     * in the registry that has one.
     *
     * @throws PrognosException when a named model cannot be loaded, two references name one model, or nothing is
     *                          left to serve
     */
    public static ModelCatalog open(ModelRegistry registry, List<String> references, Predictors predictors, ServiceMetrics metrics) {
        List<String> refs = new ArrayList<>(references);
        if (refs.isEmpty()) {
            for (String name : registry.list()) {
                if (registry.aliases(name).containsKey(ServiceConfig.DEFAULT_ALIAS)) {
                    refs.add(name + "@" + ServiceConfig.DEFAULT_ALIAS);
                }
            }
            if (refs.isEmpty()) {
                throw new ModelNotFoundException("registry " + registry.root() + " has no model with a '"
                        + ServiceConfig.DEFAULT_ALIAS + "' alias (models: " + registry.list() + "); promote one, or name"
                        + " the versions to serve in the service config's 'models'");
            }
        }
        Map<String, AtomicReference<ServedModel>> loaded = new LinkedHashMap<>();
        try {
            for (String r : refs) {
                String name = ModelReference.parse(r).name();
                if (loaded.containsKey(name)) {
                    throw new PrognosException("the service config names model '" + name + "' twice; serve one version per name");
                }
                ServedModel m = ServedModel.load(registry, r, predictors);
                loaded.put(name, new AtomicReference<>(m));
                metrics.loaded(name, m.version());
                LOG.log(Level.INFO, "serving {0} ({1})", m, r);
            }
        } catch (RuntimeException e) {
            loaded.values().forEach(a -> a.get().release());
            throw e;
        }
        return new ModelCatalog(registry, predictors, metrics, Collections.unmodifiableMap(loaded), references.isEmpty());
    }

    /** Whether a model of that name is served (no copy of the names made). */
    public boolean serves(String name) {
        return current.containsKey(name);
    }

    /** The names served, in config order. */
    public List<String> names() {
        return List.copyOf(current.keySet());
    }

    /**
     * Leases the current version of {@code name}; close the lease when the request is done.
     *
     * @throws ModelNotFoundException when no model of that name is served
     */
    public ModelLease acquire(String name) {
        AtomicReference<ServedModel> slot = slot(name);
        while (true) {
            ServedModel m = slot.get();
            if (m.tryRetain()) {
                return new ModelLease(m);
            }
            // lost a race with a swap: the reference now holds the successor
        }
    }

    /** The current version of {@code name}, for metadata only (its predictor may be replaced at any time). */
    public ServedModel peek(String name) {
        return slot(name).get();
    }

    /** The current version of every model, for metadata only. */
    public List<ServedModel> peekAll() {
        return current.values().stream().map(AtomicReference::get).toList();
    }

    /** The only model served, if there is exactly one (the default for streaming readings). */
    public Optional<String> only() {
        return current.size() == 1 ? Optional.of(current.keySet().iterator().next()) : Optional.empty();
    }

    private AtomicReference<ServedModel> slot(String name) {
        AtomicReference<ServedModel> slot = current.get(name);   // a served name was checked when it was loaded
        if (slot == null) {
            Names.requireModelName(name);   // a bad name is a 400 naming the rule, before "not served"
            throw new ModelNotFoundException("no model '" + name + "' is served here; served models: " + current.keySet());
        }
        return slot;
    }

    /**
     * Reloads {@code name} now: re-resolves its reference and, when the version or the bundle's files changed,
     * loads, verifies and swaps.
     *
     * @throws ConflictException when the new bundle is refused; the previous version keeps serving
     */
    public ReloadOutcome reload(String name) {
        AtomicReference<ServedModel> slot = slot(name);
        synchronized (locks.computeIfAbsent(name, k -> new Object())) {
            ServedModel old = slot.get();
            try {
                if (unchanged(old)) {
                    return new ReloadOutcome(name, old.version(), old.version(), false);
                }
                ServedModel fresh = ServedModel.load(registry, old.reference(), predictors);
                slot.set(fresh);
                old.release();
                refusedFingerprint.remove(name);
                metrics.reloaded(name, fresh.version());
                LOG.log(Level.INFO, "reloaded {0}: now serving {1} (was {2})", name, fresh, old);
                return new ReloadOutcome(name, old.version(), fresh.version(), true);
            } catch (RuntimeException e) {
                String reason = reason(e);
                metrics.reloadFailed(name, reason);
                rememberRefusal(name, old);
                LOG.log(Level.WARNING, "refused to reload {0} ({1}): {2}; still serving {3}", name, reason, e.getMessage(), old);
                throw new ConflictException("model '" + name + "': the bundle " + old.reference() + " now resolves to was refused ("
                        + reason + "): " + e.getMessage() + "; still serving " + old, e);
            }
        }
    }

    /**
     * One pass of the registry watcher: reloads every model whose reference or bundle files changed since the last
     * load, skipping a directory state that was already refused. Never throws.
     */
    public void poll() {
        discover();
        for (String name : current.keySet()) {
            try {
                ServedModel m = current.get(name).get();
                if (unchanged(m)) {
                    continue;
                }
                String state = directoryState(m);
                if (state.equals(refusedFingerprint.get(name))) {
                    continue;
                }
                reload(name);
            } catch (ConflictException e) {
                // logged and counted by reload
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "registry poll of {0} failed: {1}", name, e.getMessage());
            }
        }
    }

    /**
     * When the service serves every production model, loads the ones promoted since it started (a model whose
     * bundle is refused is logged and counted like a refused reload, and tried again when its files change).
     */
    private void discover() {
        if (!everyProduction) {
            return;
        }
        for (String name : registry.list()) {
            if (current.containsKey(name) || !registry.aliases(name).containsKey(ServiceConfig.DEFAULT_ALIAS)) {
                continue;
            }
            String reference = name + "@" + ServiceConfig.DEFAULT_ALIAS;
            synchronized (locks.computeIfAbsent(name, k -> new Object())) {
                String state;
                try {
                    state = directoryState(reference);
                } catch (RuntimeException e) {
                    continue;   // demoted or removed meanwhile
                }
                if (current.containsKey(name) || state.equals(refusedFingerprint.get(name))) {
                    continue;
                }
                try {
                    ServedModel m = ServedModel.load(registry, reference, predictors);
                    Map<String, AtomicReference<ServedModel>> next = new LinkedHashMap<>(current);
                    next.put(name, new AtomicReference<>(m));
                    current = Collections.unmodifiableMap(next);
                    refusedFingerprint.remove(name);
                    metrics.loaded(name, m.version());
                    LOG.log(Level.INFO, "serving {0} ({1}), promoted since the service started", m, reference);
                } catch (RuntimeException e) {
                    String reason = reason(e);
                    metrics.reloadFailed(name, reason);
                    refusedFingerprint.put(name, state);
                    LOG.log(Level.WARNING, "refused to load new model {0} ({1}): {2}", name, reason, e.getMessage());
                }
            }
        }
    }

    private boolean unchanged(ServedModel m) {
        return directoryState(m).equals(m.version() + "|" + m.fingerprint());
    }

    /** Version the reference resolves to, and that version's directory fingerprint. */
    private String directoryState(ServedModel m) {
        return directoryState(m.reference());
    }

    private String directoryState(String reference) {
        var ref = registry.resolve(reference);
        return ref.version() + "|" + ServedModel.fingerprint(registry.directory(ref));
    }

    private void rememberRefusal(String name, ServedModel m) {
        try {
            refusedFingerprint.put(name, directoryState(m));
        } catch (RuntimeException e) {
            refusedFingerprint.remove(name);
        }
    }

    private static String reason(RuntimeException e) {
        if (e instanceof BundleIntegrityException) {
            return "integrity";
        }
        if (e instanceof BundleFormatException) {
            return "format";
        }
        if (e instanceof ModelNotFoundException) {
            return "missing";
        }
        if (e instanceof PredictionException) {
            return "smoke-test";
        }
        return "other";
    }

    /** Releases every model (each closes once its in-flight requests finish). */
    @Override
    public void close() {
        current.values().forEach(a -> a.get().release());
    }
}
