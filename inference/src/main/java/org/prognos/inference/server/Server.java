package org.prognos.inference.server;

import io.javalin.Javalin;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.prognos.PrognosException;
import org.prognos.inference.Lifecycle;
import org.prognos.inference.AlertsConfig;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.StateConfig;
import org.prognos.inference.alerts.AlertDestination;
import org.prognos.inference.alerts.AlertService;
import org.prognos.inference.alerts.WebhookDestination;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.catalog.ModelService;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.scoring.ScoringService;
import org.prognos.inference.security.ApiKeys;
import org.prognos.inference.codec.BodyReader;
import org.prognos.inference.codec.JsonCodec;
import org.prognos.inference.alerts.AlertFeed;
import org.prognos.inference.alerts.DriftAlertFeed;
import org.prognos.inference.drift.DriftMonitor;
import org.prognos.inference.history.RecentHistory;
import org.prognos.inference.state.IngestListener;
import org.prognos.inference.mqtt.MqttAlertDestination;
import org.prognos.inference.mqtt.MqttIngest;
import org.prognos.inference.state.Recovery;
import org.prognos.inference.state.StreamingService;
import org.prognos.inference.store.StateDb;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.signing.BundleTrust;
import org.prognos.models.signing.TrustList;

/**
 * A running scoring service: models loaded from a registry, the HTTP application started, the registry watcher
 * and the idle-state sweep scheduled, alert deliveries under way. The port opens last, once every model is loaded
 * and the durable state recovered, so a connection that succeeds is served, and {@code /health/ready} is true as soon
 * as it answers. {@link #close()} shuts down gracefully: readiness turns false, the listener stops accepting,
 * in-flight requests finish (up to {@code drainSeconds}), alert deliveries under way get a few seconds, then the
 * models are released.
 *
 * <p>Exposure is checked before anything loads: without API keys the service starts only on a loopback address,
 * unless {@code auth.insecure} says otherwise, and it logs a warning whenever keys are off.
 *
 * <pre>
 * try (Server s = Server.start(Path.of("registry"), ServiceConfig.defaults(), System.getenv())) {
 *     ... s.port() ...
 * }
 * </pre>
 */
public final class Server implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Server.class.getName());

    private final Javalin app;
    private final ModelCatalog catalog;
    private final ScheduledExecutorService maintenance;
    private final Services services;
    private final Optional<StateDb> db;
    private final Recovery recovery;
    private final Optional<MqttIngest> mqtt;
    private final double startSeconds;

    private Server(Javalin app, ModelCatalog catalog, ScheduledExecutorService maintenance, Services services,
                   Optional<StateDb> db, Recovery recovery, Optional<MqttIngest> mqtt, double startSeconds) {
        this.app = app;
        this.catalog = catalog;
        this.maintenance = maintenance;
        this.services = services;
        this.db = db;
        this.recovery = recovery;
        this.mqtt = mqtt;
        this.startSeconds = startSeconds;
    }

    /**
     * Starts the service on {@code registry} with keys from {@code config.auth} (its key file and its environment
     * variable in {@code env}).
     */
    public static Server start(Path registry, ServiceConfig config, Map<String, String> env) {
        requireRegistry(registry);
        return start(registry, config, ApiKeys.load(config.auth(), env), Predictors.standard(), env);
    }

    /** Starts the service with the given keys and predictor adapters (the standard ones: {@link Predictors#standard()}). */
    public static Server start(Path registry, ServiceConfig config, ApiKeys keys, Predictors predictors) {
        return start(registry, config, keys, predictors, System.getenv());
    }

    /** As above, with the TLS keystore password (config {@code tls.keystorePasswordEnv}) read from {@code env}. */
    public static Server start(Path registry, ServiceConfig config, ApiKeys keys, Predictors predictors, Map<String, String> env) {
        long t0 = System.nanoTime();
        requireRegistry(registry);
        checkExposure(config, keys);
        ServiceMetrics metrics = new ServiceMetrics();
        ModelCatalog catalog = ModelCatalog.open(new ModelRegistry(registry), config.models(), predictors, metrics,
                trust(config.trust()));
        AlertService alerts = null;
        ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "prognos-maintenance");
            t.setDaemon(true);
            return t;
        });
        Optional<StateDb> db = Optional.empty();
        try {
            db = openStore(config.state());
            Lifecycle lifecycle = new Lifecycle();
            DriftMonitor drift = new DriftMonitor(catalog, metrics, config.drift(), java.time.Clock.systemUTC());
            StreamingService streaming = new StreamingService(catalog, metrics, config, System::nanoTime, db, drift);
            Recovery recovery = streaming.recover();
            logRecovery(recovery, db);
            Optional<MqttAlertDestination> alertTopic = config.mqtt().enabled()
                    ? Optional.of(new MqttAlertDestination(config.mqtt().alertTopicPrefix())) : Optional.empty();
            alerts = alerts(config, db, metrics, env, alertTopic);
            RecentHistory history = new RecentHistory();
            streaming.listen(IngestListener.all(List.of(new AlertFeed(alerts, catalog), history)));
            streaming.protect(alerts::hasOpenAlert);
            drift.listen(new DriftAlertFeed(alerts, catalog));
            Services services = new Services(new ScoringService(catalog, metrics, config, drift), streaming,
                    new ModelService(catalog), keys, metrics, lifecycle, alerts, drift, history);
            Javalin app = App.create(config, services, env);
            requireFreePort(config.host(), config.port());
            try {
                app.start(config.host(), config.port());
            } catch (Exception failed) {   // Javalin rethrows Jetty's checked exceptions undeclared
                RuntimeException e = failed instanceof RuntimeException r ? r
                        : new PrognosException("cannot start the HTTP server on " + config.host() + ":" + config.port() + ": " + failed, failed);
                stopQuietly(app, e);
                if (causedBy(e, BindException.class) || inUse(config.host(), config.port())) {
                    throw new PortInUseException(config.host(), config.port(), e);
                }
                if (config.tls().enabled()) {
                    Throwable root = e;
                    while (root.getCause() != null) {
                        root = root.getCause();
                    }
                    throw new PrognosException("cannot listen with TLS using keystore " + config.tls().keystore() + " and the password in $"
                            + config.tls().keystorePasswordEnv() + ": " + root.getClass().getSimpleName() + ": " + root.getMessage(), e);
                }
                throw e;
            }
            if (config.reload().pollSeconds() > 0) {
                long ms = (long) (config.reload().pollSeconds() * 1000);
                maintenance.scheduleWithFixedDelay(catalog::poll, ms, ms, TimeUnit.MILLISECONDS);
            }
            if (config.drift().evaluateSeconds() > 0) {
                long ms = (long) (config.drift().evaluateSeconds() * 1000);
                maintenance.scheduleWithFixedDelay(() -> evaluateDrift(drift), ms, ms, TimeUnit.MILLISECONDS);
            }
            long sweep = (long) (config.state().sweepSeconds() * 1000);
            maintenance.scheduleWithFixedDelay(streaming::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
            if (db.isPresent()) {
                long every = (long) (config.state().checkpointSeconds() * 1000);
                maintenance.scheduleWithFixedDelay(() -> checkpoint(streaming), every, every, TimeUnit.MILLISECONDS);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            LOG.log(Level.DEBUG, String.format(Locale.ROOT, "prognos serving %s on port %d in %.2f s (%s)",
                    catalog.names(), app.port(), seconds, config.tls().enabled() ? "https" : "http"));
            if (!catalog.failures().isEmpty()) {
                LOG.log(Level.WARNING, "prognos started degraded: not serving " + catalog.failures().stream()
                        .map(f -> f.model() + " (" + f.reason() + ")").toList() + "; see /health/ready");
            }
            Optional<MqttIngest> mqtt = Optional.empty();
            if (config.mqtt().enabled()) {
                try {
                    JsonCodec codec = new JsonCodec(config.limits());
                    // MQTT holds times to the tighter of its own limit and the service's
                    ServiceConfig.Limits limits = config.limits().withMaxFutureSkewSeconds(
                            Math.min(config.limits().maxFutureSkewSeconds(), config.mqtt().maxFutureSeconds()));
                    mqtt = Optional.of(MqttIngest.start(config.mqtt(), streaming, codec, new BodyReader(codec, limits),
                            metrics, env));
                    alertTopic.get().attach(mqtt.get());
                } catch (RuntimeException e) {
                    app.stop();
                    throw e;
                }
            }
            return new Server(app, catalog, maintenance, services, db, recovery, mqtt, seconds);
        } catch (RuntimeException e) {
            maintenance.shutdownNow();
            if (alerts != null) {
                alerts.close();
            }
            db.ifPresent(StateDb::close);
            catalog.close();
            throw e;
        }
    }

    /** Stops an application whose start failed; a failure to stop is kept beside the failure to start. */
    private static void stopQuietly(Javalin app, RuntimeException startFailure) {
        try {
            app.stop();
        } catch (RuntimeException e) {
            startFailure.addSuppressed(e);
        }
    }

    /**
     * Fails fast, naming the port, when another process listens on it. Checked before Jetty starts because a failed
     * Jetty start loses the {@code BindException}: stopping the half-started server throws {@code IllegalStateException:
     * STOPPED} in its place. (A port taken between this check and the start is still reported, by the check after.)
     */
    private static void requireFreePort(String host, int port) {
        if (inUse(host, port)) {
            throw new PortInUseException(host, port, null);
        }
    }

    /** Whether binding {@code host:port} fails as Jetty's bind would (address reuse on, so TIME_WAIT does not count). */
    static boolean inUse(String host, int port) {
        if (port == 0) {
            return false;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
            return false;
        } catch (BindException e) {
            return true;
        } catch (IOException e) {
            return false;   // another problem (an unknown host): Jetty's start reports it
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The port the service was to listen on is taken by another process. */
    public static final class PortInUseException extends PrognosException {
        private final int port;

        PortInUseException(String host, int port, Throwable cause) {
            super("port " + port + " is already in use (on " + host + ")", cause);
            this.port = port;
        }

        /** The port asked for. */
        public int port() {
            return port;
        }
    }

    /** One periodic drift evaluation; a failure is logged and the next one runs as planned. */
    private static void evaluateDrift(DriftMonitor drift) {
        try {
            drift.evaluate();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "drift evaluation failed: " + e, e);
        }
    }

    /** The trust list of {@code trust.keys}; without one, signatures are not checked and a warning says so once. */
    private static BundleTrust trust(ServiceConfig.Trust trust) {
        if (!trust.enabled()) {
            LOG.log(Level.WARNING, "prognos does not check model bundle signatures (no trust.keys in the service config):"
                    + " whoever can write to the registry decides what is served; see 'prognos keys generate' and"
                    + " 'prognos models sign'");
            return BundleTrust.unchecked();
        }
        TrustList list = TrustList.read(trust.keys().stream().map(Path::of).toList());
        LOG.log(Level.DEBUG, "prognos serves only model bundles signed by keys " + list.keyIds() + " (trust.keys)");
        return list;
    }

    /**
     * Refuses to serve without keys where other machines can connect, unless {@code auth.insecure} says that is meant;
     * warns whenever keys are off, and when keys would cross a network in clear.
     */
    static void checkExposure(ServiceConfig config, ApiKeys keys) {
        boolean loopback = loopback(config.host());
        if (!keys.enabled()) {
            if (!loopback && !config.auth().insecure()) {
                throw new PrognosException("refusing to serve without API keys (auth.enabled: false) on " + config.host()
                        + ", which other machines can reach: anyone there could score, stream readings, acknowledge alerts and"
                        + " reload models. Bind this machine only (--host 127.0.0.1, config 'host: 127.0.0.1'), turn keys on"
                        + " ('auth.enabled: true' with a key file or $PROGNOS_API_KEYS), or, on a network trusted as a whole,"
                        + " say so with --insecure (config 'auth.insecure: true')");
            }
            LOG.log(Level.WARNING, "prognos serves WITHOUT API keys (auth.enabled: false): every route, reload included, is open"
                    + " to whoever reaches " + config.host() + (loopback ? " (this machine only)" : " (allowed by auth.insecure)"));
        } else if (!loopback && !config.tls().enabled()) {
            LOG.log(Level.WARNING, "prognos listens on " + config.host() + " over plain HTTP: API keys and telemetry cross the"
                    + " network in clear; in production serve HTTPS (tls.keystore) or put a TLS-terminating proxy in front");
        }
    }

    /** Whether {@code host} is a loopback address (127.0.0.0/8, ::1, localhost); a name that does not resolve is not. */
    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Optional<StateDb> openStore(StateConfig state) {
        return state.durable() ? Optional.of(StateDb.open(Path.of(state.dataDir()))) : Optional.empty();
    }

    private static void logRecovery(Recovery r, Optional<StateDb> db) {
        if (db.isEmpty()) {
            LOG.log(Level.DEBUG, "prognos keeps streaming state in memory only (no state.dataDir): a restart forgets it");
            return;
        }
        LOG.log(Level.DEBUG, String.format(Locale.ROOT, "prognos state in %s: %d assets restored from %d snapshots and %d"
                + " journal entries in %.2f s", db.get().dir(), r.assets(), r.snapshots(), r.entries(), r.seconds()));
        if (r.skippedCount() > 0) {
            LOG.log(Level.WARNING, "prognos state: " + r.skippedCount() + " records not restored, e.g. " + r.skipped());
        }
        if (r.notLoaded() > 0) {
            LOG.log(Level.WARNING, "prognos state: " + r.notLoaded() + " assets did not fit state.maxBytes / state.maxAssets"
                    + " and were left on disk (not loaded); give the service more heap or a larger budget to load them");
        }
    }

    private static void checkpoint(StreamingService streaming) {
        try {
            streaming.checkpoint();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "prognos state checkpoint failed (the journal keeps every reading): " + e.getMessage());
        }
    }

    /** MQTT ingestion, when configured. */
    public Optional<MqttIngest> mqtt() {
        return mqtt;
    }

    /** What this start recovered from the durable store. */
    public Recovery recovery() {
        return recovery;
    }

    /**
     * The alert service: the configured rule and webhooks (secrets from their files or from {@code env}), its
     * history in the state store when there is one (else in memory), its trackers and pending deliveries recovered.
     */
    private static AlertService alerts(ServiceConfig config, Optional<StateDb> db, ServiceMetrics metrics, Map<String, String> env,
                                       Optional<MqttAlertDestination> alertTopic) {
        List<AlertDestination> destinations = new ArrayList<>(alertTopic.stream().toList());
        for (AlertsConfig.Webhook w : config.alerts().webhooks()) {
            destinations.add(WebhookDestination.of(w, env, Clock.systemUTC()));
        }
        AlertService alerts = new AlertService(config.alerts().rule(), db, destinations, metrics, Clock.systemUTC(),
                config.alerts().deliveryThreads());
        AlertService.Recovery r = alerts.recover();
        if (db.isPresent()) {
            LOG.log(Level.DEBUG, String.format(Locale.ROOT, "prognos alerts: %d trackers restored, %d alerts open, %d deliveries"
                    + " resumed", r.trackers(), r.open(), r.deliveries()));
        }
        return alerts;
    }

    private static void requireRegistry(Path registry) {
        if (!Files.isDirectory(registry)) {
            throw new PrognosException("no model registry at " + registry + ": give the directory models are published to");
        }
    }

    /** The routes the running app has registered, as {@code "METHOD /path/{param}"}, read from its router. */
    public List<String> routes() {
        return RegisteredRoutes.of(app);
    }

    /** The port the service listens on. */
    public int port() {
        return app.port();
    }

    /** Seconds from the call to {@code start} until the service listened with every model that loads loaded. */
    public double startSeconds() {
        return startSeconds;
    }

    /** The services behind the HTTP application. */
    public Services services() {
        return services;
    }

    /** The served models. */
    public ModelCatalog catalog() {
        return catalog;
    }

    /** Graceful shutdown: not ready, stop accepting, drain in-flight requests, release models. Idempotent. */
    @Override
    public void close() {
        if (!services.lifecycle().beginDrain()) {
            return;
        }
        LOG.log(Level.INFO, "prognos shutting down: draining in-flight requests");
        maintenance.shutdownNow();
        mqtt.ifPresent(MqttIngest::close);
        app.stop();
        services.alerts().close();
        db.ifPresent(d -> {
            checkpoint(services.streaming());
            d.close();
        });
        catalog.close();
        LOG.log(Level.INFO, "prognos stopped");
    }
}
