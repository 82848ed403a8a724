package org.prognos.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.prognos.FileProblems;
import org.prognos.PrognosException;
import org.prognos.inference.server.Server;
import org.prognos.inference.ServiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code prognos serve}: the scoring service. Loads the {@code production} alias of every model in the registry (or
 * the versions the config names), listens, and on SIGTERM or Ctrl-C stops accepting, drains in-flight requests and
 * exits.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the registry's production models over HTTP: window and batch scoring, streaming state per"
                + " asset, the fleet's at-risk list, hot reload, health, Prometheus metrics, /openapi.json and /docs.",
            "API keys: a key file (config auth.keysFile) or $PROGNOS_API_KEYS='admin:KEY,operate:KEY,score:KEY' (operate may also"
                + " acknowledge alerts); add ' tenant=NAME' to a key to give it its own asset namespace.",
            "MQTT: --mqtt tcp://broker:1883 subscribes to fleet/{asset}/telemetry; state is kept in --data-dir (./prognos-state).",
            "Signatures: --trust keys/ops.pub (or config trust.keys) serves only bundles signed by those keys. A model whose"
                + " bundle is refused is reported degraded in /health/ready and answers 503 until a good bundle is published."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--registry", required = true, description = "Registry directory the models are published to.")
    Path registry;

    @Option(names = "--port", description = "TCP port (default: the config's, else 7070).")
    Integer port;

    @Option(names = "--host", description = "Interface to bind (default: the config's, else 127.0.0.1: this machine only;"
            + " 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--insecure", description = "Allow serving without API keys (config auth.enabled: false) on an address"
            + " other machines can reach; without it such a start is refused. Only on a network trusted as a whole.")
    boolean insecure;

    @Option(names = "--config", description = "Service config, service.json or service.yaml (limits, keys, TLS, state, MQTT, reload).")
    Path config;

    @Option(names = "--mqtt", paramLabel = "URL", description = "Subscribe to this MQTT broker (tcp://host:1883, ssl://host:8883):"
            + " devices publish readings to fleet/{asset}/telemetry as JSON (the config's mqtt section sets the rest).")
    String mqtt;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where streaming state is kept durably (default: the config's"
            + " state.dataDir, else ./prognos-state); a restart, kill -9 included, recovers every asset from it.")
    Path dataDir;

    @Option(names = "--memory-state", description = "Keep streaming state in memory only (lost on restart).")
    boolean memoryState;

    @Option(names = "--trust", paramLabel = "FILE", description = "Serve only bundles signed by this public key (NAME.pub);"
            + " repeatable, added to the config's trust.keys. Unsigned or otherwise signed bundles are refused at start and"
            + " on reload (see /health/ready). Without any, signatures are not checked (a warning says so).")
    List<Path> trust = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        ServiceConfig c = config == null ? ServiceConfig.defaults() : ServiceConfig.read(config);
        if (port != null) {
            c = c.withPort(port);
        }
        if (host != null) {
            c = c.withHost(host);
        }
        if (insecure) {
            c = c.withAuth(c.auth().withInsecure(true));
        }
        c = withState(c);
        if (mqtt != null) {
            c = c.withMqtt(c.mqtt().withUrl(mqtt));
        }
        if (!trust.isEmpty()) {
            List<String> keys = new ArrayList<>(c.trust().keys());
            trust.forEach(k -> keys.add(k.toString()));
            c = c.withTrust(new ServiceConfig.Trust(keys));
        }
        Server server = start(c);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "prognos-shutdown"));
        command.commandLine().getOut().println(servingLine(c, server));
        command.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    /** The service started; a port in use is named, with the option that picks another. */
    private Server start(ServiceConfig c) {
        try {
            return Server.start(registry, c, System.getenv());
        } catch (Server.PortInUseException e) {
            throw new PrognosException("port " + e.port() + " is already in use; choose another with --port", e);
        }
    }

    /**
     * The one line {@code serve} prints once it listens: what is served where, and the facts an operator checks
     * first (state, signatures, MQTT). Models that failed to load are logged as a warning by the service.
     */
    static String servingLine(ServiceConfig c, Server server) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "serving %s on %s://%s:%d (started in %.2f s",
                server.catalog().names(), c.tls().enabled() ? "https" : "http", c.host(), server.port(), server.startSeconds()));
        line.append(c.state().durable()
                ? String.format(Locale.ROOT, "; state in %s, %d assets recovered", FileProblems.absolute(Path.of(c.state().dataDir())),
                        server.recovery().assets())
                : "; state in memory only, lost on restart");
        line.append(c.trust().enabled() ? "; bundle signatures checked against " + c.trust().keys() : "; bundle signatures NOT checked");
        if (c.mqtt().enabled()) {
            line.append("; MQTT ").append(c.mqtt().url()).append(' ')
                    .append(c.mqtt().subscriptions().stream().map(sub -> sub.topic()).toList());
        }
        return line.append("; Ctrl-C stops)").toString();
    }

    /** Durable state by default, in the directory given, the config's, or ./prognos-state; memory only when asked. */
    private ServiceConfig withState(ServiceConfig c) {
        if (memoryState) {
            return c.withState(c.state().withDataDir(null));
        }
        String dir = dataDir != null ? dataDir.toString() : c.state().durable() ? c.state().dataDir() : "prognos-state";
        return c.withState(c.state().withDataDir(dir));
    }
}
