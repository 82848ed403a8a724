package org.prognos.flink;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker for the tests: Kafka 4.2 in KRaft mode (one process as broker and controller) on free loopback
 * ports, in a child JVM whose class path is the broker's own, resolved by Maven apart from this module's (the
 * antrun execution in the pom writes it to {@code target/kafka-broker.classpath}), so the broker's Scala, Jackson and
 * Log4j never meet Flink's. Its storage is formatted with the broker's {@code StorageTool} first, as
 * {@code kafka-storage.sh format} does. Stopped, and its process waited for, on {@link #close()}.
 */
final class KafkaBroker implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final int port;
    private final Process process;

    private KafkaBroker(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Formats a log directory under {@code dir}, starts the broker and waits until it answers. */
    static KafkaBroker start(Path dir) throws IOException, InterruptedException {
        String classPath = classPath();
        int port = freePort();
        int controller = freePort();
        Path config = dir.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""), StandardCharsets.UTF_8);
        Path log = dir.resolve("broker.log");
        run(dir, classPath, List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                config.toString()), dir.resolve("format.log")).waitFor(60, TimeUnit.SECONDS);
        Process broker = run(dir, classPath, List.of("kafka.Kafka", config.toString()), log);
        KafkaBroker b = new KafkaBroker(port, broker);
        b.awaitReady(log);
        return b;
    }

    /** {@code host:port} for clients. */
    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Creates {@code topics} with {@code partitions} partitions each, and waits until every partition has a leader. */
    void createTopics(int partitions, String... topics) throws ExecutionException, InterruptedException {
        try (Admin admin = admin()) {
            List<NewTopic> all = new ArrayList<>();
            for (String t : topics) {
                all.add(new NewTopic(t, partitions, (short) 1));
            }
            admin.createTopics(all).all().get();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!admin.describeTopics(List.of(topics)).allTopicNames().get().values().stream()
                    .allMatch(d -> d.partitions().size() == partitions && d.partitions().stream().allMatch(i -> i.leader() != null))) {
                if (System.nanoTime() > deadline) {
                    fail("topics " + List.of(topics) + " have no leaders after " + START_TIMEOUT);
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000"));
        return Admin.create(p);
    }

    /** Waits until the broker describes its cluster, failing early (with its log) if the process ends. */
    private void awaitReady(Path log) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the Kafka broker exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                Thread.sleep(200);   // not up yet
            }
        }
        close();
        fail("the Kafka broker did not answer within " + START_TIMEOUT + ":\n" + tail(log));
    }

    private static Process run(Path dir, String classPath, List<String> mainAndArgs, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-cp", classPath));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** The broker's class path, as Maven resolved it for the build. */
    private static String classPath() throws IOException {
        Path file = Path.of("target", "kafka-broker.classpath");
        if (!Files.isRegularFile(file)) {
            fail(file.toAbsolutePath() + " is missing: the build writes it in generate-test-resources; run the test"
                    + " through Maven (./mvnw -pl flink -am test -Dtest=KafkaJobTest)");
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
