package org.prognos.inference.catalog;

import java.lang.System.Logger.Level;
import java.time.Instant;
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
import org.prognos.inference.ModelUnavailableException;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.api.ModelFault;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.models.BundleFormatException;
import org.prognos.models.BundleIntegrityException;
import org.prognos.models.BundleSignatureException;
import org.prognos.models.ModelNotFoundException;
import org.prognos.models.PredictionException;
import org.prognos.models.bundle.Names;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelReference;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.signing.BundleTrust;

/**
 * The models the service serves, by name, each behind an {@link AtomicReference} to its current
 * {@link ServedModel}, and the ones it is meant to serve but cannot, each with the reason.
 *
 * <p><b>Start.</b> {@link #open} loads every model the config names (or every {@code production} alias). A model whose
 * bundle is refused (checksums, format, signature under the {@link BundleTrust}, smoke test, or a reference naming no
 * version) does not stop the start: it is <em>failed</em>, logged, counted, reported by readiness, and requests for it
 * answer 503 naming the reason. The start fails only when the config is invalid (two references name one model) or
 * no model loads at all.
 *
 * <p><b>Reload.</b> {@link #reload} (the admin call) and {@link #poll} (the registry watcher) re-resolve a model's
 * reference; when it names another version, or the bundle directory's files changed, the new bundle is loaded and
 * verified (checksums, signature, spec, a smoke-test prediction) off to the side, then swapped in atomically.
 * Requests that leased the old version finish on it; its predictor closes when the last one is done. A bundle that
 * fails verification is refused: the reason is logged, {@code prognos_model_reload_failures_total} counts it,
 * readiness lists it under {@code refused}, and the previous version keeps serving. A failed model is retried the
 * same way and served once its bundle loads. The watcher does not retry the same refused directory state until it
 * changes again. Reloads of one model are serialized; scoring never waits for a reload.
 */
public final class ModelCatalog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ModelCatalog.class.getName());
    /** The directory state of a reference that names no version (yet). */
    private static final String MISSING = "missing";

    private final ModelRegistry registry;
    private final Predictors predictors;
    private final BundleTrust trust;
    private final ServiceMetrics metrics;
    private final boolean everyProduction;   // no list in the config: serve every model with a production alias
    private volatile Map<String, String> wanted;   // name to reference, config order; replaced whole when one is found
    private volatile Map<String, AtomicReference<ServedModel>> current;   // replaced whole when a model is added
    private final Map<String, Refusal> failed = new ConcurrentHashMap<>();    // wanted, not served
    private final Map<String, Refusal> refused = new ConcurrentHashMap<>();   // served; a newer bundle was refused
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** The outcome of a reload: the version before (0: none was served) and after, and whether a bundle was swapped in. */
    public record ReloadOutcome(String model, int previousVersion, int version, boolean changed) {
    }

    /** A refused bundle: what is reported, and the directory state refused (retried only once it changes). */
    private record Refusal(ModelFault fault, String state) {
    }

    private ModelCatalog(ModelRegistry registry, Predictors predictors, BundleTrust trust, ServiceMetrics metrics,
                         Map<String, String> wanted, boolean everyProduction) {
        this.registry = registry;
        this.predictors = predictors;
        this.trust = trust;
        this.metrics = metrics;
        this.wanted = Collections.unmodifiableMap(wanted);
        this.current = Map.of();
        this.everyProduction = everyProduction;
    }

    /** As {@link #open(ModelRegistry, List, Predictors, ServiceMetrics, BundleTrust)} without a trust list. */
    public static ModelCatalog open(ModelRegistry registry, List<String> references, Predictors predictors, ServiceMetrics metrics) {
        return open(registry, references, predictors, metrics, BundleTrust.unchecked());
    }

    /**
     * Loads the models {@code references} name, or, when it is empty, the {@code production} alias of every model
     * in the registry that has one; the ones that fail to load are kept as failed (see the class comment).
     *
     * @throws PrognosException when two references name one model, the registry has no production model to serve,
     *                          or no model loads (then the one failure, or a summary of all)
     */
    public static ModelCatalog open(ModelRegistry registry, List<String> references, Predictors predictors, ServiceMetrics metrics,
                                    BundleTrust trust) {
        ModelCatalog catalog = new ModelCatalog(registry, predictors, trust, metrics, wantedModels(registry, references),
                references.isEmpty());
        List<RuntimeException> errors = new ArrayList<>();
        catalog.wanted.forEach((name, reference) -> catalog.tryLoad(name, reference, "at start").ifPresent(errors::add));
        if (catalog.current.isEmpty()) {
            catalog.close();
            throw errors.size() == 1 ? errors.get(0) : new PrognosException("no model could be loaded: " + String.join("; ",
                    catalog.failures().stream().map(f -> f.model() + " (" + f.reason() + "): " + f.detail()).toList()));
        }
        return catalog;
    }

    /** The name to reference map the service is meant to serve, in config order; checks the config first. */
    private static Map<String, String> wantedModels(ModelRegistry registry, List<String> references) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String r : references) {
            String name = ModelReference.parse(r).name();
            if (wanted.putIfAbsent(name, r) != null) {
                throw new PrognosException("the service config names model '" + name + "' twice; serve one version per name");
            }
        }
        if (references.isEmpty()) {
            for (String name : registry.list()) {
                if (registry.aliases(name).containsKey(ServiceConfig.DEFAULT_ALIAS)) {
                    wanted.put(name, name + "@" + ServiceConfig.DEFAULT_ALIAS);
                }
            }
            if (wanted.isEmpty()) {
                throw new ModelNotFoundException("registry " + registry.root() + " has no model with a '"
                        + ServiceConfig.DEFAULT_ALIAS + "' alias (models: " + registry.list() + "); promote one, or name"
                        + " the versions to serve in the service config's 'models'");
            }
        }
        return wanted;
    }

    /** Whether a model of that name is served (no copy of the names made). */
    public boolean serves(String name) {
        return current.containsKey(name);
    }

    /** The names served, in config order. */
    public List<String> names() {
        return List.copyOf(current.keySet());
    }

    /** The models configured but not served, in config order, each with the reason. */
    public List<ModelFault> failures() {
        return wanted.keySet().stream().map(failed::get).filter(r -> r != null).map(Refusal::fault).toList();
    }

    /** The served models whose newer bundle was refused, in config order (the version served stays). */
    public List<ModelFault> refusals() {
        return wanted.keySet().stream().map(refused::get).filter(r -> r != null).map(Refusal::fault).toList();
    }

    /**
     * Leases the current version of {@code name}; close the lease when the request is done.
     *
     * @throws ModelNotFoundException     when no model of that name is served
     * @throws ModelUnavailableException when the model is configured but its bundle was refused
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

    /**
     * The only model the service is meant to serve, if there is exactly one (the default for streaming readings). A
     * failed model counts, so the default does not change when it loads later.
     */
    public Optional<String> only() {
        Map<String, String> w = wanted;
        return w.size() == 1 ? Optional.of(w.keySet().iterator().next()) : Optional.empty();
    }

    private AtomicReference<ServedModel> slot(String name) {
        AtomicReference<ServedModel> slot = current.get(name);   // a served name was checked when it was loaded
        if (slot != null) {
            return slot;
        }
        Refusal r = failed.get(name);
        if (r != null) {
            throw unavailable(r.fault());
        }
        Names.requireModelName(name);   // a bad name is a 400 naming the rule, before "not served"
        throw new ModelNotFoundException("no model '" + name + "' is served here; served models: " + current.keySet());
    }

    private static ModelUnavailableException unavailable(ModelFault f) {
        return new ModelUnavailableException("model '" + f.model() + "' is not served: its bundle (" + f.reference()
                + ") was refused (" + f.reason() + "): " + f.detail() + "; it is loaded once a good bundle is published");
    }

    /**
     * Reloads {@code name} now: re-resolves its reference and, when the version or the bundle's files changed (or the
     * model is failed), loads, verifies and swaps.
     *
     * @throws ConflictException when the new bundle is refused; the previous version, if any, keeps serving
     */
    public ReloadOutcome reload(String name) {
        if (!current.containsKey(name) && failed.containsKey(name)) {
            return retry(name);
        }
        AtomicReference<ServedModel> slot = slot(name);
        synchronized (lock(name)) {
            ServedModel old = slot.get();
            try {
                if (unchanged(old)) {
                    refused.remove(name);
                    return new ReloadOutcome(name, old.version(), old.version(), false);
                }
                ServedModel fresh = ServedModel.load(registry, old.reference(), predictors, trust);
                slot.set(fresh);
                old.release();
                refused.remove(name);
                metrics.reloaded(name, fresh.version());
                LOG.log(Level.INFO, "reloaded {0}: now serving {1} (was {2})", name, fresh, old);
                fresh.adaptiveHandover(old).ifPresent(h -> LOG.log(Level.INFO, "reloaded {0}: {1}", name, h));
                return new ReloadOutcome(name, old.version(), fresh.version(), true);
            } catch (RuntimeException e) {
                String reason = reason(e);
                metrics.reloadFailed(name, reason);
                refused.put(name, new Refusal(new ModelFault(name, old.reference(), reason, e.getMessage(), Instant.now()),
                        stateOrMissing(old.reference())));
                LOG.log(Level.WARNING, "refused to reload {0} ({1}): {2}; still serving {3}", name, reason, e.getMessage(), old);
                throw new ConflictException("model '" + name + "': the bundle " + old.reference() + " now resolves to was refused ("
                        + reason + "): " + e.getMessage() + "; still serving " + old, e);
            }
        }
    }

    /** Tries a failed model again now (the admin reload); it serves from now on if its bundle loads. */
    private ReloadOutcome retry(String name) {
        synchronized (lock(name)) {
            if (!current.containsKey(name)) {
                Optional<RuntimeException> error = tryLoad(name, wanted.get(name), "on reload");
                if (error.isPresent()) {
                    ModelFault f = failed.get(name).fault();
                    throw new ConflictException("model '" + name + "' is still not served: its bundle (" + f.reference()
                            + ") was refused (" + f.reason() + "): " + f.detail(), error.get());
                }
            }
            ServedModel m = current.get(name).get();
            return new ReloadOutcome(name, 0, m.version(), true);
        }
    }

    /**
     * One pass of the registry watcher: reloads every served model whose reference or bundle files changed since the
     * last load, and tries every failed model whose directory changed since it was refused, skipping a directory state
     * that was already refused. Never throws.
     */
    public void poll() {
        discover();
        for (String name : wanted.keySet()) {
            try {
                if (current.containsKey(name)) {
                    pollServed(name);
                } else {
                    pollFailed(name);
                }
            } catch (ConflictException e) {
                // logged and counted by reload
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "registry poll of {0} failed: {1}", name, e.getMessage());
            }
        }
    }

    private void pollServed(String name) {
        ServedModel m = current.get(name).get();
        if (unchanged(m)) {
            refused.remove(name);   // back on the bundle being served (an alias moved back, say)
            return;
        }
        Refusal r = refused.get(name);
        if (r != null && r.state().equals(directoryState(m.reference()))) {
            return;
        }
        reload(name);
    }

    private void pollFailed(String name) {
        Refusal r = failed.get(name);
        if (r != null && !r.state().equals(stateOrMissing(r.fault().reference()))) {
            synchronized (lock(name)) {
                if (!current.containsKey(name)) {
                    tryLoad(name, r.fault().reference(), "on retry");
                }
            }
        }
    }

    /**
     * When the service serves every production model: adds the models promoted since the last pass (tried at once,
     * failed like any other when refused), and forgets failed ones that lost their production alias.
     */
    private void discover() {
        if (!everyProduction) {
            return;
        }
        Map<String, String> next = new LinkedHashMap<>(wanted);
        List<String> found = new ArrayList<>();
        for (String name : registry.list()) {
            if (!next.containsKey(name) && registry.aliases(name).containsKey(ServiceConfig.DEFAULT_ALIAS)) {
                next.put(name, name + "@" + ServiceConfig.DEFAULT_ALIAS);
                found.add(name);
            }
        }
        for (String name : failed.keySet()) {
            if (!registry.aliases(name).containsKey(ServiceConfig.DEFAULT_ALIAS)) {
                next.remove(name);
                failed.remove(name);
                metrics.forget(name);
                LOG.log(Level.INFO, "{0} has no production alias any more; no longer trying to serve it", name);
            }
        }
        if (found.isEmpty() && next.size() == wanted.size()) {
            return;
        }
        wanted = Collections.unmodifiableMap(next);
        for (String name : found) {
            synchronized (lock(name)) {
                tryLoad(name, next.get(name), "promoted since the service started");
            }
        }
    }

    /**
     * Loads {@code reference} as model {@code name} and serves it, or records it as failed. Never throws.
     *
     * @return the error, when the bundle was refused
     */
    private Optional<RuntimeException> tryLoad(String name, String reference, String when) {
        String state = stateOrMissing(reference);
        try {
            ServedModel m = ServedModel.load(registry, reference, predictors, trust);
            serve(name, m);
            failed.remove(name);
            metrics.loaded(name, m.version());
            // at start the service's one "serving" line names every model; a later load is news
            LOG.log("at start".equals(when) ? Level.DEBUG : Level.INFO, "serving {0} ({1}), loaded {2}", m, reference, when);
            return Optional.empty();
        } catch (RuntimeException e) {
            String reason = reason(e);
            metrics.reloadFailed(name, reason);
            metrics.notServed(name);
            failed.put(name, new Refusal(new ModelFault(name, reference, reason, e.getMessage(), Instant.now()), state));
            LOG.log(Level.WARNING, "model {0} is not served: {1} was refused {2} ({3}): {4}; retried when its bundle changes",
                    name, reference, when, reason, e.getMessage());
            return Optional.of(e);
        }
    }

    /** Adds a model to the served ones, keeping config order. */
    private synchronized void serve(String name, ServedModel m) {
        Map<String, AtomicReference<ServedModel>> next = new LinkedHashMap<>();
        for (String n : wanted.keySet()) {
            if (n.equals(name)) {
                next.put(n, new AtomicReference<>(m));
            } else if (current.containsKey(n)) {
                next.put(n, current.get(n));
            }
        }
        current = Collections.unmodifiableMap(next);
    }

    private Object lock(String name) {
        return locks.computeIfAbsent(name, k -> new Object());
    }

    private boolean unchanged(ServedModel m) {
        return directoryState(m.reference()).equals(m.version() + "|" + m.fingerprint());
    }

    /** Version the reference resolves to, and that version's directory fingerprint. */
    private String directoryState(String reference) {
        var ref = registry.resolve(reference);
        return ref.version() + "|" + ServedModel.fingerprint(registry.directory(ref));
    }

    private String stateOrMissing(String reference) {
        try {
            return directoryState(reference);
        } catch (RuntimeException e) {
            return MISSING;
        }
    }

    private static String reason(RuntimeException e) {
        if (e instanceof BundleSignatureException s) {
            return s.reason();
        }
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
