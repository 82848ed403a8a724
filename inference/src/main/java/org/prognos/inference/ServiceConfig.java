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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.prognos.PrognosException;
import org.prognos.models.registry.ModelReference;

/**
 * How the scoring service runs: where it listens, which models it serves, its limits, state bounds, keys, TLS,
 * reload polling and thread pool. Read from {@code service.json} or {@code service.yaml}
 * ({@link #read(Path)}); every field is optional and absent ones take the defaults documented on each record.
 *
 * @param host    interface to bind ({@code 0.0.0.0} by default)
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
 */
public record ServiceConfig(String host, int port, List<String> models, Limits limits, State state, Auth auth, Tls tls,
                            Reload reload, Threads threads, Explain explain, double drainSeconds, MqttConfig mqtt) {
    /** The alias served when no model is named. */
    public static final String DEFAULT_ALIAS = "production";
    /** The default port. */
    public static final int DEFAULT_PORT = 7070;

    @JsonCreator
    public ServiceConfig(@JsonProperty("host") String host, @JsonProperty("port") Integer port,
                         @JsonProperty("models") List<String> models, @JsonProperty("limits") Limits limits,
                         @JsonProperty("state") State state, @JsonProperty("auth") Auth auth, @JsonProperty("tls") Tls tls,
                         @JsonProperty("reload") Reload reload, @JsonProperty("threads") Threads threads,
                         @JsonProperty("explain") Explain explain, @JsonProperty("drainSeconds") Double drainSeconds,
                         @JsonProperty("mqtt") MqttConfig mqtt) {
        this(host == null ? "0.0.0.0" : host, port == null ? DEFAULT_PORT : port, models, limits, state, auth, tls, reload,
                threads, explain, drainSeconds == null ? 10 : drainSeconds, mqtt);
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
        if (!(drainSeconds >= 0)) {
            throw new InvalidConfigException("'drainSeconds' must not be negative, found " + drainSeconds);
        }
    }

    /** Every default: port 7070, the production alias of every model, keys from {@code PROGNOS_API_KEYS}. */
    public static ServiceConfig defaults() {
        return new ServiceConfig(null, (Integer) null, null, null, null, null, null, null, null, null, (Double) null, null);
    }

    /** This config bound to {@code newHost}. */
    public ServiceConfig withHost(String newHost) {
        return new ServiceConfig(newHost, port, models, limits, state, auth, tls, reload, threads, explain, drainSeconds, mqtt);
    }

    /** This config serving {@code references} (empty: the production alias of every model). */
    public ServiceConfig withModels(List<String> references) {
        return new ServiceConfig(host, port, references, limits, state, auth, tls, reload, threads, explain, drainSeconds, mqtt);
    }

    /** This config waiting up to {@code seconds} for in-flight requests on shutdown. */
    public ServiceConfig withDrainSeconds(double seconds) {
        return new ServiceConfig(host, port, models, limits, state, auth, tls, reload, threads, explain, seconds, mqtt);
    }

    /** This config listening on {@code newPort}. */
    public ServiceConfig withPort(int newPort) {
        return new ServiceConfig(host, newPort, models, limits, state, auth, tls, reload, threads, explain, drainSeconds, mqtt);
    }

    /** This config with other MQTT settings. */
    public ServiceConfig withMqtt(MqttConfig m) {
        return new ServiceConfig(host, port, models, limits, state, auth, tls, reload, threads, explain, drainSeconds, m);
    }

    /** This config with other limits. */
    public ServiceConfig withLimits(Limits l) {
        return new ServiceConfig(host, port, models, l, state, auth, tls, reload, threads, explain, drainSeconds, mqtt);
    }

    /** This config with other state bounds. */
    public ServiceConfig withState(State s) {
        return new ServiceConfig(host, port, models, limits, s, auth, tls, reload, threads, explain, drainSeconds, mqtt);
    }

    /** This config with other reload settings. */
    public ServiceConfig withReload(Reload r) {
        return new ServiceConfig(host, port, models, limits, state, auth, tls, r, threads, explain, drainSeconds, mqtt);
    }

    /** This config with other auth settings. */
    public ServiceConfig withAuth(Auth a) {
        return new ServiceConfig(host, port, models, limits, state, a, tls, reload, threads, explain, drainSeconds, mqtt);
    }

    /** This config with TLS settings. */
    public ServiceConfig withTls(Tls t) {
        return new ServiceConfig(host, port, models, limits, state, auth, t, reload, threads, explain, drainSeconds, mqtt);
    }

    /**
     * Request limits.
     *
     * @param maxBodyBytes   largest request body (1 MiB); larger is 413
     * @param maxJsonDepth   deepest JSON nesting (32)
     * @param maxArrayLength most readings or events in one window, most assets' readings in one ingest (10,000)
     * @param maxBatchAssets most assets in one score-batch call (500)
     * @param maxStringLength longest JSON string (4,096 characters)
     */
    public record Limits(long maxBodyBytes, int maxJsonDepth, int maxArrayLength, int maxBatchAssets, int maxStringLength) {
        public Limits {
            positive("limits.maxBodyBytes", maxBodyBytes);
            positive("limits.maxJsonDepth", maxJsonDepth);
            positive("limits.maxArrayLength", maxArrayLength);
            positive("limits.maxBatchAssets", maxBatchAssets);
            positive("limits.maxStringLength", maxStringLength);
        }

        @JsonCreator
        static Limits of(@JsonProperty("maxBodyBytes") Long maxBodyBytes, @JsonProperty("maxJsonDepth") Integer maxJsonDepth,
                         @JsonProperty("maxArrayLength") Integer maxArrayLength, @JsonProperty("maxBatchAssets") Integer maxBatchAssets,
                         @JsonProperty("maxStringLength") Integer maxStringLength) {
            Limits d = defaults();
            return new Limits(or(maxBodyBytes, d.maxBodyBytes), or(maxJsonDepth, d.maxJsonDepth), or(maxArrayLength, d.maxArrayLength),
                    or(maxBatchAssets, d.maxBatchAssets), or(maxStringLength, d.maxStringLength));
        }

        public static Limits defaults() {
            return new Limits(1L << 20, 32, 10_000, 500, 4_096);
        }
    }

    /**
     * The streaming per-asset state: its bounds and where it is kept durably.
     *
     * @param maxAssets          most assets tracked at once (the least recently used is evicted beyond)
     * @param maxBytes           the memory budget of all asset states (1 GiB): past it the least recently used asset
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
        /** The default memory budget. */
        public static final long DEFAULT_MAX_BYTES = 1L << 30;

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
            return new State(10_000, 48 * 3600, 60);
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
     * API keys. Keys come from {@code keysFile} (one {@code role key} per line, {@code #} comments) and from the
     * environment variable {@code keysEnv} ({@code role:key,role:key}); roles are {@code score} and {@code admin}
     * (admin may also score).
     *
     * @param enabled  false serves without keys (only for a service bound to a private interface)
     * @param keysFile a key file, or null
     * @param keysEnv  the environment variable holding keys ({@code PROGNOS_API_KEYS})
     */
    public record Auth(boolean enabled, String keysFile, String keysEnv) {
        @JsonCreator
        static Auth of(@JsonProperty("enabled") Boolean enabled, @JsonProperty("keysFile") String keysFile,
                       @JsonProperty("keysEnv") String keysEnv) {
            return new Auth(enabled == null || enabled, keysFile, keysEnv == null ? "PROGNOS_API_KEYS" : keysEnv);
        }

        public static Auth defaults() {
            return new Auth(true, null, "PROGNOS_API_KEYS");
        }

        /** Serving without keys. */
        public static Auth disabled() {
            return new Auth(false, null, "PROGNOS_API_KEYS");
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
        try {
            return mapper.readValue(Files.readAllBytes(file), ServiceConfig.class);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root instanceof PrognosException ? root.getMessage() : e.getOriginalMessage();
            throw new InvalidConfigException(file + (path.isEmpty() ? "" : " at '" + path + "'") + ": " + why, e);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(file + ": malformed " + (name.endsWith(".json") ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read service config " + file + ": " + e.getMessage(), e);
        }
    }

    private static void positive(String field, double v) {
        if (!(v > 0)) {
            throw new InvalidConfigException("'" + field + "' must be positive, found " + v);
        }
    }

    private static <T> T or(T v, T d) {
        return v == null ? d : v;
    }
}
