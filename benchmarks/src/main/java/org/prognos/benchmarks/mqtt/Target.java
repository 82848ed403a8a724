package org.prognos.benchmarks.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The system under test: what subscribes to {@code fleet/+/telemetry} and publishes one message to
 * {@code prognos/scores/{asset}} for each message it receives. Each runs in a process of its own, started against the
 * benchmark's broker and waited for until it is subscribed.
 */
public sealed interface Target permits Target.Prognos, Target.Floor, Target.External {
    /** The topic filter the driver's monitor subscribes to. */
    String SCORE_FILTER = "prognos/scores/+";
    /** How long a start may take (model load, recovery, JIT). */
    Duration START_TIMEOUT = Duration.ofSeconds(180);

    /** The name results carry. */
    String label();

    /** Starts it against {@code brokerUrl}, working in {@code work}; the process once subscribed (empty: started elsewhere). */
    Optional<ChildProcess> start(String brokerUrl, Path work);

    /** Its settings, for the results. */
    Map<String, Object> describe();

    /**
     * {@code prognos serve} from the cli jar, as {@code ./prognos serve} runs it, with a service config that subscribes
     * to the Azure model's telemetry and publishes every message's score.
     *
     * @param cliJar         {@code cli/target/prognos.jar}
     * @param registry       the registry holding {@code model@production}
     * @param model          the model the readings feed
     * @param durable        state in RocksDB ({@code --data-dir}, a fresh directory under the work directory) or in memory
     *                       only ({@code --memory-state})
     * @param javaOptions    the service JVM's options (heap)
     * @param maxBatch       {@code mqtt.maxBatch}: messages applied and made durable together
     * @param receiveMaximum {@code mqtt.receiveMaximum}: unacknowledged messages the broker may send at once
     */
    record Prognos(Path cliJar, Path registry, String model, boolean durable, List<String> javaOptions, int maxBatch,
                   int receiveMaximum) implements Target {
        public Prognos {
            javaOptions = List.copyOf(javaOptions);
        }

        @Override
        public String label() {
            return durable ? "prognos-durable" : "prognos-memory";
        }

        @Override
        public Optional<ChildProcess> start(String brokerUrl, Path work) {
            Path config = work.resolve("service.yaml");
            Path state = work.resolve("state");
            try {
                Files.createDirectories(work);
                Files.writeString(config, yaml());
                deleteTree(state);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare " + work, e);
            }
            List<String> command = new ArrayList<>(List.of(java()));
            command.addAll(javaOptions);
            command.addAll(List.of("-jar", cliJar.toString(), "serve", "--registry", registry.toString(), "--mqtt", brokerUrl,
                    "--config", config.toString()));
            command.addAll(durable ? List.of("--data-dir", state.toString()) : List.of("--memory-state"));
            // what ./prognos sets: one OpenMP thread per booster call
            ChildProcess p = ChildProcess.start(command, work.resolve("service.log"),
                    Map.of("OMP_NUM_THREADS", "1", "OMP_WAIT_POLICY", "PASSIVE"));
            try {
                p.awaitLine("MQTT: subscribed", START_TIMEOUT);
            } catch (RuntimeException e) {
                p.close();
                throw e;
            }
            return Optional.of(p);
        }

        /** The service config: loopback only, no keys, the benchmark's subscription and score topic. */
        String yaml() {
            return String.join("\n",
                    "# written by org.prognos.benchmarks.mqtt.Target.Prognos",
                    "host: 127.0.0.1",
                    "port: 0",
                    "auth: {enabled: false}",
                    "mqtt:",
                    "  version: 5",
                    "  clientId: prognos-bench",
                    "  subscriptions:",
                    "    - {topic: \"fleet/{asset}/telemetry\", model: " + model + ", format: json}",
                    "  scoreTopic: \"prognos/scores/{asset}\"",
                    "  maxBatch: " + maxBatch,
                    "  receiveMaximum: " + receiveMaximum,
                    "");
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("command", "java " + String.join(" ", javaOptions) + " -jar " + cliJar.getFileName() + " serve --registry R"
                    + " --mqtt URL --config service.yaml " + (durable ? "--data-dir DIR" : "--memory-state"));
            m.put("model", model);
            m.put("state", durable ? "rocksdb (synced write per batch)" : "memory");
            m.put("maxBatch", maxBatch);
            m.put("receiveMaximum", receiveMaximum);
            return m;
        }
    }

    /**
     * The floor: a {@link Republisher} in a JVM of its own, from the benchmark's own class path.
     *
     * @param javaOptions    its JVM's options
     * @param receiveMaximum the Receive Maximum it connects with (the service's, for a like-for-like window)
     */
    record Floor(List<String> javaOptions, int receiveMaximum) implements Target {
        public Floor {
            javaOptions = List.copyOf(javaOptions);
        }

        @Override
        public String label() {
            return "floor";
        }

        @Override
        public Optional<ChildProcess> start(String brokerUrl, Path work) {
            List<String> command = new ArrayList<>(List.of(java()));
            command.addAll(javaOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), MqttBench.class.getName(), "floor",
                    "--broker", brokerUrl, "--receive-maximum", Integer.toString(receiveMaximum)));
            try {
                Files.createDirectories(work);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + work, e);
            }
            ChildProcess p = ChildProcess.start(command, work.resolve("floor.log"), Map.of());
            try {
                p.awaitLine(Republisher.READY, START_TIMEOUT);
            } catch (RuntimeException e) {
                p.close();
                throw e;
            }
            return Optional.of(p);
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("command", "java " + String.join(" ", javaOptions) + " " + MqttBench.class.getSimpleName() + " floor");
            m.put("does", "subscribes fleet/+/telemetry (QoS 1), republishes each payload unchanged to prognos/scores/{asset}"
                    + " (QoS 1); nothing else");
            m.put("receiveMaximum", receiveMaximum);
            return m;
        }
    }

    /**
     * A system started by someone else on a given broker.
     *
     * @param label its name in the results
     */
    record External(String label) implements Target {
        @Override
        public Optional<ChildProcess> start(String brokerUrl, Path work) {
            return Optional.empty();
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("command", "external");
        }
    }

    /** The java launcher running this benchmark. */
    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Deletes a directory tree if present. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
