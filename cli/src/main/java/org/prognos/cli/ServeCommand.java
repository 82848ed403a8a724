package org.prognos.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
            "API keys: a key file (config auth.keysFile) or $PROGNOS_API_KEYS='admin:KEY,score:KEY'."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--registry", required = true, description = "Registry directory the models are published to.")
    Path registry;

    @Option(names = "--port", description = "TCP port (default: the config's, else 7070).")
    Integer port;

    @Option(names = "--host", description = "Interface to bind (default: the config's, else 0.0.0.0).")
    String host;

    @Option(names = "--config", description = "Service config, service.json or service.yaml (limits, keys, TLS, state bounds, reload).")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        ServiceConfig c = config == null ? ServiceConfig.defaults() : ServiceConfig.read(config);
        if (port != null) {
            c = c.withPort(port);
        }
        if (host != null) {
            c = c.withHost(host);
        }
        Server server = Server.start(registry, c, System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "prognos-shutdown"));
        command.commandLine().getOut().printf(Locale.ROOT, "prognos serving %s on %s://%s:%d in %.2f s (Ctrl-C stops, draining requests)%n",
                server.catalog().names(), c.tls().enabled() ? "https" : "http", c.host(), server.port(), server.startSeconds());
        command.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
