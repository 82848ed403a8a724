package org.prognos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.prognos.cli.simulate.PublishStats;
import org.prognos.features.io.Datasets;
import org.prognos.features.telemetry.Dataset;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.StateConfig;
import org.prognos.inference.report.FleetReport;
import org.prognos.inference.report.ReportRow;
import org.prognos.inference.server.Server;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.signing.TrustList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code prognos demo}: the whole product on the bundled data in one command. Trains the Azure PdM and C-MAPSS
 * example jobs into a local registry, signed with a demo key pair (kept in the working directory's {@code keys/}),
 * and promotes them, writes the at-risk report for the Azure fleet, starts the scoring service with fresh API keys and
 * a trust list of the demo key, sends every printed {@code curl} example once itself (so the examples shown
 * are known to work), prints them and serves until Ctrl-C. Last, drift live: the streamed model's inputs against its
 * training profile, then the fleet scored with every vibration reading offset, and the drift route flagging it.
 *
 * <p>This class is the demo's script, read in the order it prints: {@link #call()} names each step, and a step of
 * more than a few lines is its own class, so that a newcomer follows one run here and opens a step only to see how it
 * is done: training, signing and promoting in {@link DemoModels} (1), the report here (2), the request bodies in
 * {@link DemoRequests} (3), the examples sent and printed through {@link DemoExamples} (4), the live fleet in
 * {@link LiveDemo} (5), and drift in {@link DriftDemo}. What stays here is the order and the service's lifetime: it is
 * started once, with the keys from {@link DemoApiKeys}, and closed on every way out.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs Prognos end to end on the bundled data: trains the Azure PdM (failure within 24 h and 7 days per"
            + " component), C-MAPSS FD001 (remaining useful life) and Azure anomaly (knn, no labels) example jobs, signs them with a demo key (DIR/keys),"
            + " publishes and promotes them in a local registry, writes the Azure at-risk report, starts the scoring service"
            + " (serving only bundles signed by the demo key) and prints curl examples that it has just checked. Ctrl-C stops"
            + " the service, draining in-flight requests."},
        footer = {"", "Example:", "  prognos demo                 # then open prognos-demo/report/report.html"})
final class DemoCommand implements Callable<Integer> {
    /** The model the report uses, the one streamed into, the RUL model and the engine it scores. */
    static final String REPORT_MODEL = "azure-7d";
    static final String STREAM_MODEL = "azure-24h";
    static final String RUL_MODEL = "cmapss-fd001-rul";
    /** The anomaly model (trained without failure labels) the demo serves beside the supervised ones. */
    static final String ANOMALY_MODEL = "azure-anomaly-knn";
    static final String ENGINE = "24";

    @Spec
    CommandSpec command;

    @Option(names = "--dir", description = "Working directory for the registry, report and example requests (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("prognos-demo");

    @Option(names = "--data", description = "The bundled data folder (default: notebooks-data of the Prognos checkout).")
    Path bundled;

    @Option(names = "--port", description = "Service port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = ServiceConfig.DEFAULT_PORT;

    @Option(names = "--host", description = "Interface the service binds (default: ${DEFAULT-VALUE}, this machine only).")
    String host = "127.0.0.1";

    @Option(names = "--retrain", description = "Train again even when the demo registry already has production models.")
    boolean retrain;

    @Option(names = "--check", description = "Stop after checking the examples instead of serving until Ctrl-C (for tests and CI).")
    boolean check;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        long t0 = System.nanoTime();
        Path data = bundled != null ? BundledData.check(bundled) : BundledData.locate();
        Path root = dir.toAbsolutePath().normalize();
        Path registryDir = root.resolve("registry");
        Files.createDirectories(registryDir);
        ModelRegistry registry = new ModelRegistry(registryDir);

        out.println("== 1/5 train, sign and publish to " + registryDir);
        DemoModels.Published published = DemoModels.publish(data, root, registry, registryDir, retrain, out);

        out.println("== 2/5 at-risk report for the Azure fleet (" + REPORT_MODEL + ")");
        Dataset azure = Datasets.open(data.resolve("azure-pdm"), null);
        List<ReportRow> ranked = report(registry, published.trust(), azure, root.resolve("report"), out);

        out.println("== 3/5 example requests");
        Requests requests = writeRequests(data, azure, ranked, Files.createDirectories(root.resolve("requests")), out);

        out.println("== 4/5 scoring service");
        DemoApiKeys apiKeys = DemoApiKeys.fresh();
        Path keys = root.resolve("api-keys.env");
        apiKeys.write(keys);
        LiveDemo live = LiveDemo.start();
        Path state = freshDirectory(root.resolve("state"));
        ServiceConfig config = ServiceConfig.defaults().withHost(host).withPort(port).withModels(List.of())
                .withTrust(new ServiceConfig.Trust(List.of(published.publicKey().toString())))
                .withState(StateConfig.defaults().withDataDir(state.toString()))
                .withMqtt(live.serviceConfig(STREAM_MODEL)).withDrift(DriftDemo.DRIFT);
        Server server;
        try {
            server = Server.start(registryDir, config, apiKeys.serviceEnvironment());
        } catch (RuntimeException e) {
            live.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            live.close();
            out.println("prognos demo: stopped (in-flight requests drained)");
            out.flush();
            stopped.countDown();
        }, "prognos-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        String base = "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + server.port();
        out.printf(Locale.ROOT, "serving %s on %s (ready in %.2f s)%n", server.catalog().names(), base, server.startSeconds());

        try {
            DemoExamples ex = new DemoExamples(base, apiKeys.score(), out);
            examples(ex, data, requests, apiKeys, out);
            liveFleet(live, azure, base, apiKeys.score(), out);
            DriftDemo.run(ex, azure, ranked, requests.dir(), STREAM_MODEL, REPORT_MODEL, apiKeys.score(), out);
            out.println();
            out.println("Keys for this run are in " + keys + " (source it, and 'prognos serve' and the curl lines above use them). The report: " + root.resolve("report/report.html").toUri());
            out.printf(Locale.ROOT, "demo ready in %.0f s%n", (System.nanoTime() - t0) / 1e9);
            out.flush();
        } catch (IOException | InterruptedException | RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            live.close();
            throw e;
        }
        if (check) {
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            live.close();
            return 0;
        }
        out.println("Serving until Ctrl-C (in-flight requests are drained).");
        out.flush();
        stopped.await();
        return 0;
    }

    /**
     * The bodies step 3 wrote for step 4 to send.
     *
     * @param dir         the folder they are in (the drift step writes its batches there too)
     * @param top         the report's top machine
     * @param azure       its last 24 readings, as a score request
     * @param engine      C-MAPSS FD001 test engine {@value #ENGINE}'s whole history, as a score request
     * @param streamAsset the report's second machine, streamed into the service's state
     * @param readings    its last 24 readings, as an ingest body
     */
    private record Requests(Path dir, ReportRow top, Path azure, Path engine, String streamAsset, Path readings) {
    }

    /** Step 3: the example request bodies, from the bundled data and the report's ranking. */
    private static Requests writeRequests(Path data, Dataset azure, List<ReportRow> ranked, Path dir, PrintWriter out)
            throws IOException {
        ReportRow top = ranked.get(0);
        Path azureBody = dir.resolve("azure-" + top.asset() + ".json");
        // the report scores each machine after its last reading (AssetState.nowTime), so the request carries the last
        // 24 readings and no asOf: the service then scores after the last reading too, on the very same inputs
        DemoRequests.write(azureBody, DemoRequests.windowRequest(azure, top.asset(), 24, null));
        Dataset fd001 = Datasets.open(data.resolve("cmapss"), "FD001:test");
        Path engineBody = dir.resolve("cmapss-engine-" + ENGINE + ".json");
        DemoRequests.write(engineBody, DemoRequests.windowRequest(fd001, ENGINE, Integer.MAX_VALUE, null));
        String streamAsset = ranked.get(1).asset();
        Path readingsBody = dir.resolve("readings-" + streamAsset + ".json");
        DemoRequests.write(readingsBody, DemoRequests.readingsRequest(azure, streamAsset, 24));
        out.println("wrote " + azureBody + ", " + engineBody + ", " + readingsBody);
        return new Requests(dir, top, azureBody, engineBody, streamAsset, readingsBody);
    }

    /** Step 4's examples: each route the demo shows, sent once and printed with what its answer says. */
    private static void examples(DemoExamples ex, Path data, Requests r, DemoApiKeys keys, PrintWriter out)
            throws IOException, InterruptedException {
        String scoreKey = keys.score();
        ReportRow top = r.top();
        JsonNode scored = ex.post("Score the report's top machine with the 7-day model (the same number as its report row):",
                "/v1/models/" + REPORT_MODEL + "/score", r.azure());
        out.printf(Locale.ROOT, "   -> %s: risk %.3f, band %s; the report said %.3f, %s%n", top.asset(),
                scored.at("/risk/score").asDouble(), scored.at("/risk/band").asText(), top.risk(), top.band());
        anomalyExample(ex, r.azure(), out);
        JsonNode rul = ex.post("Remaining useful life of C-MAPSS FD001 test engine " + ENGINE + " from its whole history:",
                "/v1/models/" + RUL_MODEL + "/score", r.engine());
        int trueRul = trueRul(data, Integer.parseInt(ENGINE));
        out.printf(Locale.ROOT, "   -> predicted %.1f cycles (true RUL %d, from RUL_FD001.txt)%n",
                rul.at("/remainingUsefulLife/value").asDouble(), trueRul);
        String streamAsset = r.streamAsset();
        JsonNode streamed = ex.post("Stream a day of readings for asset " + streamAsset + " into its live state:",
                "/v1/assets/" + streamAsset + "/readings?model=" + STREAM_MODEL, r.readings());
        out.printf(Locale.ROOT, "   -> %d readings held, %d bytes of state%n", streamed.at("/readings").asInt(), streamed.at("/stateBytes").asInt());
        JsonNode liveScore = ex.get("Score it from its state:", "/v1/assets/" + streamAsset + "/score", scoreKey);
        out.printf(Locale.ROOT, "   -> failure within 24 h: %.3f, band %s%n", liveScore.at("/failure/any").asDouble(), liveScore.at("/risk/band").asText());
        ex.get("The live fleet ranking:", "/v1/fleet/at-risk?limit=5", scoreKey);
        ex.get("What a model reads and how it was trained:", "/v1/models/" + RUL_MODEL, scoreKey);
        ex.postEmpty("Reload a model from the registry (admin key; the old version serves until the new one is verified):",
                "/v1/models/" + STREAM_MODEL + "/reload", keys.admin());
        ex.get("Prometheus metrics (the API itself: " + ex.base() + "/docs and /openapi.json):", "/metrics", null);
    }

    /**
     * Step 5: the Azure machines replayed as MQTT devices into the running service, alerts printed as they open. With
     * {@code --check}, the replay runs unpaced and the step waits until every reading is applied.
     */
    private void liveFleet(LiveDemo live, Dataset azure, String base, String scoreKey, PrintWriter out)
            throws IOException, InterruptedException {
        out.println();
        out.println("== 5/5 live fleet over MQTT (embedded broker on " + live.url() + ", state kept in " + dir.resolve("state") + ")");
        out.println("Watch what the service publishes and ask it about alerts:");
        out.println("  mosquitto_sub -h 127.0.0.1 -p " + live.port() + " -t 'prognos/alerts/#' -v     # alerts (retained per asset)");
        out.println("  mosquitto_sub -h 127.0.0.1 -p " + live.port() + " -t 'prognos/dead-letter/#' -v  # messages it could not use");
        out.println("  curl -s -H \"Authorization: Bearer " + scoreKey + "\" '" + base + "/v1/alerts?state=open'");
        out.println("  curl -s -H \"Authorization: Bearer " + scoreKey + "\" '" + base + "/v1/fleet/at-risk?limit=10'");
        out.println("or in a browser: " + base + "/ui/ with the key " + scoreKey + " (acknowledging alerts there needs the admin"
                + " key, in " + dir.resolve("api-keys.env") + ")");
        live.watchAlerts(out);
        live.replay(azure, check, out);
        if (!check) {
            out.println("(the replay runs in the background, a day of data every 2 s; alerts print here as they open)");
            return;
        }
        PublishStats stats = live.awaitReplay(600);
        long applied = awaitApplied(base, stats.messages());
        out.printf(Locale.ROOT, "   -> %,d messages applied over MQTT; %d alerts opened, %d closed%n", applied, live.alertsOpened(),
                live.alertsClosed());
    }

    /** Waits until the service has taken {@code messages} MQTT messages (its metrics say so); how many it took. */
    private static long awaitApplied(String base, long messages) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        long taken = 0;
        while (System.nanoTime() < deadline) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            taken = metrics.lines().filter(l -> l.startsWith("prognos_mqtt_messages_total{"))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            if (taken >= messages) {
                return taken;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service took " + taken + " of " + messages + " MQTT messages in 300 s");
    }

    /** An empty directory (the demo's state starts fresh each run: its replay starts over). */
    private static Path freshDirectory(Path d) throws IOException {
        if (Files.exists(d)) {
            try (Stream<Path> files = Files.walk(d)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(d);
    }

    /** The same machine through the anomaly model: how unlike normal it looks, and which sensors say so. */
    private static void anomalyExample(DemoExamples ex, Path azureBody, PrintWriter out) throws IOException, InterruptedException {
        JsonNode a = ex.post("The same machine through the anomaly model, trained without failure labels (training/ANOMALY.md):",
                "/v1/models/" + ANOMALY_MODEL + "/score", azureBody);
        List<String> sensors = new ArrayList<>();
        a.at("/anomaly/sensors").forEach(s -> sensors.add(String.format(Locale.ROOT, "%s %.0f %%", s.at("/sensor").asText(),
                100 * s.at("/share").asDouble())));
        out.printf(Locale.ROOT, "   -> anomaly score %.3f (share of held-out normal rows scoring lower; alarm from %.2f), band %s,"
                        + " health %.1f; top sensors: %s%n", a.at("/anomaly/score").asDouble(), a.at("/risk/threshold").asDouble(),
                a.at("/risk/band").asText(), a.at("/healthIndex").asDouble(), String.join(", ", sensors));
    }

    private static List<ReportRow> report(ModelRegistry registry, TrustList trust, Dataset azure, Path outDir, PrintWriter out)
            throws IOException {
        LoadedModel m = LoadedModel.load(registry.load(REPORT_MODEL + "@production", trust));
        try {
            FleetReport.Result r;
            try (Progress bar = Progress.overReadings("report " + REPORT_MODEL + "@production", azure.telemetry(), System.err)) {
                r = FleetReport.generate(m, new FleetReport.Request(azure, OptionalLong.empty(), Optional.empty(), outDir,
                        Runtime.getRuntime().availableProcessors(), FleetReport.EXPLAIN_ALL), bar::stepTo);
            }
            out.printf(Locale.ROOT, "%d machines ranked in %.1f s; the top five:%n", r.rows().size(), r.seconds());
            r.rows().stream().limit(5).forEach(x -> out.println(ReportCommand.topLine(x)));
            out.println("wrote " + r.html());
            return r.rows();
        } finally {
            m.close();
        }
    }

    private static int trueRul(Path data, int unit) throws IOException {
        List<String> lines = Files.readAllLines(data.resolve("cmapss/RUL_FD001.txt"));
        return Integer.parseInt(lines.get(unit - 1).strip());
    }
}
