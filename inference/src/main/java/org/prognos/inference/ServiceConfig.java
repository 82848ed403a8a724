package org.prognos.inference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.prognos.FileProblems;
import org.prognos.PrognosException;
import org.prognos.features.spec.JsonErrors;
import org.prognos.live.alert.AlertRule;
import org.prognos.models.bundle.Names;
import org.prognos.models.registry.ModelReference;

/**
 * How the scoring service runs: where it listens, which models it serves, its limits, state bounds, keys, TLS,
 * reload polling, thread pool and alerts. Read from {@code service.json} or {@code service.yaml}
 * ({@link #read(Path)}); every field is optional and absent ones take the defaults documented on each record.
 *
 * @param host    interface to bind ({@code 127.0.0.1} by default: this machine only; {@code 0.0.0.0} for every
 *                interface, which needs API keys or {@code auth.insecure})
 * @param port    TCP port (7070); 0 picks a free port
 * @param models  model references to serve ({@code name@alias}, {@code name:3}, {@code name}); empty serves the
 *                {@code production} alias of every model in the registry that has one
 * @param limits  request limits
 * @param state   bounds of the streaming per-asset state
 * @param auth    API keys
 * @param tls     HTTPS; off unless a keystore is given
 * @param reload  registry polling for hot reload
 * @param threads the bounded Jetty thread pool
 * @param explain explanation settings
 * @param drainSeconds how long a graceful shutdown waits for in-flight requests (10)
 * @param mqtt    MQTT ingestion; off unless a broker URL is given
 * @param alerts  the alert rule and the webhooks alerts are delivered to
 * @param trust   the keys whose model-bundle signatures are trusted; none: signatures are not checked
 * @param clients bounds on each client connection (slow uploads, connections per address)
 * @param quotas  per-key rate limits, concurrency and asset namespaces
 * @param drift   the live-input window compared with each model's training profile, and its thresholds
 *
 * <p>Each section is a small nested record with its defaults and validation, so the whole YAML schema reads in one
 * file (it is over 450 lines for that reason); the largest sections, MQTT, alerts and drift, are their own files ({@link MqttConfig}, {@link AlertsConfig}, {@link DriftConfig}).
 */
public record ServiceConfig(String host, int port, List<String> models, Limits limits, State state, Auth auth, Tls tls,
                            Reload reload, Threads threads, Explain explain, double drainSeconds, MqttConfig mqtt,
                            AlertsConfig alerts, Trust trust, Clients clients, Quotas quotas, DriftConfig drift) {
    /** The alias served when no model is named. */
    public static final String DEFAULT_ALIAS = "production";
    /** The default port. */
    public static final int DEFAULT_PORT = 7070;
    /** The default interface: loopback, so a service started without thought is reachable from this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    @JsonCreator
    public ServiceConfig(@JsonProperty("host") String host, @JsonProperty("port") Integer port,
                         @JsonProperty("models") List<String> models, @JsonProperty("limits") Limits limits,
                         @JsonProperty("state") State state, @JsonProperty("auth") Auth auth, @JsonProperty("tls") Tls tls,
                         @JsonProperty("reload") Reload reload, @JsonProperty("threads") Threads threads,
                         @JsonProperty("explain") Explain explain, @JsonProperty("drainSeconds") Double drainSeconds,
                         @JsonProperty("mqtt") MqttConfig mqtt, @JsonProperty("alerts") AlertsConfig alerts,
                         @JsonProperty("trust") Trust trust, @JsonProperty("clients") Clients clients,
                         @JsonProperty("quotas") Quotas quotas, @JsonProperty("drift") DriftConfig drift) {
        this(host == null ? DEFAULT_HOST : host, port == null ? DEFAULT_PORT : port, models, limits, state, auth, tls, reload,
                threads, explain, drainSeconds == null ? 10 : drainSeconds, mqtt, alerts, trust, clients, quotas, drift);
    }

    public ServiceConfig {
        if (port < 0 || port > 65535) {
            throw new InvalidConfigException("'port' must be between 0 and 65535, found " + port);
        }
        models = models == null ? List.of() : List.copyOf(models);
        for (String m : models) {
            ModelReference.parse(m);
        }
        limits = limits == null ? Limits.defaults() : limits;
        state = state == null ? State.defaults() : state;
        auth = auth == null ? Auth.defaults() : auth;
        tls = tls == null ? Tls.off() : tls;
        reload = reload == null ? Reload.defaults() : reload;
        threads = threads == null ? Threads.defaults() : threads;
        explain = explain == null ? Explain.defaults() : explain;
        mqtt = mqtt == null ? MqttConfig.off() : mqtt;
        alerts = alerts == null ? AlertsConfig.defaults() : alerts;
        trust = trust == null ? Trust.none() : trust;
        clients = clients == null ? Clients.defaults() : clients;
        quotas = quotas == null ? Quotas.defaults() : quotas;
        drift = drift == null ? DriftConfig.defaults() : drift;
        if (!(drainSeconds >= 0)) {
            throw new InvalidConfigException("'drainSeconds' must not be negative, found " + drainSeconds);
        }
    }

    /** Every default: 127.0.0.1:7070, the production alias of every model, keys from {@code PROGNOS_API_KEYS}. */
    public static ServiceConfig defaults() {
        return new ServiceConfig(null, (Integer) null, null, null, null, null, null, null, null, null, (Double) null, null, null, null, null, null, null);
    }

    /** This config bound to {@code newHost}. */
    public ServiceConfig withHost(String newHost) {
        return new ServiceConfig(newHost, port, models, limits, state, auth, tls, reload, threads, explain, drainSeconds, mqtt, alerts, trust, clients, quotas, drift);
    }

    /** This config serving {@code references} (empty: the production alias of every model). */
    public ServiceConfig withModels(List<String> references) {
        return new ServiceConfig(host, port, references, limits, state, auth, tls, reload, threads, explain, drainSeconds, mqtt, alerts, trust, clients, quotas, drift);
    }

    /** This config waiting up to {@code seconds} for in-flight requests on shutdown. */
    public ServiceConfig withDrainSeconds(double seconds) {
        return new ServiceConfig(host, port, models, limits, state, auth, tls, reload, threads, explain, seconds, mqtt, alerts, trust, clients, quotas, drift);
    }

    /** This config listening on {@code newPort}. */
    public ServiceConfig withPort(int newPort) {
        return new ServiceConfig(host, newPort, models, limits, state, auth, tls, reload, threads, explain, drainSeconds, mqtt, alerts, trust, clients, quotas, drift);
    }

    /** This config with other drift settings. */
    public ServiceConfig withDrift(DriftConfig d) {
        return new ServiceConfig(host, port, models, limits, state, auth, tls, reload, threads, explain, drainSeconds, mqtt, alerts, trust, clients, quotas, d);
    }

    /** This config with other MQTT settings. */
    public ServiceConfig withMqtt(MqttConfig m) {
        return new ServiceConfig(host, port, models, limits, state, auth, tls, reload, threads, explain, drainSeconds, m, alerts, trust, clients, quotas, drift);
    }

    /** This config with other limits. */
    public ServiceConfig withLimits(Limits l) {
        return new ServiceConfig(host, port, models, l, state, auth, tls, reload, threads, explain, drainSeconds, mqtt, alerts, trust, clients, quotas, drift);
    }

    /** This config with other state bounds. */
    public ServiceConfig withState(State s) {
        return new ServiceConfig(host, port, models, limits, s, auth, tls, reload, threads, explain, drainSeconds, mqtt, alerts, trust, clients, quotas, drift);
    }

    /** This config with other reload settings. */
    public ServiceConfig withReload(Reload r) {
        return new ServiceConfig(host, port, models, limits, state, auth, tls, r, threads, explain, drainSeconds, mqtt, alerts, trust, clients, quotas, drift);
    }

    /** This config with other auth settings. */
    public ServiceConfig withAuth(Auth a) {
        return new ServiceConfig(host, port, models, limits, state, a, tls, reload, threads, explain, drainSeconds, mqtt, alerts, trust, clients, quotas, drift);
    }

    /** This config with other alert settings. */
    public ServiceConfig withAlerts(AlertsConfig a) {
        return new ServiceConfig(host, port, models, limits, state, auth, tls, reload, threads, explain, drainSeconds, mqtt, a, trust, clients, quotas, drift);
    }

    /** This config trusting the bundle signatures of {@code t}. */
    public ServiceConfig withTrust(Trust t) {
        return new ServiceConfig(host, port, models, limits, state, auth, tls, reload, threads, explain, drainSeconds, mqtt, alerts, t, clients, quotas, drift);
    }

    /** This config with other client bounds. */
    public ServiceConfig withClients(Clients c) {
        return new ServiceConfig(host, port, models, limits, state, auth, tls, reload, threads, explain, drainSeconds, mqtt, alerts, trust, c, quotas, drift);
    }

    /** This config with other quotas. */
    public ServiceConfig withQuotas(Quotas q) {
        return new ServiceConfig(host, port, models, limits, state, auth, tls, reload, threads, explain, drainSeconds, mqtt, alerts, trust, clients, q, drift);
    }

    /** This config with TLS settings. */
    public ServiceConfig withTls(Tls t) {
        return new ServiceConfig(host, port, models, limits, state, auth, t, reload, threads, explain, drainSeconds, mqtt, alerts, trust, clients, quotas, drift);
    }

    /**
     * Request limits.
     *
     * @param maxBodyBytes   largest request body (1 MiB); larger is 413
     * @param maxJsonDepth   deepest JSON nesting (32)
     * @param maxArrayLength most readings or events in one window, most assets' readings in one ingest (10,000)
     * @param maxBatchAssets most assets in one score-batch call (500)
     * @param maxStringLength longest JSON string (4,096 characters)
     * @param maxFutureSkewSeconds how far past the service's clock a reading's time or an {@code asOf} may lie (one day,
     *                        86,400 s); later is refused with 400 naming the field
     */
    public record Limits(long maxBodyBytes, int maxJsonDepth, int maxArrayLength, int maxBatchAssets, int maxStringLength,
                         double maxFutureSkewSeconds) {
        /** The default future skew: one day. */
        public static final double DEFAULT_FUTURE_SKEW_SECONDS = 86_400;

        /** These limits with the default future skew. */
        public Limits(long maxBodyBytes, int maxJsonDepth, int maxArrayLength, int maxBatchAssets, int maxStringLength) {
            this(maxBodyBytes, maxJsonDepth, maxArrayLength, maxBatchAssets, maxStringLength, DEFAULT_FUTURE_SKEW_SECONDS);
        }

        public Limits {
            positive("limits.maxFutureSkewSeconds", maxFutureSkewSeconds);
            positive("limits.maxBodyBytes", maxBodyBytes);
            positive("limits.maxJsonDepth", maxJsonDepth);
            positive("limits.maxArrayLength", maxArrayLength);
            positive("limits.maxBatchAssets", maxBatchAssets);
            positive("limits.maxStringLength", maxStringLength);
        }

        @JsonCreator
        static Limits of(@JsonProperty("maxBodyBytes") Long maxBodyBytes, @JsonProperty("maxJsonDepth") Integer maxJsonDepth,
                         @JsonProperty("maxArrayLength") Integer maxArrayLength, @JsonProperty("maxBatchAssets") Integer maxBatchAssets,
                         @JsonProperty("maxStringLength") Integer maxStringLength,
                         @JsonProperty("maxFutureSkewSeconds") Double maxFutureSkewSeconds) {
            Limits d = defaults();
            return new Limits(or(maxBodyBytes, d.maxBodyBytes), or(maxJsonDepth, d.maxJsonDepth), or(maxArrayLength, d.maxArrayLength),
                    or(maxBatchAssets, d.maxBatchAssets), or(maxStringLength, d.maxStringLength),
                    or(maxFutureSkewSeconds, d.maxFutureSkewSeconds));
        }

        public static Limits defaults() {
            return new Limits(1L << 20, 32, 10_000, 500, 4_096, DEFAULT_FUTURE_SKEW_SECONDS);
        }

        /** These limits with another future skew. */
        public Limits withMaxFutureSkewSeconds(double seconds) {
            return new Limits(maxBodyBytes, maxJsonDepth, maxArrayLength, maxBatchAssets, maxStringLength, seconds);
        }
    }

    /**
     * The streaming per-asset state: its bounds and where it is kept durably.
     *
     * @param maxAssets          most assets tracked at once (unbounded by default: the memory budget bounds them)
     * @param maxBytes           the memory budget of all asset states (default: 60 % of the JVM's maximum heap, about
     *                           1,000,000 Azure machines in an 8 GB heap): past it the least recently used asset
     *                           without an open alert is evicted
     * @param idleTimeoutSeconds an asset without readings for this long is evicted
     * @param sweepSeconds       how often idle assets are looked for
     * @param dataDir            the directory of the durable store (readings journal, asset snapshots, alerts); null
     *                           keeps state in memory only, lost on restart
     * @param snapshotEvery      an asset's state is snapshotted (and its journal truncated) after this many journal
     *                           entries (512)
     * @param checkpointSeconds  how often every asset changed since its last snapshot is snapshotted (30): a restart
     *                           replays at most this long a journal
     */
    public record State(int maxAssets, long maxBytes, double idleTimeoutSeconds, double sweepSeconds, String dataDir,
                        int snapshotEvery, double checkpointSeconds) {
        /** The default memory budget: this share of the JVM's maximum heap. */
        public static final double DEFAULT_HEAP_SHARE = 0.6;
        /** The default memory budget, in bytes. */
        public static final long DEFAULT_MAX_BYTES = (long) (Runtime.getRuntime().maxMemory() * DEFAULT_HEAP_SHARE);

        public State {
            positive("state.maxAssets", maxAssets);
            positive("state.maxBytes", maxBytes);
            positive("state.idleTimeoutSeconds", idleTimeoutSeconds);
            positive("state.sweepSeconds", sweepSeconds);
            positive("state.snapshotEvery", snapshotEvery);
            positive("state.checkpointSeconds", checkpointSeconds);
        }

        /** Memory-only bounds (no data directory). */
        public State(int maxAssets, double idleTimeoutSeconds, double sweepSeconds) {
            this(maxAssets, DEFAULT_MAX_BYTES, idleTimeoutSeconds, sweepSeconds, null, 512, 30);
        }

        /** Bounds kept durably in {@code dataDir}, snapshotting every {@code snapshotEvery} entries. */
        public State(int maxAssets, double idleTimeoutSeconds, double sweepSeconds, String dataDir, int snapshotEvery,
                     double checkpointSeconds) {
            this(maxAssets, DEFAULT_MAX_BYTES, idleTimeoutSeconds, sweepSeconds, dataDir, snapshotEvery, checkpointSeconds);
        }

        @JsonCreator
        static State of(@JsonProperty("maxAssets") Integer maxAssets, @JsonProperty("maxBytes") Long maxBytes,
                        @JsonProperty("idleTimeoutSeconds") Double idle,
                        @JsonProperty("sweepSeconds") Double sweep, @JsonProperty("dataDir") String dataDir,
                        @JsonProperty("snapshotEvery") Integer snapshotEvery,
                        @JsonProperty("checkpointSeconds") Double checkpointSeconds) {
            State d = defaults();
            return new State(or(maxAssets, d.maxAssets), or(maxBytes, d.maxBytes), or(idle, d.idleTimeoutSeconds),
                    or(sweep, d.sweepSeconds), dataDir, or(snapshotEvery, d.snapshotEvery), or(checkpointSeconds, d.checkpointSeconds));
        }

        public static State defaults() {
            return new State(Integer.MAX_VALUE, 48 * 3600, 60);
        }

        /** These bounds, kept durably in {@code dir} (null: memory only). */
        public State withDataDir(String dir) {
            return new State(maxAssets, maxBytes, idleTimeoutSeconds, sweepSeconds, dir, snapshotEvery, checkpointSeconds);
        }

        /** Whether state survives a restart. */
        public boolean durable() {
            return dataDir != null;
        }
    }


    /**
     * API keys. Keys come from {@code keysFile} (one {@code role key [tenant=NAME] [name=LABEL]} per line, {@code #}
     * comments) and from the environment variable {@code keysEnv} (the same entries separated by commas, e.g.
     * {@code admin:KEY,score:KEY tenant=acme}); roles are {@code score}, {@code operate} (also acknowledges alerts) and
     * {@code admin} (everything). A key acts in its tenant's assets (the {@code default} tenant when none is named); its
     * name labels it in metrics and logs (see {@code security.ApiKeys}).
     *
     * @param enabled  false serves without keys: the service then refuses to start on an address other than
     *                 loopback unless {@code insecure} says that is meant, and logs a warning whenever it runs
     * @param keysFile a key file, or null
     * @param keysEnv  the environment variable holding keys ({@code PROGNOS_API_KEYS})
     * @param insecure true allows serving without keys on a non-loopback address (a network that is trusted as a
     *                 whole); false by default ({@code prognos serve --insecure} sets it)
     */
    public record Auth(boolean enabled, String keysFile, String keysEnv, boolean insecure) {
        /** Settings without the insecure override. */
        public Auth(boolean enabled, String keysFile, String keysEnv) {
            this(enabled, keysFile, keysEnv, false);
        }

        @JsonCreator
        static Auth of(@JsonProperty("enabled") Boolean enabled, @JsonProperty("keysFile") String keysFile,
                       @JsonProperty("keysEnv") String keysEnv, @JsonProperty("insecure") Boolean insecure) {
            return new Auth(enabled == null || enabled, keysFile, keysEnv == null ? "PROGNOS_API_KEYS" : keysEnv,
                    insecure != null && insecure);
        }

        public static Auth defaults() {
            return new Auth(true, null, "PROGNOS_API_KEYS");
        }

        /** Serving without keys. */
        public static Auth disabled() {
            return new Auth(false, null, "PROGNOS_API_KEYS");
        }

        /** These settings, allowing (or not) serving without keys on a non-loopback address. */
        public Auth withInsecure(boolean allowed) {
            return new Auth(enabled, keysFile, keysEnv, allowed);
        }

        public Optional<String> keysFileOpt() {
            return Optional.ofNullable(keysFile);
        }
    }

    /**
     * HTTPS with a Java keystore (PKCS12 or JKS). The password is read from an environment variable, never from
     * the config file.
     *
     * @param keystore            keystore path; null serves plain HTTP
     * @param keystorePasswordEnv environment variable holding the keystore password ({@code PROGNOS_TLS_PASSWORD})
     */
    public record Tls(String keystore, String keystorePasswordEnv) {
        @JsonCreator
        static Tls of(@JsonProperty("keystore") String keystore, @JsonProperty("keystorePasswordEnv") String env) {
            return new Tls(keystore, env == null ? "PROGNOS_TLS_PASSWORD" : env);
        }

        public static Tls off() {
            return new Tls(null, "PROGNOS_TLS_PASSWORD");
        }

        public boolean enabled() {
            return keystore != null && !keystore.isBlank();
        }
    }

    /**
     * Hot reload: every {@code pollSeconds} the service re-resolves each served reference (say
     * {@code pump@production}) and compares the bundle directory's files; a change loads, verifies and swaps.
     *
     * @param pollSeconds seconds between polls (5); 0 turns polling off (the admin reload still works)
     */
    public record Reload(double pollSeconds) {
        public Reload {
            if (!(pollSeconds >= 0)) {
                throw new InvalidConfigException("'reload.pollSeconds' must not be negative, found " + pollSeconds);
            }
        }

        @JsonCreator
        static Reload of(@JsonProperty("pollSeconds") Double pollSeconds) {
            return new Reload(pollSeconds == null ? 5 : pollSeconds);
        }

        public static Reload defaults() {
            return new Reload(5);
        }
    }

    /**
     * The Jetty thread pool: bounded threads and a bounded queue of accepted jobs (no unbounded queue anywhere).
     *
     * @param maxThreads most request threads (32)
     * @param minThreads threads kept (4)
     * @param queueSize  most jobs waiting for a thread (512)
     */
    public record Threads(int maxThreads, int minThreads, int queueSize) {
        public Threads {
            positive("threads.maxThreads", maxThreads);
            positive("threads.minThreads", minThreads);
            positive("threads.queueSize", queueSize);
            if (minThreads > maxThreads) {
                throw new InvalidConfigException("'threads.minThreads' (" + minThreads + ") exceeds 'threads.maxThreads' (" + maxThreads + ")");
            }
        }

        @JsonCreator
        static Threads of(@JsonProperty("maxThreads") Integer max, @JsonProperty("minThreads") Integer min,
                          @JsonProperty("queueSize") Integer queue) {
            Threads d = defaults();
            return new Threads(or(max, d.maxThreads), or(min, d.minThreads), or(queue, d.queueSize));
        }

        public static Threads defaults() {
            return new Threads(32, 4, 512);
        }
    }

    /**
     * Explanations.
     *
     * @param topFeatures how many features a score lists (5)
     */
    public record Explain(int topFeatures) {
        public Explain {
            if (topFeatures < 0) {
                throw new InvalidConfigException("'explain.topFeatures' must not be negative, found " + topFeatures);
            }
        }

        @JsonCreator
        static Explain of(@JsonProperty("topFeatures") Integer top) {
            return new Explain(top == null ? 5 : top);
        }

        public static Explain defaults() {
            return new Explain(5);
        }
    }


    /**
     * Model-bundle signatures. Each file holds an Ed25519 public key ({@code prognos keys generate} writes one); a
     * bundle is served only when its manifest carries a valid signature by one of them. Listing a new key beside the
     * old one, re-signing, then removing the old key rotates keys without a gap.
     *
     * @param keys public-key files; empty: signatures are not checked (a warning at start)
     */
    public record Trust(List<String> keys) {
        public Trust {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }

        @JsonCreator
        static Trust of(@JsonProperty("keys") List<String> keys) {
            return new Trust(keys);
        }

        /** No trust list: signatures are not checked. */
        public static Trust none() {
            return new Trust(List.of());
        }

        /** Whether signatures are checked. */
        public boolean enabled() {
            return !keys.isEmpty();
        }
    }

    /**
     * Bounds on each client connection, so that slow or greedy clients cannot hold the worker pool.
     *
     * @param minRequestBytesPerSecond a request body arriving slower than this (on average, from its first byte) is cut
     *                                 with 408; an answer read slower than this is abandoned (1,024 B/s)
     * @param readDeadlineSeconds      the longest time a request body may take to arrive, counted from the end of the
     *                                 headers (30 s); past it, 408
     * @param idleTimeoutSeconds       a connection idle this long is closed (30 s)
     * @param maxConnectionsPerAddress most connections open at once from one client address (64); more are closed
     *                                 as they open
     */
    public record Clients(double minRequestBytesPerSecond, double readDeadlineSeconds, double idleTimeoutSeconds,
                          int maxConnectionsPerAddress) {
        public Clients {
            positive("clients.minRequestBytesPerSecond", minRequestBytesPerSecond);
            positive("clients.readDeadlineSeconds", readDeadlineSeconds);
            positive("clients.idleTimeoutSeconds", idleTimeoutSeconds);
            positive("clients.maxConnectionsPerAddress", maxConnectionsPerAddress);
        }

        @JsonCreator
        static Clients of(@JsonProperty("minRequestBytesPerSecond") Double minRate, @JsonProperty("readDeadlineSeconds") Double deadline,
                          @JsonProperty("idleTimeoutSeconds") Double idle,
                          @JsonProperty("maxConnectionsPerAddress") Integer perAddress) {
            Clients d = defaults();
            return new Clients(or(minRate, d.minRequestBytesPerSecond), or(deadline, d.readDeadlineSeconds),
                    or(idle, d.idleTimeoutSeconds), or(perAddress, d.maxConnectionsPerAddress));
        }

        public static Clients defaults() {
            return new Clients(1024, 30, 30, 64);
        }
    }

    /**
     * Per-key quotas: token-bucket rate limits (429 with {@code Retry-After} past them), concurrent requests, and
     * each tenant's share of the asset-state memory budget. A key's tenant (its asset namespace) is named in the key
     * file; keys without one share the {@code default} tenant.
     *
     * @param requestsPerSecond   requests per second per key (0: unlimited, the default)
     * @param readingsPerSecond   readings per second per key, over every ingest and score call (0: unlimited)
     * @param burstSeconds        how many seconds of either rate a bucket holds for bursts (2)
     * @param maxConcurrentPerKey most requests one key has in flight at once (32)
     * @param tenantShare         the largest share of {@code state.maxBytes} one tenant's assets may take (1.0);
     *                            past it that tenant's own least recently used assets are evicted
     */
    public record Quotas(double requestsPerSecond, double readingsPerSecond, double burstSeconds, int maxConcurrentPerKey,
                         double tenantShare) {
        public Quotas {
            if (!(requestsPerSecond >= 0) || !(readingsPerSecond >= 0)) {
                throw new InvalidConfigException("'quotas.requestsPerSecond' and 'quotas.readingsPerSecond' must not be negative");
            }
            positive("quotas.burstSeconds", burstSeconds);
            positive("quotas.maxConcurrentPerKey", maxConcurrentPerKey);
            if (!(tenantShare > 0 && tenantShare <= 1)) {
                throw new InvalidConfigException("'quotas.tenantShare' must be in (0, 1], found " + tenantShare);
            }
        }

        @JsonCreator
        static Quotas of(@JsonProperty("requestsPerSecond") Double requests, @JsonProperty("readingsPerSecond") Double readings,
                         @JsonProperty("burstSeconds") Double burst, @JsonProperty("maxConcurrentPerKey") Integer concurrent,
                         @JsonProperty("tenantShare") Double share) {
            Quotas d = defaults();
            return new Quotas(or(requests, d.requestsPerSecond), or(readings, d.readingsPerSecond), or(burst, d.burstSeconds),
                    or(concurrent, d.maxConcurrentPerKey), or(share, d.tenantShare));
        }

        public static Quotas defaults() {
            return new Quotas(0, 0, 2, 32, 1.0);
        }
    }

    /** A config file that cannot be used; the message names the file and the field. */
    public static final class InvalidConfigException extends PrognosException {
        public InvalidConfigException(String message) {
            super(message);
        }

        public InvalidConfigException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reads {@code service.json}, {@code service.yaml} or {@code service.yml}; unknown fields are errors. */
    public static ServiceConfig read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = (name.endsWith(".yaml") || name.endsWith(".yml") ? JsonMapper.builder(new YAMLFactory()) : JsonMapper.builder())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidConfigException(FileProblems.cannotRead("service config", file, e), e);
        }
        try {
            return mapper.readValue(text, ServiceConfig.class);
        } catch (JsonMappingException e) {
            JsonErrors.unknownKey(e, mapper, text, ServiceConfig.class).ifPresent(unknown -> {
                throw new InvalidConfigException(FileProblems.absolute(file) + ": " + unknown, e);
            });
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root instanceof PrognosException ? root.getMessage() : e.getOriginalMessage();
            throw new InvalidConfigException(FileProblems.absolute(file) + (path.isEmpty() ? "" : " at '" + path + "'") + ": " + why, e);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(FileProblems.absolute(file) + ": malformed " + (name.endsWith(".json") ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    static void positive(String field, double v) {
        if (!(v > 0)) {
            throw new InvalidConfigException("'" + field + "' must be positive, found " + v);
        }
    }

    static <T> T or(T v, T d) {
        return v == null ? d : v;
    }
}
