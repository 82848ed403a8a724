package org.prognos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.prognos.PrognosException;
import org.prognos.cli.simulate.PublishStats;
import org.prognos.features.io.Datasets;
import org.prognos.features.telemetry.Dataset;
import org.prognos.inference.DriftConfig;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.StateConfig;
import org.prognos.inference.report.FleetReport;
import org.prognos.inference.report.ReportRow;
import org.prognos.inference.server.Server;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.signing.BundleSigner;
import org.prognos.models.signing.KeyFiles;
import org.prognos.models.signing.SigningKey;
import org.prognos.models.signing.TrustList;
import org.prognos.training.TrainingJob;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.config.TrainingConfig;
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
 * <p>Why one class of about 510 lines: it is the demo's script, read in the order it prints (train and sign, report,
 * requests, service and examples, live fleet, drift), each step a short method; splitting the steps into classes
 * would make a newcomer jump between files to follow one run. The request bodies it sends are built apart, in
 * {@link DemoRequests}, and the live fleet in {@link LiveDemo}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs Prognos end to end on the bundled data: trains the Azure PdM (failure within 24 h and 7 days per",
            "component), C-MAPSS FD001 (remaining useful life) and Azure anomaly (knn, no labels) example jobs, signs them with a demo key (DIR/keys),",
            "publishes and promotes them in a local registry, writes the Azure at-risk report, starts the scoring service",
            "(serving only bundles signed by the demo key) and prints curl examples that it has just checked. Ctrl-C stops",
            "the service, draining in-flight requests."},
        footer = {"", "Example:", "  prognos demo                 # then open prognos-demo/report/report.html"})
final class DemoCommand implements Callable<Integer> {
    /** The example jobs the demo trains (in notebooks-data/jobs), the model the report uses, and the engine it scores. */
    static final List<String> JOBS = List.of("azure-24h-xgboost.yaml", "azure-7d-xgboost.yaml", "cmapss-fd001-xgboost.yaml",
            "azure-anomaly-knn.yaml");
    static final String REPORT_MODEL = "azure-7d";
    static final String STREAM_MODEL = "azure-24h";
    static final String RUL_MODEL = "cmapss-fd001-rul";
    /** The anomaly model (trained without failure labels) the demo serves beside the supervised ones. */
    static final String ANOMALY_MODEL = "azure-anomaly-knn";
    static final String ENGINE = "24";
    /** File name (without extension) of the demo's signing key pair, in its working directory's keys/. */
    static final String DEMO_KEY = "demo";
    /**
     * Drift settings: the defaults, judged every 30 s. The Azure spec's asset columns (machine model, age, the
     * days-since-maintenance clocks) are shown but not counted by the service itself (inference/README.md, Drift).
     */
    static final DriftConfig DRIFT = new DriftConfig(500, 100, 0.1, 0.25, 0.3, 30, List.of());
    /** The fleet is scored at these times with its readings as they are, then at the shifted ones with an offset. */
    static final List<String> DRIFT_NORMAL = List.of("2015-12-20 06:00:00", "2015-12-20 09:00:00");
    static final List<String> DRIFT_SHIFTED = List.of("2015-12-20 12:00:00", "2015-12-20 15:00:00", "2015-12-20 18:00:00");
    /** The injected offset on every vibration reading: about two standard deviations of a reading. */
    static final double VIBRATION_OFFSET = 10;

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

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
        KeyFiles.Written keyFiles = demoKey(root.resolve("keys"));
        BundleSigner signer = BundleSigner.read(keyFiles.privateKey());
        TrustList trust = TrustList.read(List.of(keyFiles.publicKey()));
        List<BundleRef> models = new ArrayList<>();
        for (String job : JOBS) {
            models.add(train(data.resolve("jobs").resolve(job), registry, registryDir, signer, out));
        }
        signAll(registry, models, signer, trust);
        out.println("signed " + models.stream().map(BundleRef::toString).collect(Collectors.joining(", ")) + " with demo key "
                + signer.keyId() + " (" + keyFiles.privateKey() + "); the service serves only bundles signed by it (trust.keys: "
                + keyFiles.publicKey() + ")");

        out.println("== 2/5 at-risk report for the Azure fleet (" + REPORT_MODEL + ")");
        Dataset azure = Datasets.open(data.resolve("azure-pdm"), null);
        List<ReportRow> ranked = report(registry, trust, azure, root.resolve("report"), out);

        out.println("== 3/5 example requests");
        Path requests = Files.createDirectories(root.resolve("requests"));
        ReportRow top = ranked.get(0);
        Path azureBody = requests.resolve("azure-" + top.asset() + ".json");
        // the report scores each machine after its last reading (AssetState.nowTime), so the request carries the last
        // 24 readings and no asOf: the service then scores after the last reading too, on the very same inputs
        write(azureBody, DemoRequests.windowRequest(azure, top.asset(), 24, null));
        Dataset fd001 = Datasets.open(data.resolve("cmapss"), "FD001:test");
        Path engineBody = requests.resolve("cmapss-engine-" + ENGINE + ".json");
        write(engineBody, DemoRequests.windowRequest(fd001, ENGINE, Integer.MAX_VALUE, null));
        String streamAsset = ranked.get(1).asset();
        Path readingsBody = requests.resolve("readings-" + streamAsset + ".json");
        write(readingsBody, DemoRequests.readingsRequest(azure, streamAsset, 24));
        out.println("wrote " + azureBody + ", " + engineBody + ", " + readingsBody);

        out.println("== 4/5 scoring service");
        DemoApiKeys apiKeys = new DemoApiKeys("score-" + randomHex(), "admin-" + randomHex());
        String scoreKey = apiKeys.score();
        String adminKey = apiKeys.admin();
        Path keys = root.resolve("api-keys.env");
        apiKeys.write(keys);
        LiveDemo live = LiveDemo.start();
        Path state = freshDirectory(root.resolve("state"));
        ServiceConfig config = ServiceConfig.defaults().withHost(host).withPort(port).withModels(List.of())
                .withTrust(new ServiceConfig.Trust(List.of(keyFiles.publicKey().toString())))
                .withState(StateConfig.defaults().withDataDir(state.toString()))
                .withMqtt(live.serviceConfig(STREAM_MODEL)).withDrift(DRIFT);
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
            Examples ex = new Examples(base, scoreKey, out);
            JsonNode scored = ex.post("Score the report's top machine with the 7-day model (the same number as its report row):",
                    "/v1/models/" + REPORT_MODEL + "/score", azureBody);
            out.printf(Locale.ROOT, "   -> %s: risk %.3f, band %s; the report said %.3f, %s%n", top.asset(),
                    scored.at("/risk/score").asDouble(), scored.at("/risk/band").asText(), top.risk(), top.band());
            anomalyExample(ex, top, azureBody, out);
            JsonNode rul = ex.post("Remaining useful life of C-MAPSS FD001 test engine " + ENGINE + " from its whole history:",
                    "/v1/models/" + RUL_MODEL + "/score", engineBody);
            int trueRul = trueRul(data, Integer.parseInt(ENGINE));
            out.printf(Locale.ROOT, "   -> predicted %.1f cycles (true RUL %d, from RUL_FD001.txt)%n",
                    rul.at("/remainingUsefulLife/value").asDouble(), trueRul);
            JsonNode streamed = ex.post("Stream a day of readings for asset " + streamAsset + " into its live state:",
                    "/v1/assets/" + streamAsset + "/readings?model=" + STREAM_MODEL, readingsBody);
            out.printf(Locale.ROOT, "   -> %d readings held, %d bytes of state%n", streamed.at("/readings").asInt(), streamed.at("/stateBytes").asInt());
            JsonNode liveScore = ex.get("Score it from its state:", "/v1/assets/" + streamAsset + "/score", scoreKey);
            out.printf(Locale.ROOT, "   -> failure within 24 h: %.3f, band %s%n", liveScore.at("/failure/any").asDouble(), liveScore.at("/risk/band").asText());
            ex.get("The live fleet ranking:", "/v1/fleet/at-risk?limit=5", scoreKey);
            ex.get("What a model reads and how it was trained:", "/v1/models/" + RUL_MODEL, scoreKey);
            ex.postEmpty("Reload a model from the registry (admin key; the old version serves until the new one is verified):",
                    "/v1/models/" + STREAM_MODEL + "/reload", adminKey);
            ex.get("Prometheus metrics (the API itself: " + base + "/docs and /openapi.json):", "/metrics", null);
            liveFleet(live, azure, base, scoreKey, out);
            drift(ex, azure, ranked, requests, scoreKey, out);
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

    /**
     * The demo's signing key pair in {@code dir} ({@code demo.key}, {@code demo.pub}): the one a previous run wrote,
     * else a new one.
     */
    private static KeyFiles.Written demoKey(Path dir) {
        KeyFiles.Written files = new KeyFiles.Written(dir.resolve(DEMO_KEY + KeyFiles.PRIVATE_SUFFIX),
                dir.resolve(DEMO_KEY + KeyFiles.PUBLIC_SUFFIX));
        boolean hasPrivate = Files.exists(files.privateKey());
        if (hasPrivate != Files.exists(files.publicKey())) {
            throw new PrognosException(files.privateKey() + " and " + files.publicKey() + " belong together; remove the one"
                    + " left and run the demo again");
        }
        return hasPrivate ? files : KeyFiles.write(SigningKey.generate(), dir, DEMO_KEY);
    }

    /** Signs each model the trust list does not already accept (one reused from a run with another key, say). */
    private static void signAll(ModelRegistry registry, List<BundleRef> models, BundleSigner signer, TrustList trust) {
        for (BundleRef ref : models) {
            if (!trust.verify(registry.load(ref)).trusted()) {
                registry.sign(ref, signer);
            }
        }
    }

    /** The same machine through the anomaly model: how unlike normal it looks, and which sensors say so. */
    private static void anomalyExample(Examples ex, ReportRow top, Path azureBody, PrintWriter out) throws IOException, InterruptedException {
        JsonNode a = ex.post("The same machine through the anomaly model, trained without failure labels (training/ANOMALY.md):",
                "/v1/models/" + ANOMALY_MODEL + "/score", azureBody);
        List<String> sensors = new ArrayList<>();
        a.at("/anomaly/sensors").forEach(s -> sensors.add(String.format(Locale.ROOT, "%s %.0f %%", s.at("/sensor").asText(),
                100 * s.at("/share").asDouble())));
        out.printf(Locale.ROOT, "   -> anomaly score %.3f (share of held-out normal rows scoring lower; alarm from %.2f), band %s,"
                        + " health %.1f; top sensors: %s%n", a.at("/anomaly/score").asDouble(), a.at("/risk/threshold").asDouble(),
                a.at("/risk/band").asText(), a.at("/healthIndex").asDouble(), String.join(", ", sensors));
    }

    /**
     * Trains one job into the demo registry, signed, and promotes it, unless a production version is already there.
     *
     * @return the production version
     */
    private BundleRef train(Path jobFile, ModelRegistry registry, Path registryDir, BundleSigner signer, PrintWriter out)
            throws IOException {
        TrainingConfig job = ConfigReader.read(jobFile);
        Optional<BundleRef> existing = registry.find(job.name() + "@production");
        if (existing.isPresent() && !retrain) {
            out.println("reusing " + existing.get() + " (--retrain trains again)");
            return existing.get();
        }
        TrainingConfig here = new TrainingConfig(job.name(), job.data(), job.spec(), job.task(), job.model(), job.split(),
                job.costs(), registryDir.toString(), job.seed());
        TrainingJob.Result r;
        try (TrainingStages stages = TrainingStages.onTerminal("train " + job.name(), System.err)) {
            r = new TrainingJob(here, jobFile.getParent(), stages::logged).signedWith(signer).run();
        }
        registry.promote(r.published().name(), r.published().version(), "production");
        out.printf(Locale.ROOT, "trained %s in %.1f s, promoted to production; held-out test: %s%n", r.published(), r.trainSeconds(),
                headline(r.metrics()));
        return r.published();
    }

    /** The figure a user looks at first, beside the baseline's. */
    static String headline(JsonNode metrics) {
        JsonNode m = metrics.path("model");
        if (m.has("rmse")) {
            return String.format(Locale.ROOT, "RMSE %.2f cycles (%.2f against RUL capped at 125); baselines: mean RUL %.2f, linear degradation %.2f",
                    m.path("rmse").asDouble(), m.path("rmseCappedTruth").asDouble(), metrics.at("/baselines/mean-rul/rmse").asDouble(),
                    metrics.at("/baselines/linear-degradation/rmse").asDouble());
        }
        if ("anomaly".equals(metrics.path("task").asText())) {   // no labels in training: the failures judge it afterwards
            JsonNode e = metrics.at("/evaluation/" + metrics.path("family").asText() + "/within24h");
            JsonNode z = metrics.at("/evaluation/zscore baseline/within24h");
            return String.format(Locale.ROOT, "failures alarmed within 24 h %d/%d, %.2f false-alarm episodes per asset-month;"
                    + " z-score baseline: %d/%d, %.2f", e.path("caught").asInt(), e.path("failures").asInt(),
                    e.path("alarmEpisodesPerAssetMonth").asDouble(), z.path("caught").asInt(), z.path("failures").asInt(),
                    z.path("alarmEpisodesPerAssetMonth").asDouble());
        }
        JsonNode b = metrics.at("/baselines/class-prior");
        return String.format(Locale.ROOT, "event recall %.3f (%d/%d failures), %.2f needless visits per asset-month; class prior: %.3f, %.2f",
                m.path("eventRecall").asDouble(), m.path("eventsCaught").asInt(), m.path("eventsWithRows").asInt(),
                m.path("needlessVisitsPerAssetMonth").asDouble(), b.path("eventRecall").asDouble(),
                b.path("needlessVisitsPerAssetMonth").asDouble());
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

    /**
     * Drift, live: the streamed model's window against its profile, then the 7-day model (fed only by these requests)
     * scoring the whole fleet at two times with its readings as they are and at three later times with every vibration
     * reading offset, its drift printed after each.
     */
    private void drift(Examples ex, Dataset azure, List<ReportRow> ranked, Path requests, String scoreKey, PrintWriter out)
            throws IOException, InterruptedException {
        out.println();
        out.println("== drift: live inputs against each model's training profile (PSI, KS distance; thresholds in inference/README.md)");
        out.println("   -> " + driftLine(ex.get("Drift of the streamed model's inputs (its last " + DRIFT.window()
                + " vectors across the fleet):", "/v1/models/" + STREAM_MODEL + "/drift", scoreKey)));
        List<String> assets = ranked.stream().map(ReportRow::asset).sorted().toList();
        for (int i = 0; i < DRIFT_NORMAL.size() + DRIFT_SHIFTED.size(); i++) {
            boolean shifted = i >= DRIFT_NORMAL.size();
            String at = shifted ? DRIFT_SHIFTED.get(i - DRIFT_NORMAL.size()) : DRIFT_NORMAL.get(i);
            Path body = requests.resolve("drift-" + (shifted ? "vibration+10-" : "") + at.replace(' ', 'T').replace(":", "") + ".json");
            write(body, DemoRequests.fleetBatch(azure, assets, at, shifted ? VIBRATION_OFFSET : 0));
            ex.post("Score the whole fleet as of " + at + " with " + REPORT_MODEL + (shifted ? ", every vibration reading "
                    + String.format(Locale.ROOT, "%+.0f", VIBRATION_OFFSET) + " (a recalibrated sensor)" : ", readings as they are")
                    + ":", "/v1/models/" + REPORT_MODEL + "/score-batch", body);
            if (i == DRIFT_NORMAL.size() - 1 || i == DRIFT_NORMAL.size() + DRIFT_SHIFTED.size() - 1) {
                out.println("   -> " + driftLine(ex.get("Its drift now:", "/v1/models/" + REPORT_MODEL + "/drift", scoreKey)));
            }
        }
    }

    /** One line of a drift answer: status, vectors, the counted features with the largest PSI. */
    static String driftLine(JsonNode d) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s v%d: %s over %d vectors", d.path("model").asText(),
                d.path("version").asInt(), d.path("status").asText(), d.path("rows").asInt()));
        int shown = 0;
        for (JsonNode f : d.path("features")) {
            if (f.path("counted").asBoolean() && shown < 3) {
                sb.append(shown == 0 ? "; largest PSI: " : ", ").append(String.format(Locale.ROOT, "%s %.2f (%s)",
                        f.path("feature").asText(), f.path("psi").asDouble(), f.path("status").asText()));
                shown++;
            }
        }
        return sb.toString();
    }

    private static int trueRul(Path data, int unit) throws IOException {
        List<String> lines = Files.readAllLines(data.resolve("cmapss/RUL_FD001.txt"));
        return Integer.parseInt(lines.get(unit - 1).strip());
    }

    private static void write(Path file, JsonNode body) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(body) + "\n", StandardCharsets.UTF_8);
    }

    private static String randomHex() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Sends each example once (any answer but 200 stops the demo with its problem detail), then prints its curl line. */
    private static final class Examples {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private final String scoreKey;
        private final PrintWriter out;

        Examples(String base, String scoreKey, PrintWriter out) {
            this.base = base;
            this.scoreKey = scoreKey;
            this.out = out;
        }

        JsonNode post(String what, String path, Path body) throws IOException, InterruptedException {
            HttpRequest req = request(path, scoreKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofFile(body)).build();
            String shown = relative(body);
            return send(what, req, "curl -s -H \"Authorization: Bearer " + scoreKey + "\" -H 'Content-Type: application/json' \\\n"
                    + "     '" + base + path + "' -d @" + shown);
        }

        JsonNode postEmpty(String what, String path, String key) throws IOException, InterruptedException {
            return send(what, request(path, key).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    "curl -s -X POST -H \"Authorization: Bearer " + key + "\" '" + base + path + "'");
        }

        JsonNode get(String what, String path, String key) throws IOException, InterruptedException {
            String auth = key == null ? "" : "-H \"Authorization: Bearer " + key + "\" ";
            return send(what, request(path, key).GET().build(), "curl -s " + auth + "'" + base + path + "'"
                    + (path.equals("/metrics") ? " | grep '^prognos_'" : ""));
        }

        private HttpRequest.Builder request(String path, String key) {
            HttpRequest.Builder b;
            try {
                b = HttpRequest.newBuilder(new URI(base + path)).timeout(Duration.ofSeconds(30));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(e);
            }
            return key == null ? b : b.header("Authorization", "Bearer " + key);
        }

        private JsonNode send(String what, HttpRequest req, String curl) throws IOException, InterruptedException {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                throw new PrognosException("demo example " + req.method() + " " + req.uri() + " answered " + res.statusCode() + ": " + res.body());
            }
            out.println();
            out.println("# " + what);
            out.println(curl);
            return res.headers().firstValue("Content-Type").orElse("").contains("json") ? JSON.readTree(res.body())
                    : JSON.createObjectNode();
        }

        /** The body path as the user would type it from the directory they ran the demo in. */
        private String relative(Path body) {
            Path cwd = Path.of("").toAbsolutePath();
            return body.startsWith(cwd) ? cwd.relativize(body).toString() : body.toString();
        }
    }
}
