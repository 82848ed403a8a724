package org.prognos.cli.simulate;

import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.prognos.PrognosException;

/**
 * An MQTT 3.1.1 broker in this JVM (Moquette), listening on 127.0.0.1 only: the broker of {@code prognos demo} and of
 * the simulator's tests. Anonymous clients are allowed, which is safe because nothing off this machine can connect.
 *
 * <p>In memory: no file is written, not even the {@code .moquette_uuid} Moquette's usage telemetry would leave in the
 * working directory (that telemetry, which phones home, is off). A broker whose sessions must outlive it is a real
 * one (Mosquitto), not this demo broker. Messages may be as large as the scoring service's default request body
 * (1 MiB), so a {@code --batch} of thousands of readings fits. Subscribe through {@link #client}.
 * Moquette logs through SLF4J: the launcher's Logback configuration shows its warnings and errors only, less the
 * warning about an MQTT 5 CONNECT ({@link MqttFiveProbeFilter}: a client such as {@code prognos simulate} tries MQTT 5
 * before 3.1.1). Starting takes a few hundred milliseconds; {@link #close()} about two
 * seconds, Netty's graceful shutdown that Moquette 0.17 waits for.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** The address the broker binds: loopback only. */
    public static final String HOST = "127.0.0.1";
    /** Largest message accepted, in bytes (the service's default {@code limits.maxBodyBytes}). */
    public static final int MAX_MESSAGE_BYTES = 1 << 20;

    private static final int FREE_PORT_ATTEMPTS = 3;


    private final Server server;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedBroker(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** A broker in memory on a free port. */
    public static EmbeddedBroker inMemory() {
        return inMemory(0);
    }

    /** A broker in memory on {@code port} (0: a free port). */
    public static EmbeddedBroker inMemory(int port) {
        if (port < 0 || port > 65_535) {
            throw new PrognosException("broker port must be 0 (any free port) to 65535, found " + port);
        }
        // Moquette 0.17 learns the port it bound only after start returns, on its event loop: pick a free one here
        for (int attempt = 1; ; attempt++) {
            int chosen = port == 0 ? freePort() : port;
            Server server = new Server();
            try {
                server.startServer(config(chosen));
                return new EmbeddedBroker(server, chosen);
            } catch (IOException | RuntimeException e) {
                release(server);
                if (port != 0 || attempt == FREE_PORT_ATTEMPTS) {
                    throw new PrognosException("cannot start the embedded MQTT broker on " + HOST + ":" + chosen + ": "
                            + reason(e), e);
                }
                // another process took the free port between our probe and Moquette's bind: probe again
            }
        }
    }

    /** Stops what a failed start left running (event loops, the scheduler). */
    private static void release(Server server) {
        try {
            server.stopServer();
        } catch (RuntimeException ignored) {
            // it did not get far enough to have anything to stop
        }
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new PrognosException("cannot find a free port on " + HOST + " for the embedded MQTT broker: " + reason(e), e);
        }
    }

    /** Places in each Moquette session command queue (its default is 1,024). */
    static final int SESSION_QUEUE_SIZE = 32_768;

    private static IConfig config(int port) {
        Properties p = new Properties();
        p.setProperty(IConfig.HOST_PROPERTY_NAME, HOST);
        p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        p.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "true");   // MQTT 3.1.1 lets a clean session leave it empty
        p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
        // Moquette hands every routed message to its sessions' command queues (1,024 places by default) and drops the
        // routing, with a "command queue is full" warning, when one is full: a replay as fast as possible outruns a
        // subscriber that scores on two busy cores. A deeper queue is a few MB at most and loses nothing.
        p.setProperty(BrokerConstants.SESSION_QUEUE_SIZE, Integer.toString(SESSION_QUEUE_SIZE));
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        return new MemoryConfig(p);
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return Objects.requireNonNullElse(root.getMessage(), root.getClass().getSimpleName());
    }

    /** The port the broker listens on. */
    public int port() {
        return port;
    }

    /** The broker's URL, {@code tcp://127.0.0.1:PORT}, as {@code prognos simulate --broker} takes it. */
    public String url() {
        return "tcp://" + HOST + ":" + port;
    }

    /**
     * An MQTT 3.1.1 client of this broker, not yet connected, that reconnects on its own (after 100 ms, then backing
     * off), resending what was pending. Subscribe through one of these, not a plain client: Moquette 0.17 (0.18 too)
     * marks a connection usable only once its CONNACK's write has completed and a listener that its session thread adds
     * afterwards has run on the connection's event loop; when that thread is descheduled in between (a busy machine),
     * the event loop can read the client's SUBSCRIBE first, and Moquette then drops the connection as "already closed"
     * without a SUBACK. A client that reconnects resends the subscription; a plain one waits forever (a persistent
     * session) or fails its subscribe (a clean one). Publishing is not affected.
     */
    public Mqtt3AsyncClient client(String identifier) {
        return Mqtt3Client.builder().identifier(identifier).serverHost(HOST).serverPort(port)
                .automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS).maxDelay(2, TimeUnit.SECONDS)
                .applyAutomaticReconnect().buildAsync();
    }

    /** Disconnects every client and stops the broker; again, does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stopServer();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedBroker[" + url() + ", in memory]";
    }
}
