package org.prognos.live.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker for the tests (Debian's {@code mosquitto}, which {@code .ci/run} installs): started on free
 * loopback ports with a plain listener, optionally a TLS listener (a CA and server certificate made with
 * {@code openssl}) and a password file (made with {@code mosquitto_passwd}); stopped and restarted on the same ports
 * to test reconnects. Without the binary the test is skipped on a developer machine and fails in CI.
 *
 * <p>Shared by the service's MQTT tests and the Flink job's (this module's test jar): both run against the same broker
 * set-up.
 */
public final class Mosquitto implements AutoCloseable {
    public static final String USER = "prognos";
    public static final String PASSWORD = "s3cret-for-tests";

    private final Path dir;
    private final int port;
    private final int tlsPort;
    private final boolean secured;
    private Process process;

    private Mosquitto(Path dir, int port, int tlsPort, boolean secured) {
        this.dir = dir;
        this.port = port;
        this.tlsPort = tlsPort;
        this.secured = secured;
    }

    /** A broker on a free port, anonymous clients allowed, no persistence. */
    public static Mosquitto start(Path dir) {
        return start(dir, false);
    }

    /**
     * A broker; {@code secured} adds a TLS listener and requires the password file's user on both listeners.
     */
    public static Mosquitto start(Path dir, boolean secured) {
        requireBinary();
        Mosquitto m = new Mosquitto(dir, freePort(), secured ? freePort() : -1, secured);
        m.configure();
        m.run();
        return m;
    }

    public static void requireBinary() {
        boolean present = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) || Files.isExecutable(Path.of("/usr/bin/mosquitto"));
        if (!present && System.getenv("CI") != null) {
            fail("mosquitto is not installed; .ci/run installs it (apt-get install mosquitto mosquitto-clients)");
        }
        assumeTrue(present, "mosquitto is not installed (apt-get install mosquitto mosquitto-clients)");
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public String tlsUrl() {
        return "ssl://127.0.0.1:" + tlsPort;
    }

    public int port() {
        return port;
    }

    public Path caFile() {
        return dir.resolve("ca.pem");
    }

    public Path passwordFile() {
        return dir.resolve("client-password");
    }

    /** Stops the broker (SIGTERM) and waits for it. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts it again on the same ports (sessions are lost: no persistence). */
    public void restart() {
        stop();
        run();
    }

    @Override
    public void close() {
        stop();
    }

    private void configure() {
        List<String> conf = new ArrayList<>();
        conf.add("persistence false");
        // run as root (a CI container), mosquitto would switch to its own user and could not read our temp files
        conf.add("user " + System.getProperty("user.name"));
        conf.add("log_dest stderr");
        conf.add("log_type error");
        conf.add("log_type warning");
        conf.add("max_queued_messages 1000000");
        conf.add("per_listener_settings false");
        conf.add("allow_anonymous " + !secured);
        conf.add("listener " + port + " 127.0.0.1");
        if (secured) {
            makeCertificates();
            makePasswordFile();
            conf.add("password_file " + dir.resolve("passwd"));
            conf.add("listener " + tlsPort + " 127.0.0.1");
            conf.add("cafile " + caFile());
            conf.add("certfile " + dir.resolve("server.pem"));
            conf.add("keyfile " + dir.resolve("server.key"));
        }
        write(dir.resolve("mosquitto.conf"), String.join("\n", conf) + "\n");
    }

    private void run() {
        try {
            Path bin = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? Path.of("/usr/sbin/mosquitto") : Path.of("/usr/bin/mosquitto");
            process = new ProcessBuilder(bin.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start mosquitto: " + e.getMessage(), e);
        }
        awaitListening(port);
        if (secured) {
            awaitListening(tlsPort);
        }
    }

    private void awaitListening(int p) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", p), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    break;
                }
                sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + p + ": " + read(dir.resolve("mosquitto.log")));
    }

    private void makeCertificates() {
        String san = "subjectAltName=IP:127.0.0.1,DNS:localhost";
        write(dir.resolve("san.ext"), san + "\n");
        exec("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=prognos-test-ca");
        exec("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
        exec("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out",
                "server.pem", "-days", "2", "-extfile", "san.ext");
    }

    private void makePasswordFile() {
        exec("mosquitto_passwd", "-b", "-c", "passwd", USER, PASSWORD);
        write(passwordFile(), PASSWORD + "\n");
    }

    private void exec(String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("exec.log").toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + read(dir.resolve("exec.log")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
