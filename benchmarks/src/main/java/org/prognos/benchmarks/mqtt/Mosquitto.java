package org.prognos.benchmarks.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Mosquitto ({@code /usr/sbin/mosquitto}) on a free loopback port, configured like the peer's
 * ({@code mqtt_peer.py}: a loopback listener, anonymous clients, no persistence, {@code $SYS} every second) except for
 * the queue limit: {@code max_queued_messages} is raised from 1,000 so that the broker is not what drops messages when a
 * subscriber falls behind. Stopped by its PID on {@link #close()}.
 */
public final class Mosquitto implements AutoCloseable {
    /** Where Debian installs the broker. */
    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Settings settings;
    private final int port;
    private final ChildProcess process;

    private Mosquitto(Settings settings, int port, ChildProcess process) {
        this.settings = settings;
        this.port = port;
        this.process = process;
    }

    /**
     * The settings that differ from the peer's broker, and the ones the benchmark depends on.
     *
     * @param maxQueuedMessages   QoS 1 messages queued per client beyond those in flight (peer: the default, 1,000)
     * @param maxInflightMessages outgoing QoS 1 messages in flight per client; 0 = no limit (Mosquitto's default: 20;
     *                            an MQTT 5 client's Receive Maximum takes its place for that client)
     */
    public record Settings(int maxQueuedMessages, int maxInflightMessages) {
        public Settings {
            if (maxQueuedMessages < 0 || maxInflightMessages < 0) {
                throw new IllegalArgumentException("broker limits must not be negative: " + maxQueuedMessages + ", "
                        + maxInflightMessages);
            }
        }

        /** Queue limit raised to 1,000,000 messages; Mosquitto's default in-flight window (20). */
        public static Settings defaults() {
            return new Settings(1_000_000, 20);
        }

        /** The configuration file's lines for a listener on {@code port}. */
        List<String> lines(int port) {
            List<String> conf = new ArrayList<>();
            conf.add("listener " + port + " 127.0.0.1");
            conf.add("allow_anonymous true");
            conf.add("persistence false");
            conf.add("sys_interval 1");
            conf.add("max_queued_messages " + maxQueuedMessages);
            conf.add("max_inflight_messages " + maxInflightMessages);
            // as root, mosquitto would switch to its own user and could not write its log in our directory
            conf.add("user " + System.getProperty("user.name"));
            conf.add("log_dest stderr");
            conf.add("log_type error");
            conf.add("log_type warning");
            conf.add("log_type notice");
            return conf;
        }

        /** What a result records. */
        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("binary", BINARY.toString());
            m.put("persistence", false);
            m.put("allow_anonymous", true);
            m.put("sys_interval", 1);
            m.put("max_queued_messages", maxQueuedMessages);
            m.put("max_inflight_messages", maxInflightMessages);
            return m;
        }
    }

    /**
     * Writes {@code dir/mosquitto.conf} and starts the broker, waiting until it listens.
     *
     * @throws IllegalStateException when the binary is missing or the broker does not listen within 10 s
     */
    public static Mosquitto start(Path dir, Settings settings) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is not installed (apt-get install mosquitto)");
        }
        int port = freePort();
        Path conf = dir.resolve("mosquitto.conf");
        try {
            Files.createDirectories(dir);
            Files.write(conf, settings.lines(port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + conf, e);
        }
        ChildProcess p = ChildProcess.start(List.of(BINARY.toString(), "-c", conf.toString()), dir.resolve("mosquitto.log"), Map.of());
        awaitListening(port, p);
        return new Mosquitto(settings, port, p);
    }

    /** The broker's URL. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Its port. */
    public int port() {
        return port;
    }

    /** Its settings. */
    public Settings settings() {
        return settings;
    }

    /** The broker's process. */
    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }

    /** A port free on the loopback interface now. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void awaitListening(int port, ChildProcess p) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!p.alive()) {
                    break;
                }
                ChildProcess.sleep(50);
            }
        }
        p.close();
        throw new IllegalStateException("mosquitto did not listen on port " + port + ": " + p.tail());
    }
}
