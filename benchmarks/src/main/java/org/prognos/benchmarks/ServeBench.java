package org.prognos.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.AzurePdm;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.server.Server;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.api.ScoreRequest;
import org.prognos.inference.http.HttpIo;
import org.prognos.inference.codec.JsonCodec;
import org.prognos.inference.security.ApiKeys;
import org.prognos.inference.security.Role;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.LibraryVersions;
import org.prognos.models.bundle.Provenance;
import org.prognos.models.bundle.Task;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.tribuo.TribuoExamples;
import org.prognos.models.tribuo.TribuoPayloads;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The serving benchmark's Java side (driven by {@code benchmarks/serve/run.sh} with wrk):
 * <ul>
 * <li>{@code setup DATA REGISTRY BODY}: trains the Azure 24 h per-component XGBoost model (100 trees, depth 6) on
 * machines 1-50 of DATA with the guide spec, publishes it as {@code azure-24h@production}, and writes the request
 * body the peer's load test sends: machine 55's last 24 hourly readings before 2015-12-01 06:00, its events and
 * attributes.</li>
 * <li>{@code serve REGISTRY PORT}: the scoring service ({@code prognos serve}) with the benchmark's keys.</li>
 * <li>{@code floor PORT}: the HTTP floor: a Javalin app with the same thread pool and route that reads and binds the
 * same body with the same JSON codec, then answers a constant; no features, no model.</li>
 * </ul>
 */
public final class ServeBench {
    /** The benchmark's API key (score role). */
    public static final String KEY = "bench-key-0123456789abcdef";

    private ServeBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "setup" -> setup(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
            case "serve" -> serve(Path.of(args[1]), Integer.parseInt(args[2]));
            case "floor" -> floor(Integer.parseInt(args[1]));
            default -> throw new IllegalArgumentException("usage: ServeBench setup DATA REGISTRY BODY | serve REGISTRY PORT | floor PORT");
        }
    }

    static void setup(Path data, Path registryDir, Path body) throws IOException {
        Path specFile = data.toAbsolutePath().getParent().resolve("specs/azure-guide.json");
        FeatureSpec spec = SpecJson.read(Files.exists(specFile) ? specFile : Path.of("notebooks-data/specs/azure-guide.json"));
        Dataset ds = AzurePdm.load(data);
        FeatureExtractor ex = new FeatureExtractor(spec);
        FeatureTable table = new FeatureTable(ex.columns());
        BatchExtractor.Summary s = new BatchExtractor(ex, 2, n -> { }).run(ds, table);
        FeatureTable sorted = table.sorted();
        List<String> comps = List.of("comp1", "comp2", "comp3", "comp4");
        FailureWithinHorizon labeler = FailureWithinHorizon.perComponent(ex.axis().parseSpan("24h"), comps);
        double[] y = labeler.label(sorted, ds.events(), s.lastReadingTimes());
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> train = new MutableDataset<>(new SimpleDataSourceProvenance("azure machines 1-50", f), f);
        for (int i = 0; i < sorted.size(); i++) {
            if (Integer.parseInt(sorted.asset(i)) <= 50 && !Double.isNaN(y[i])) {
                train.add(TribuoExamples.of(ex.columns(), sorted.row(i), new Label(labeler.classes().get((int) y[i]))));
            }
        }
        long t0 = System.nanoTime();
        var model = new XGBoostClassificationTrainer(100, 0.3, 0, 6, 1, 1, 1, 1, 0, 2, true, 42).train(train);
        System.out.printf(Locale.ROOT, "trained on %d rows in %.1f s%n", train.size(), (System.nanoTime() - t0) / 1e9);
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        metrics.putObject("decision").put("threshold", 0.3);
        ModelRegistry registry = new ModelRegistry(registryDir);
        BundleRef ref = registry.publish(BundleContents.of("azure-24h", Task.of(labeler, "24h"), spec,
                new Provenance("sha256:" + "00".repeat(32), "machines 1-50 (benchmark)", 42, Map.of(), LibraryVersions.current()),
                metrics, TribuoPayloads.of(model)));
        registry.promote(ref.name(), ref.version(), "production");

        TimeAxis axis = ex.axis();
        long t = axis.parse("2015-12-01 06:00:00");
        long hour = 3_600_000_000L;
        ObjectNode req = JsonNodeFactory.instance.objectNode();
        req.put("asset", "55");
        ArrayNode readings = req.putArray("readings");
        List<String> channels = ds.telemetry().channels();
        ds.telemetry().forEach((asset, time, v) -> {
            if (asset.equals("55") && time >= t - 24 * hour && time < t) {
                ObjectNode r = readings.addObject();
                r.put("time", axis.format(time));
                ObjectNode values = r.putObject("values");
                for (int c = 0; c < channels.size(); c++) {
                    values.put(channels.get(c), v[c]);
                }
            }
        });
        ArrayNode events = req.putArray("events");
        ds.events().of("55").stream().filter(e -> e.time() < t && e.time() >= t - 26 * hour
                        || e.kind() == org.prognos.features.telemetry.EventKind.MAINTENANCE && e.time() < t)
                .forEach(e -> events.addObject().put("kind", e.kind().name().toLowerCase(Locale.ROOT)).put("code", e.code())
                        .put("time", axis.format(e.time())));
        ObjectNode attrs = req.putObject("attributes");
        ds.attributes().of("55").forEach(attrs::put);
        req.put("asOf", axis.format(t));
        Files.writeString(body, new ObjectMapper().writeValueAsString(req));
        System.out.println("published " + ref + " to " + registryDir + "; body " + body + " (" + readings.size() + " readings, "
                + events.size() + " events)");
    }

    static void serve(Path registry, int port) {
        ServiceConfig config = ServiceConfig.defaults().withHost("127.0.0.1").withPort(port);
        Server server = Server.start(registry, config, ApiKeys.of(Map.of(KEY, Role.SCORE)), Predictors.standard());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.printf(Locale.ROOT, "serving on %d, ready in %.2f s%n", server.port(), server.startSeconds());
    }

    static void floor(int port) {
        ServiceConfig config = ServiceConfig.defaults();
        JsonCodec codec = new JsonCodec(config.limits());
        HttpIo io = new HttpIo(codec, config.limits());
        byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            ServiceConfig.Threads t = config.threads();
            cfg.jetty.threadPool = new QueuedThreadPool(t.maxThreads(), t.minThreads(), 60_000, -1,
                    new BlockingArrayQueue<>(t.queueSize(), 0, t.queueSize()), null);
        });
        app.post("/v1/models/{model}/score", ctx -> {
            ScoreRequest r = io.body(ctx, ScoreRequest.class);
            if (r.readings().isEmpty()) {
                ctx.status(400);
            }
            ctx.contentType("application/json").result(answer);
        });
        app.start("127.0.0.1", port);
        System.out.println("HTTP floor on " + app.port());
    }
}
