package org.prognos.inference;

import static org.prognos.inference.ConfigChecks.or;
import static org.prognos.inference.ConfigChecks.positive;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
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
 * <p>Each section is a record with its defaults and validation, read by Jackson through its {@code of} factory
 * (absent fields take the defaults). The small sections, a few bounds or switches checked in their constructor
 * (limits, TLS, reload, threads, explain, trust, clients), are nested here so the top of the YAML schema reads in
 * one file. A section is its own file when it has more to say than its bounds: {@link StateConfig} (a budget derived
 * from the heap, memory-only or durable), {@link AuthConfig} (where keys come from, and when serving without them is
 * allowed), {@link QuotasConfig} (fields that bound each other and a share of the state budget), {@link MqttConfig},
 * {@link AlertsConfig} and {@link DriftConfig}. Reading a file and naming the bad field is {@code ServiceConfigFile};
 * the checks every section shares are {@code ConfigChecks}.
 */
public record ServiceConfig(String host, int port, List<String> models, Limits limits, StateConfig state, AuthConfig auth, Tls tls,
                            Reload reload, Threads threads, Explain explain, double drainSeconds, MqttConfig mqtt,
                            AlertsConfig alerts, Trust trust, Clients clients, QuotasConfig quotas, DriftConfig drift) {
    /** The alias served when no model is named. */
    public static final String DEFAULT_ALIAS = "production";
    /** The default port. */
    public static final int DEFAULT_PORT = 7070;
    /** The default interface: loopback, so a service started without thought is reachable from this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    @JsonCreator
    public ServiceConfig(@JsonProperty("host") String host, @JsonProperty("port") Integer port,
                         @JsonProperty("models") List<String> models, @JsonProperty("limits") Limits limits,
                         @JsonProperty("state") StateConfig state, @JsonProperty("auth") AuthConfig auth, @JsonProperty("tls") Tls tls,
                         @JsonProperty("reload") Reload reload, @JsonProperty("threads") Threads threads,
                         @JsonProperty("explain") Explain explain, @JsonProperty("drainSeconds") Double drainSeconds,
                         @JsonProperty("mqtt") MqttConfig mqtt, @JsonProperty("alerts") AlertsConfig alerts,
                         @JsonProperty("trust") Trust trust, @JsonProperty("clients") Clients clients,
                         @JsonProperty("quotas") QuotasConfig quotas, @JsonProperty("drift") DriftConfig drift) {
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
        state = state == null ? StateConfig.defaults() : state;
        auth = auth == null ? AuthConfig.defaults() : auth;
        tls = tls == null ? Tls.off() : tls;
        reload = reload == null ? Reload.defaults() : reload;
        threads = threads == null ? Threads.defaults() : threads;
        explain = explain == null ? Explain.defaults() : explain;
        mqtt = mqtt == null ? MqttConfig.off() : mqtt;
        alerts = alerts == null ? AlertsConfig.defaults() : alerts;
        trust = trust == null ? Trust.none() : trust;
        clients = clients == null ? Clients.defaults() : clients;
        quotas = quotas == null ? QuotasConfig.defaults() : quotas;
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
    public ServiceConfig withState(StateConfig s) {
        return new ServiceConfig(host, port, models, limits, s, auth, tls, reload, threads, explain, drainSeconds, mqtt, alerts, trust, clients, quotas, drift);
    }

    /** This config with other reload settings. */
    public ServiceConfig withReload(Reload r) {
        return new ServiceConfig(host, port, models, limits, state, auth, tls, r, threads, explain, drainSeconds, mqtt, alerts, trust, clients, quotas, drift);
    }

    /** This config with other auth settings. */
    public ServiceConfig withAuth(AuthConfig a) {
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
    public ServiceConfig withQuotas(QuotasConfig q) {
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
     * Reads {@code service.json}, {@code service.yaml} or {@code service.yml}; unknown fields are errors, and every
     * error names the file and the field ({@code ServiceConfigFile}).
     */
    public static ServiceConfig read(Path file) {
        return ServiceConfigFile.read(file);
    }
}
