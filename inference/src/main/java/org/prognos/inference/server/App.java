package org.prognos.inference.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.api.Problem;
import org.prognos.inference.http.AccessControl;
import org.prognos.inference.http.AlertController;
import org.prognos.inference.http.ApiDocs;
import org.prognos.inference.http.AssetController;
import org.prognos.inference.codec.BodyReader;
import org.prognos.inference.http.HttpIo;
import org.prognos.inference.codec.JsonCodec;
import org.prognos.inference.http.DriftController;
import org.prognos.inference.http.ModelController;
import org.prognos.inference.http.OpsController;
import org.prognos.inference.http.ProblemMapper;
import org.prognos.inference.http.ScoringController;
import org.prognos.inference.quota.KeyQuotas;
import org.prognos.inference.security.Role;

/**
 * The HTTP application: routes, access control, limits, problem responses and request metrics, wired to the
 * services in {@link Services}. {@link #create} returns an unstarted server, so tests start it on port 0 and
 * {@link Server} starts it on the configured port.
 *
 * <p>The edge, against slow and greedy clients ({@code config.clients()}): one connector (HTTPS when TLS is on) with
 * the idle timeout and a cap on connections per client address ({@link ConnectionsPerAddress}); Jetty's minimum
 * request and response data rates; JSON bodies read without a worker thread before the routes run
 * ({@link BodyPrefetch}, which also enforces the read deadline); readiness false while half the worker queue waits.
 * Every error, Jetty's own included ({@link ProblemErrorHandler}), is an RFC 9457 problem.
 */
public final class App {
    /** Header carrying the request id (accepted from the client when well-formed, else generated). */
    public static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String STARTED = "prognos.started";
    /** Where the live fleet page is served ({@code /ui/}, its files under {@link #UI_RESOURCES}). */
    public static final String UI_PATH = "/ui";
    /**
     * The class path folder of the live page's files (plain HTML, CSS and JS modules, uPlot vendored): a name no Java
     * package can have, so no class folder earlier on the class path (a test package {@code ui}) hides it.
     */
    public static final String UI_RESOURCES = "/org/prognos/inference/live-page";
    /**
     * The page runs only its own scripts and talks only to this service; uPlot sets inline styles, hence
     * {@code 'unsafe-inline'} for styles alone.
     */
    static final String UI_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
            + " frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /**
     * Every route: method and path template. The OpenAPI document describes exactly these, and they are exactly the
     * routes {@link #create} registers (both tested against the running server's router).
     */
    public static final List<String> ROUTES = List.of(
            "POST /v1/models/{model}/score",
            "POST /v1/models/{model}/score-batch",
            "GET /v1/models",
            "GET /v1/models/{model}",
            "POST /v1/models/{model}/reload",
            "GET /v1/models/{model}/drift",
            "POST /v1/assets/{asset}/readings",
            "GET /v1/assets/{asset}/score",
            "GET /v1/assets/{asset}/features",
            "GET /v1/assets/{asset}/history",
            "DELETE /v1/assets/{asset}",
            "POST /v1/assets/{asset}/reset",
            "GET /v1/fleet/at-risk",
            "GET /v1/alerts",
            "GET /v1/alerts/{id}",
            "POST /v1/alerts/{id}/ack",
            "GET /health/live",
            "GET /health/ready",
            "GET /metrics",
            "GET /openapi.json",
            "GET /docs");

    private App() {
    }

    /** The service's HTTP application for {@code config} over {@code services}, not started. */
    public static Javalin create(ServiceConfig config, Services services) {
        return create(config, services, System.getenv());
    }

    /** The app, with the TLS keystore password (when TLS is on) read from {@code env}. */
    public static Javalin create(ServiceConfig config, Services services, Map<String, String> env) {
        JsonCodec codec = new JsonCodec(config.limits());
        ServiceConfig.Clients clients = config.clients();
        HttpIo io = new HttpIo(codec, config.limits());
        ApiDocs docs = ApiDocs.load(new ObjectMapper());
        BodyReader bodies = new BodyReader(codec, config.limits());
        ScoringController scoring = new ScoringController(services.scoring(), bodies, io);
        AssetController assets = new AssetController(services.streaming(), services.history(), bodies, io);
        ModelController models = new ModelController(services.models(), io);
        AlertController alerts = new AlertController(services.alerts(), io);
        DriftController drift = new DriftController(services.drift(), io);
        OpsController ops = new OpsController(services.lifecycle(), services.models(), services.metrics(), docs, io);
        var metrics = services.metrics();
        AccessControl access = new AccessControl(services.keys(), new KeyQuotas(config.quotas(), metrics, System::nanoTime));

        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = config.limits().maxBodyBytes();
            cfg.http.prefer405over404 = true;
            // answers are a few KB for machines on the same network; Javalin's check of every answer over 1.5 KB for
            // compression cost 4 % of the scoring route's CPU. A proxy in front can compress for remote clients.
            cfg.http.disableCompression();
            cfg.jsonMapper(new JavalinJackson(codec.mapper(), false));
            DocsAssets.serve(cfg);
            cfg.staticFiles.add(ui -> {
                // the live page's files are public; every call it makes for data carries the API key (see ui/app.js)
                ui.hostedPath = UI_PATH;
                ui.directory = UI_RESOURCES;
                ui.location = Location.CLASSPATH;
                ui.headers = Map.of("Content-Security-Policy", UI_POLICY, "Cache-Control", "no-cache");
            });
            cfg.jetty.defaultHost = config.host();
            ServiceConfig.Threads t = config.threads();
            QueuedThreadPool pool = new QueuedThreadPool(t.maxThreads(), t.minThreads(), 60_000, -1,
                    new BlockingArrayQueue<>(t.queueSize(), 0, t.queueSize()), null);
            pool.setName("prognos-http");
            cfg.jetty.threadPool = pool;
            services.lifecycle().watch(() -> saturated(pool, t.queueSize()));
            cfg.jetty.modifyServer(server -> {
                server.setStopTimeout((long) (config.drainSeconds() * 1000));
                server.setErrorHandler(new ProblemErrorHandler(codec));
            });
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                // dispatch at once: BodyPrefetch waits for bodies without a thread, and a refusal (415, 413, 401) is not
                // held back until a first body byte or the idle timeout
                http.setDelayDispatchUntilContent(false);
                http.setMinRequestDataRate((long) Math.ceil(clients.minRequestBytesPerSecond()));
                http.setMinResponseDataRate((long) Math.ceil(clients.minRequestBytesPerSecond()));
            });
            cfg.jetty.modifyServletContextHandler(context -> {
                FilterHolder prefetch = new FilterHolder(new BodyPrefetch(config.limits().maxBodyBytes(), clients.readDeadlineSeconds(), metrics,
                        access::knownCaller));
                prefetch.setAsyncSupported(true);
                context.addFilter(prefetch, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            });
            ConnectionsPerAddress perAddress = new ConnectionsPerAddress(clients.maxConnectionsPerAddress(), metrics);
            cfg.jetty.addConnector((server, http) -> connector(server, http, config, env, perAddress));
            cfg.requestLogger.http((ctx, ms) -> {
                Object started = ctx.attribute(STARTED);
                long nanos = started instanceof Long s ? System.nanoTime() - s : (long) (ms * 1e6);
                metrics.requestFinished(route(ctx), ctx.method().name(), ctx.statusCode(), nanos);
            });
        });

        app.before(ctx -> {
            ctx.attribute(STARTED, System.nanoTime());
            metrics.requestStarted();
            ctx.header(REQUEST_ID, requestId(ctx.header(REQUEST_ID)));
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Cache-Control", "no-store");
        });
        app.beforeMatched(access::check);
        app.after(AccessControl::release);
        app.beforeMatched(io::requireJsonBody);
        app.exception(Exception.class, (e, ctx) -> problem(ctx, e, codec));
        // Javalin answers unmatched routes itself; make those answers problems too
        app.error(404, ctx -> {
            if (ctx.res().getContentType() == null || !ctx.res().getContentType().startsWith(ProblemMapper.CONTENT_TYPE)) {
                problem(ctx, new NotFoundResponse(), codec);
            }
        });
        app.error(405, ctx -> {
            if (ctx.res().getContentType() == null || !ctx.res().getContentType().startsWith(ProblemMapper.CONTENT_TYPE)) {
                problem(ctx, new MethodNotAllowedResponse(), codec);
            }
        });

        app.post("/v1/models/{model}/score", scoring::score, Role.SCORE);
        app.post("/v1/models/{model}/score-batch", scoring::scoreBatch, Role.SCORE);
        app.get("/v1/models", models::list, Role.SCORE);
        app.get("/v1/models/{model}", models::show, Role.SCORE);
        app.post("/v1/models/{model}/reload", models::reload, Role.ADMIN);
        app.get("/v1/models/{model}/drift", drift::show, Role.SCORE);
        app.post("/v1/assets/{asset}/readings", assets::ingest, Role.SCORE);
        app.get("/v1/assets/{asset}/score", assets::score, Role.SCORE);
        app.get("/v1/assets/{asset}/features", assets::features, Role.SCORE);
        app.get("/v1/assets/{asset}/history", assets::history, Role.SCORE);
        app.delete("/v1/assets/{asset}", assets::delete, Role.ADMIN);
        app.post("/v1/assets/{asset}/reset", assets::reset, Role.ADMIN);
        app.get("/v1/fleet/at-risk", assets::atRisk, Role.SCORE);
        app.get("/v1/alerts", alerts::list, Role.SCORE);
        app.get("/v1/alerts/{id}", alerts::show, Role.SCORE);
        app.post("/v1/alerts/{id}/ack", alerts::ack, Role.OPERATE);
        app.get("/health/live", ops::live);
        app.get("/health/ready", ops::ready);
        app.get("/metrics", ops::metrics);
        app.get("/openapi.json", ops::openapi);
        app.get("/docs", ops::docs);
        return app;
    }

    /** The client's request id when it is well-formed, else a new one. */
    static String requestId(String fromClient) {
        return fromClient != null && CLIENT_REQUEST_ID.matcher(fromClient).matches() ? fromClient
                : Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    /** Not ready while half the worker pool's queue is waiting for a thread. */
    private static Optional<String> saturated(QueuedThreadPool pool, int queueCapacity) {
        int waiting = pool.getQueueSize();
        return waiting * 2L >= queueCapacity
                ? Optional.of("every HTTP worker is busy and " + waiting + " jobs wait for one (threads.queueSize is " + queueCapacity + ")")
                : Optional.empty();
    }

    private static void problem(Context ctx, Throwable e, JsonCodec codec) {
        String id = ctx.res().getHeader(REQUEST_ID);
        Problem p = ProblemMapper.toProblem(e, ctx.path(), id == null ? "" : id);
        ProblemMapper.headers(e).forEach(ctx::header);
        ctx.status(p.status()).contentType(ProblemMapper.CONTENT_TYPE).result(codec.write(p));
    }

    private static String route(Context ctx) {
        try {
            String p = ctx.endpointHandlerPath();
            return p == null || p.isEmpty() || p.equals("*") ? "unmatched" : p;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    /** The one listener: HTTPS when TLS is on, else plain HTTP, with the idle timeout and the per-address cap. */
    private static ServerConnector connector(org.eclipse.jetty.server.Server server, HttpConfiguration http, ServiceConfig config,
                                             Map<String, String> env, ConnectionsPerAddress perAddress) {
        ServerConnector connector;
        if (config.tls().enabled()) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(Path.of(config.tls().keystore()).toAbsolutePath().toString());
            String password = env.get(config.tls().keystorePasswordEnv());
            if (password != null) {
                ssl.setKeyStorePassword(password);
            }
            HttpConfiguration https = new HttpConfiguration(http);
            https.addCustomizer(new SecureRequestCustomizer());
            connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        // the first factory makes the TCP connection's Connection (TLS or HTTP): each connection is counted once
        ((ContainerLifeCycle) connector.getConnectionFactories().iterator().next()).addEventListener(perAddress);
        connector.setIdleTimeout((long) (config.clients().idleTimeoutSeconds() * 1000));
        connector.setHost(config.host());
        connector.setPort(config.port());
        return connector;
    }
}
